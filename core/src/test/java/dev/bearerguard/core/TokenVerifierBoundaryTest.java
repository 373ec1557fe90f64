package dev.bearerguard.core;

import dev.bearerguard.test.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.replay.ReplayPolicy;
import dev.bearerguard.core.scope.ScopeVocabulary;
import dev.bearerguard.test.TokenSigner;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The edges of every check of {@link TokenVerifier}: each value on both sides of each bound, and the
 * descriptions that tell apart refusals of the same reason. Written where mutation testing (PIT)
 * showed a bound could move without a test noticing.
 */
class TokenVerifierBoundaryTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final long T = NOW.getEpochSecond();

    final ManualClock clock = new ManualClock(NOW);
    final TokenSigner signer = TestKeys.signer().withClock(clock);

    TokenVerifier.Builder builder() {
        return TokenVerifier.builder().keys(TestKeys.keySet()).clock(clock);
    }

    static TokenRejectedException refusal(TokenVerifier v, String token) {
        try {
            v.verify(token);
            return null;
        } catch (TokenRejectedException e) {
            return e;
        }
    }

    static String description(TokenVerifier v, String token) {
        TokenRejectedException e = refusal(v, token);
        return e == null ? null : e.error().description();
    }

    String raw(String claims) {
        return TestKeys.rawEs512("{\"alg\":\"ES512\",\"typ\":\"JWT\",\"kid\":\"" + signer.kid() + "\"}", claims);
    }

    String withTimes(String nbf, String exp) {
        return raw("{\"iss\":\"sdk\",\"nbf\":" + nbf + ",\"exp\":" + exp + ",\"jti\":\"j\",\"scopes\":[]}");
    }

    TokenSigner.Draft checkout() {
        return signer.checkoutToken().claim("partner_id", "p1").claim("client_id", "c1")
                .claim("customer_id", "cust-1").claim("invoice_id", "inv-1");
    }

    // --- size and shape ---------------------------------------------------------------------------

    @Test
    void verifyWhenTokenIsExactlyMaxTokenSizeThenAcceptedAndOneMoreThenTooLarge() throws Exception {
        String token = signer.token().sign();
        assertThat(builder().maxTokenSize(token.length()).build().verify(token)).isNotNull();
        assertThat(refusal(builder().maxTokenSize(token.length() - 1).build(), signer.token().sign()).reason())
                .isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void verifyWhenSegmentsAreMissingOrEmptyThenTheDescriptionSaysWhich() {
        TokenVerifier v = builder().build();
        String[] p = signer.token().sign().split("\\.");
        assertThat(description(v, "." + p[1] + "." + p[2])).isEqualTo("token is not three dot-separated segments");
        assertThat(description(v, p[0] + "." + p[1])).isEqualTo("token is not three dot-separated segments");
        assertThat(description(v, p[0] + "." + p[1] + "." + p[2] + ".")).isEqualTo("token is not three dot-separated segments");
        assertThat(description(v, p[0] + ".." + p[2])).isEqualTo("token has an empty segment");
        assertThat(description(v, p[0] + "." + p[1] + ".")).isEqualTo("token has an empty segment");
    }

    // --- time claims: both sides of each bound ----------------------------------------------------

    @Test
    void verifyWhenNbfIsZeroAsIntegerOrDecimalThenAcceptedIt1970IsATime() {
        TokenVerifier v = builder().build();
        assertThat(refusal(v, withTimes("0", String.valueOf(T + 60)))).isNull();
        assertThat(refusal(builder().build(), withTimes("0.0", String.valueOf(T + 60)))).isNull();
        assertThat(description(builder().build(), withTimes("-0.5", String.valueOf(T + 60)))).isEqualTo("nbf claim is negative");
    }

    @Test
    void verifyWhenTimeIsAtTheMillisecondThresholdThenMillisecondsAndJustBelowThenSeconds() {
        long m = dev.bearerguard.core.internal.pipeline.WindowCheck.MILLIS_THRESHOLD;
        assertThat(refusal(builder().build(), withTimes(String.valueOf(T), String.valueOf(m))).reason())
                .isEqualTo(Reason.TIMESTAMP_IN_MILLISECONDS);
        assertThat(refusal(builder().build(), withTimes(String.valueOf(T), m + ".0")).reason())
                .isEqualTo(Reason.TIMESTAMP_IN_MILLISECONDS);
        assertThat(refusal(builder().build(), withTimes(String.valueOf(T), String.valueOf(m - 1)))).isNull();
        assertThat(refusal(builder().build(), withTimes(String.valueOf(T), (m - 1) + ".999"))).isNull();
    }

    @Test
    void verifyWhenTimeIsAtTheOverflowThresholdThenOutOfRangeAndJustBelowThenMilliseconds() {
        long o = dev.bearerguard.core.internal.pipeline.WindowCheck.OVERFLOW_THRESHOLD;
        assertThat(description(builder().build(), withTimes(String.valueOf(T), String.valueOf(o)))).isEqualTo("exp claim is out of range");
        assertThat(description(builder().build(), withTimes(String.valueOf(T), o + ".0"))).isEqualTo("exp claim is out of range");
        assertThat(description(builder().build(), withTimes(String.valueOf(T), "1" + "0".repeat(30))))
                .isEqualTo("exp claim is out of range");
        // A BigInteger is compared as it is, not as its low 64 bits (2^64 + a valid time).
        String wraps = java.math.BigInteger.TWO.pow(64).add(java.math.BigInteger.valueOf(T + 60)).toString();
        assertThat(description(builder().build(), withTimes(String.valueOf(T), wraps))).isEqualTo("exp claim is out of range");
        assertThat(refusal(builder().build(), withTimes(String.valueOf(T), String.valueOf(o - 1))).reason())
                .isEqualTo(Reason.TIMESTAMP_IN_MILLISECONDS);
        assertThat(refusal(builder().build(), withTimes(String.valueOf(T), (o - 1) + ".5")).reason())
                .isEqualTo(Reason.TIMESTAMP_IN_MILLISECONDS);
    }

    @Test
    void verifyWhenExpIsHalfASecondPastTheSkewThenStillAcceptedBecauseItRoundsUp() {
        // now - skew = T - 60; exp = T - 59.5 rounds up to T - 59: not yet expired.
        assertThat(refusal(builder().build(), withTimes(String.valueOf(T - 120), (T - 60) + ".5"))).isNull();
        assertThat(refusal(builder().build(), withTimes(String.valueOf(T - 120), String.valueOf(T - 60))).reason())
                .isEqualTo(Reason.EXPIRED);
    }

    @Test
    void verifyWhenNbfIsExactlyNowPlusSkewThenAcceptedAndOneSecondLaterNotYetValid() {
        assertThat(refusal(builder().build(), withTimes(String.valueOf(T + 60), String.valueOf(T + 120)))).isNull();
        assertThat(refusal(builder().build(), withTimes(String.valueOf(T + 61), String.valueOf(T + 120))).reason())
                .isEqualTo(Reason.NOT_YET_VALID);
        assertThat(refusal(builder().build(), withTimes((T + 60) + ".9", String.valueOf(T + 120)))).isNull();
    }

    @Test
    void verifyWhenLifetimeIsExactlyTheMaximumThenAcceptedAndOneSecondMoreThenTooLong() {
        TokenVerifier v = builder().maxLifetime(Duration.ofMinutes(10)).build();
        assertThat(refusal(v, signer.token().lifetime(Duration.ofMinutes(10)).sign())).isNull();
        assertThat(refusal(v, signer.token().lifetime(Duration.ofSeconds(601)).sign()).reason())
                .isEqualTo(Reason.LIFETIME_TOO_LONG);
    }

    @Test
    void verifyCheckoutTokenWhenMaxLifetimeAndNeitherNbfNorIatThenMissingClaimElseChecked() {
        TokenVerifier v = builder().profile(TokenProfile.CHECKOUT).maxLifetime(Duration.ofHours(1)).build();
        TokenSigner.Draft checkout = checkout().withoutClaim("nbf").withoutClaim("iat")
                .claim("exp", T + 60);
        assertThat(description(v, checkout.sign())).isEqualTo("nbf or iat is required to check the token lifetime");
        assertThat(refusal(v, checkout.claim("iat", T).sign())).isNull();
    }

    @Test
    void verifyCheckoutTokenWhenJtiIsEmptyThenInvalidClaim() {
        TokenVerifier v = builder().profile(TokenProfile.CHECKOUT).build();
        TokenRejectedException e = refusal(v, checkout().jti("").sign());
        assertThat(e.reason()).isEqualTo(Reason.INVALID_CLAIM);
        assertThat(e.error().description()).isEqualTo("jti is empty");
    }

    // --- replay descriptions ----------------------------------------------------------------------

    @Test
    void verifyWhenReplayedThenTheDescriptionTellsTheSameTokenFromAnotherWithItsJti() {
        TokenVerifier v = builder().build();
        String first = signer.token().jti("once").sign();
        assertThat(refusal(v, first)).isNull();
        assertThat(description(v, first)).isEqualTo("token was already used");
        assertThat(description(v, signer.token().jti("once").scopes().sign())).isEqualTo("jti was already used by another token");
    }

    // --- builder bounds and accessors -------------------------------------------------------------

    @Test
    void builderWhenValuesAreAtTheirBoundsThenAcceptedAndJustPastThenRefused() {
        assertThat(builder().clockSkew(Duration.ofMinutes(10)).build().clockSkew()).isEqualTo(Duration.ofMinutes(10));
        assertThat(builder().clockSkew(Duration.ZERO).build().clockSkew()).isZero();
        assertThatThrownBy(() -> builder().clockSkew(Duration.ofMinutes(10).plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder().clockSkew(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        builder().maxTokenSize(64).maxTokenSize(1 << 20);
        assertThatThrownBy(() -> builder().maxTokenSize(63)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder().maxTokenSize((1 << 20) + 1)).isInstanceOf(IllegalArgumentException.class);
        builder().verifiedTokenCache(0).verifiedTokenCache(10_000_000);
        assertThatThrownBy(() -> builder().verifiedTokenCache(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder().verifiedTokenCache(10_000_001)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void accessorsReturnWhatTheBuilderWasGiven() {
        ScopeVocabulary vocabulary = ScopeVocabulary.PAYMENTS;
        TokenVerifier v = builder().vocabulary(vocabulary).replayPolicy(ReplayPolicy.REUSABLE).build();
        assertThat(v.vocabulary()).containsSame(vocabulary);
        assertThat(v.replayPolicy()).isEqualTo(ReplayPolicy.REUSABLE);
        assertThat(v.clock()).isSameAs(clock);
        assertThat(v.keys()).isNotNull();
        assertThat(v.keys().resolve(signer.kid())).isPresent();
        assertThat(builder().build().vocabulary()).isEmpty();
    }

    @Test
    void verifyWhenSubsecondPartOfATimeIsReadExactly() throws Exception {
        VerifiedToken t = builder().build().verify(withTimes(T + ".000000001", (T + 30) + ".123456789"));
        assertThat(t.notBefore()).contains(Instant.ofEpochSecond(T, 1));
        assertThat(t.expiresAt()).isEqualTo(Instant.ofEpochSecond(T + 30, 123_456_789));
    }

    @Test
    void verifyWhenIssuerListGivenThenOnlyThoseIssuersAndAMissingIssIsMissingClaim() {
        TokenVerifier v = builder().issuers(Set.of("sdk")).profile(TokenProfile.CHECKOUT).build();
        assertThat(refusal(v, checkout().withoutClaim("iss").sign()).reason()).isEqualTo(Reason.MISSING_CLAIM);
        assertThat(refusal(v, checkout().issuer("other").sign()).reason()).isEqualTo(Reason.UNTRUSTED_ISSUER);
        assertThat(refusal(v, checkout().issuer("sdk").sign())).isNull();
    }
}
