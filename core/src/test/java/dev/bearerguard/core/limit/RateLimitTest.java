package dev.bearerguard.core.limit;

import dev.bearerguard.test.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.TestKeys;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.VerifiedToken;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.test.TokenSigner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T12:00:00Z"));
    final TokenSigner signer = TestKeys.signer().withClock(clock);
    final TokenVerifier verifier = TokenVerifier.builder().keys(KeySet.of(TrustedKey.of(TestKeys.P521.getPublic())))
            .clock(clock).build();

    @Test
    void parseReadsRequestsAndADuration() {
        assertThat(RateLimit.parse("50/1m")).isEqualTo(new RateLimit(50, Duration.ofMinutes(1)));
        assertThat(RateLimit.parse(" 3/PT30S ")).isEqualTo(new RateLimit(3, Duration.ofSeconds(30)));
        assertThat(RateLimit.parse("50/1m")).hasToString("50/PT1M");
    }

    @Test
    void parseWhenTheTextIsWrongThenSaysWhat() {
        assertThatThrownBy(() -> RateLimit.parse("50")).hasMessageContaining("REQUESTS/DURATION");
        assertThatThrownBy(() -> RateLimit.parse("x/1m")).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> RateLimit.parse("50/60")).hasMessageContaining("unit");
        assertThatThrownBy(() -> RateLimit.parse("0/1m")).hasMessageContaining("1 to 1000000");
        assertThatThrownBy(() -> RateLimit.parse("5/500ms")).hasMessageContaining("1s to 1d");
        assertThatThrownBy(() -> RateLimit.parse("5/2d")).hasMessageContaining("1s to 1d");
    }

    @Test
    void checkCountsPerTokenAndPerOperation() throws Exception {
        RateLimit two = new RateLimit(2, Duration.ofMinutes(1));
        RateLimiter limiter = InMemoryRateLimiter.create(clock);
        VerifiedToken a = verifier.verify(signer.token().scopes("embed").sign());
        VerifiedToken b = verifier.verify(signer.token().scopes("embed").sign());
        assertThat(two.check(limiter, a, "POST /transactions")).isEmpty();
        assertThat(two.check(limiter, a, "POST /transactions")).isEmpty();
        RateLimitExceeded over = two.check(limiter, a, "POST /transactions").orElseThrow();
        assertThat(over.retryAfterSeconds()).isEqualTo(30);
        assertThat(two.check(limiter, b, "POST /transactions")).as("another token").isEmpty();
        assertThat(two.check(limiter, a, "POST /gift-cards")).as("another operation").isEmpty();
    }

    @Test
    void checkKeysTheBucketByKidAndJtiAndByFingerprintWithoutJti() throws Exception {
        List<String> keys = new ArrayList<>();
        RateLimiter recording = (key, limit) -> {
            keys.add(key);
            return RateLimiter.Outcome.allow();
        };
        VerifiedToken t = verifier.verify(signer.token().scopes("embed").jti("j-1").sign());
        RateLimit.parse("1/1m").check(recording, t, "op");
        assertThat(keys).containsExactly("2:op:" + t.kid().length() + ":" + t.kid() + ":j-1");
    }

    @Test
    void exceededAnswersWholeSecondsRoundedUpAndTheJsonBody() {
        assertThat(new RateLimitExceeded(Duration.ofMillis(1200)).retryAfterSeconds()).isEqualTo(2);
        assertThat(new RateLimitExceeded(Duration.ofSeconds(20)).retryAfterSeconds()).isEqualTo(20);
        assertThat(new RateLimitExceeded(Duration.ofNanos(1)).retryAfterSeconds()).isEqualTo(1);
        assertThat(new RateLimitExceeded(Duration.ofSeconds(2)).body()).isEqualTo(
                "{\"type\":\"error\",\"code\":\"too_many_requests\",\"status\":429,"
                        + "\"message\":\"too many requests with this token; retry after 2 s\"}");
        assertThatThrownBy(() -> new RateLimitExceeded(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
