package dev.bearerguard.jaxrs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.core.Authorizer;
import dev.bearerguard.core.BearerError;
import dev.bearerguard.core.BearerHeader;
import dev.bearerguard.core.Reason;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.test.PemKeys;
import dev.bearerguard.test.TokenSigner;
import dev.bearerguard.jaxrs.BearerSecurity;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SafetyNetFilterTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    private final KeyPair pair = PemKeys.generateP521();
    private final TokenSigner signer = TokenSigner.of(pair.getPrivate(), pair.getPublic()).withClock(clock);
    private final TokenVerifier verifier = TokenVerifier.builder()
            .keys(KeySet.of(TrustedKey.of(pair.getPublic()))).clock(clock).build();
    private final SafetyNetFilter filter =
            new SafetyNetFilter(Settings.defaults(verifier));

    @Test
    void filterWhenNoMethodPolicyRanAndNoTokenThen401() {
        FakeRequest request = new FakeRequest();
        filter.filter(request);
        assertThat(request.aborted).isNotNull();
        assertThat(request.aborted.getStatus()).isEqualTo(401);
        assertThat(request.aborted.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer realm=\"api\"");
    }

    @Test
    void filterWhenNoMethodPolicyRanAndValidTokenThenAuthenticates() {
        FakeRequest request = new FakeRequest().header("Authorization", "Bearer " + signer.token().sign());
        filter.filter(request);
        assertThat(request.aborted).isNull();
        assertThat(BearerSecurity.tokenOf(request.getSecurityContext())).isPresent();
    }

    @Test
    void filterWhenAMethodPolicyAlreadyRanThenLeavesTheRequestAlone() {
        FakeRequest request = new FakeRequest();
        request.setProperty(GuardFilter.DECIDED_PROPERTY, Boolean.TRUE);
        filter.filter(request);
        assertThat(request.aborted).isNull();
        assertThat(request.getSecurityContext()).isNull();
    }

    @Test
    void filterResponseWhenTheRuntimeAnsweredAnOptionsRequestItselfWithoutATokenThenTheAnswerBecomesThe401() {
        FakeRequest request = new FakeRequest().method("OPTIONS").answered();
        FakeResponse response = new FakeResponse(200).header("Allow", "GET, HEAD, OPTIONS");

        filter.filter(request, response);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeaders().get("WWW-Authenticate")).containsExactly("Bearer realm=\"api\"");
        assertThat(response.getHeaders().get("Cache-Control")).containsExactly("no-store");
        assertThat(response.getHeaders()).doesNotContainKey("Allow");
        assertThat(response.getEntity()).isEqualTo(BearerHeader.errorBody(BearerError.of(Reason.NO_CREDENTIALS, "")));
        assertThat(response.getMediaType().toString()).isEqualTo("application/json;charset=UTF-8");
    }

    @Test
    void filterResponseWhenTheRuntimeAnsweredAnOptionsRequestItselfWithAValidTokenThenTheAnswerStands() {
        FakeRequest request = new FakeRequest().method("OPTIONS").answered()
                .header("Authorization", "Bearer " + signer.token().sign());
        FakeResponse response = new FakeResponse(200).header("Allow", "GET, HEAD, OPTIONS");

        filter.filter(request, response);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeaders().get("Allow")).containsExactly("GET, HEAD, OPTIONS");
        assertThat(response.getHeaders()).doesNotContainKey("WWW-Authenticate");
    }

    @Test
    void filterResponseWhenAMethodPolicyDecidedTheRequestThenLeavesTheAnswerAlone() {
        FakeRequest request = new FakeRequest().method("OPTIONS").answered();
        request.setProperty(GuardFilter.DECIDED_PROPERTY, Boolean.TRUE);
        FakeResponse response = new FakeResponse(200);

        filter.filter(request, response);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeaders()).isEmpty();
    }

    @Test
    void filterResponseWhenTheRuntimeAnsweredAnotherMethodItselfThenLeavesTheAnswerAlone() {
        // An unmatched path answers 404 without looking at the token (README: limits to know).
        FakeRequest request = new FakeRequest().answered();
        FakeResponse response = new FakeResponse(404);

        filter.filter(request, response);

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getHeaders()).isEmpty();
    }
}
