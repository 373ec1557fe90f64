package dev.bearerguard.jaxrs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.core.http.GuardAnswer;
import dev.bearerguard.core.http.Operation;
import dev.bearerguard.core.http.RequestGuard;
import dev.bearerguard.core.BearerPrincipal;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.replay.ReplayPolicy;
import dev.bearerguard.test.PemKeys;
import dev.bearerguard.test.TokenSigner;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BearerSecurityContextTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    private final KeyPair pair = PemKeys.generateP521();
    private final TokenSigner signer = TokenSigner.of(pair.getPrivate(), pair.getPublic()).withClock(clock);
    private final TokenVerifier verifier = TokenVerifier.builder().keys(KeySet.of(TrustedKey.of(pair.getPublic())))
            .clock(clock).replayPolicy(ReplayPolicy.OFF).build();

    private final RequestGuard guard = RequestGuard.builder(verifier).build();

    /** The context the feature installs for a request carrying {@code token} and the merchant header. */
    private BearerSecurityContext context(TokenSigner.Draft token, String merchantHeader) {
        FakeRequest request = new FakeRequest().header("Authorization", "Bearer " + token.sign());
        if (merchantHeader != null) {
            request.header(RequestGuard.DEFAULT_MERCHANT_HEADER, merchantHeader);
        }
        GuardAnswer answer = guard.check(new GuardFilter.JaxrsRequestView(request), Operation.validToken("x"));
        assertThat(answer.allowed()).as(answer.toString()).isTrue();
        return new BearerSecurityContext(answer, false);
    }

    @Test
    void isUserInRoleWhenAnEmbedTokenThenOnlyEmbedAndAlternativesNamingIt() throws Exception {
        BearerSecurityContext c = context(signer.token().scopes("embed"), null);
        assertThat(c.isUserInRole("embed")).isTrue();
        assertThat(c.isUserInRole("transactions.write|embed")).isTrue();
        assertThat(c.isUserInRole("transactions.read")).isFalse();
        assertThat(c.isUserInRole("payment-options.read")).isFalse();
        assertThat(c.isUserInRole("*.read")).isFalse();
    }

    @Test
    void isUserInRoleWhenWildcardsThenNeverEmbed() throws Exception {
        BearerSecurityContext c = context(signer.token().scopes("*.read", "*.write"), null);
        assertThat(c.isUserInRole("embed")).isFalse();
        assertThat(c.isUserInRole("transactions.read")).isTrue();
    }

    @Test
    void principalActsForThePinnedMerchantWhenTheHeaderIsAbsent() throws Exception {
        BearerSecurityContext absent = context(signer.token().scopes("embed").embed("merchant_account_id", "m-1"), null);
        assertThat(((BearerPrincipal) absent.getUserPrincipal()).merchantAccount()).contains("m-1");
        FakeRequest other = new FakeRequest().header("Authorization", "Bearer "
                + signer.token().scopes("embed").embed("merchant_account_id", "m-1").sign())
                .header(RequestGuard.DEFAULT_MERCHANT_HEADER, "m-2");
        assertThat(guard.check(new GuardFilter.JaxrsRequestView(other), Operation.validToken("x")).status())
                .as("a header other than the pin").isEqualTo(403);
        BearerSecurityContext plain = context(signer.token().scopes("embed"), null);
        assertThat(((BearerPrincipal) plain.getUserPrincipal()).merchantAccount()).isEmpty();
    }
}
