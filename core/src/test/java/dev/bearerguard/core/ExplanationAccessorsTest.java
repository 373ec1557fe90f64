package dev.bearerguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.core.http.GuardAnswer;
import dev.bearerguard.core.http.Operation;
import dev.bearerguard.core.http.RequestGuard;
import dev.bearerguard.core.observe.BearerguardListener;
import dev.bearerguard.core.observe.ReplayEvent;
import dev.bearerguard.core.observe.RequestEvent;
import dev.bearerguard.core.observe.VerificationEvent;
import dev.bearerguard.test.ManualClock;
import dev.bearerguard.test.TestRequest;
import dev.bearerguard.test.TokenSigner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What {@code bearerguard explain} and the metrics binding read off core: the parts of an {@link
 * Explanation}, the verifier's settings, and a listener made of several.
 */
class ExplanationAccessorsTest {

    final ManualClock clock = new ManualClock(Instant.parse("2030-01-15T12:00:00Z"));
    final TokenSigner signer = TestKeys.signer().withClock(clock);

    @Test
    void explainWhenTheTokenIsGoodThenEveryPartIsThere() {
        TokenVerifier v = TokenVerifier.builder().keys(TestKeys.keySet()).clock(clock)
                .clockSkew(Duration.ofSeconds(30)).build();
        Instant nbf = clock.instant().minusSeconds(5);
        String token = signer.token().notBefore(nbf).lifetime(Duration.ofMinutes(2)).jti("e-1").sign();
        Explanation e = v.explain(token);
        assertThat(e.problems()).isEmpty();
        assertThat(e.headerText()).get().asString().contains("\"alg\":\"ES512\"");
        assertThat(e.claimsText()).get().asString().contains("\"jti\":\"e-1\"");
        assertThat(e.header().orElseThrow()).containsEntry("typ", "JWT").containsEntry("kid", signer.kid());
        assertThat(e.claims().orElseThrow()).containsEntry("jti", "e-1");
        assertThat(e.signatureLength()).hasValue(132);
        assertThat(e.algorithm()).contains(Algorithm.ES512);
        assertThat(e.key().orElseThrow().kid()).isEqualTo(signer.kid());
        assertThat(e.notBefore()).contains(nbf);
        assertThat(e.issuedAt()).contains(nbf);
        assertThat(e.expiresAt()).contains(nbf.plus(Duration.ofMinutes(2)));
        assertThat(e.now()).isEqualTo(clock.instant());
        assertThat(e.clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(e.profile()).isEqualTo(TokenProfile.API);
        assertThat(e.toString()).contains("Explanation").doesNotContain(token);
    }

    @Test
    void settingsWhenBuiltThenTheAccessorsAnswerThem() {
        TokenVerifier v = TokenVerifier.builder().keys(TestKeys.keySet()).clock(clock)
                .maxLifetime(Duration.ofHours(2)).issuers(Set.of("gr4vy-java/1.2.3")).maxTokenSize(4096)
                .verifiedTokenCache(500).build();
        assertThat(v.maxLifetime()).contains(Duration.ofHours(2));
        assertThat(v.issuers()).containsExactly("gr4vy-java/1.2.3");
        assertThat(v.maxTokenSize()).isEqualTo(4096);
        assertThat(v.verifiedTokenCacheSize()).isEqualTo(500);
        TokenVerifier d = TokenVerifier.builder().keys(TestKeys.keySet()).build();
        assertThat(d.maxLifetime()).isEmpty();
        assertThat(d.issuers()).isEmpty();
        assertThat(d.maxTokenSize()).isEqualTo(8192);
        assertThat(d.verifiedTokenCacheSize()).isZero();
    }

    @Test
    void allWhenSeveralListenersThenEachHearsEveryEventEvenWhenAnotherThrows() {
        List<Object> first = new CopyOnWriteArrayList<>();
        List<Object> second = new CopyOnWriteArrayList<>();
        BearerguardListener throwing = new BearerguardListener() {
            @Override
            public void verified(VerificationEvent event) {
                throw new IllegalStateException("a broken listener");
            }

            @Override
            public void replayRecorded(ReplayEvent event) {
                throw new IllegalStateException("a broken listener");
            }

            @Override
            public void requestDecided(RequestEvent event) {
                throw new IllegalStateException("a broken listener");
            }
        };
        BearerguardListener all = BearerguardListener.all(recorder(first), throwing, recorder(second));
        assertThat(BearerguardListener.all()).isSameAs(BearerguardListener.NONE);
        BearerguardListener one = recorder(first);
        assertThat(BearerguardListener.all(one)).isSameAs(one);

        TokenVerifier v = TokenVerifier.builder().keys(TestKeys.keySet()).clock(clock).listener(all).build();
        RequestGuard guard = RequestGuard.builder(v).build();
        GuardAnswer a = guard.check(TestRequest.get("/x").bearer(signer.token().sign()), Operation.validToken("GET /x"));
        assertThat(a.allowed()).isTrue();
        for (List<Object> heard : List.of(first, second)) {
            assertThat(heard).hasAtLeastOneElementOfType(VerificationEvent.class)
                    .hasAtLeastOneElementOfType(ReplayEvent.class)
                    .hasAtLeastOneElementOfType(RequestEvent.class);
        }
    }

    private static BearerguardListener recorder(List<Object> heard) {
        return new BearerguardListener() {
            @Override
            public void verified(VerificationEvent event) {
                heard.add(event);
            }

            @Override
            public void replayRecorded(ReplayEvent event) {
                heard.add(event);
            }

            @Override
            public void requestDecided(RequestEvent event) {
                heard.add(event);
            }
        };
    }
}
