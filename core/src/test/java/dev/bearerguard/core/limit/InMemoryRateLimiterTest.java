package dev.bearerguard.core.limit;

import dev.bearerguard.test.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryRateLimiterTest {

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T12:00:00Z"));
    final InMemoryRateLimiter limiter = InMemoryRateLimiter.create(clock);
    final RateLimit fiftyAMinute = new RateLimit(50, Duration.ofMinutes(1));

    @Test
    void tryAcquireWhenTheBucketIsEmptyThenRefusedUntilOneRefills() {
        for (int i = 0; i < 50; i++) {
            assertThat(limiter.tryAcquire("k", fiftyAMinute).allowed()).as("request %d", i + 1).isTrue();
        }
        RateLimiter.Outcome refused = limiter.tryAcquire("k", fiftyAMinute);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(1200));
        clock.advance(Duration.ofMillis(1199));
        assertThat(limiter.tryAcquire("k", fiftyAMinute).allowed()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.tryAcquire("k", fiftyAMinute).allowed()).isTrue();
        assertThat(limiter.tryAcquire("k", fiftyAMinute).allowed()).isFalse();
    }

    @Test
    void tryAcquireKeepsOneBucketPerKey() {
        RateLimit one = new RateLimit(1, Duration.ofMinutes(1));
        assertThat(limiter.tryAcquire("a", one).allowed()).isTrue();
        assertThat(limiter.tryAcquire("a", one).allowed()).isFalse();
        assertThat(limiter.tryAcquire("b", one).allowed()).isTrue();
    }

    @Test
    void aBucketUnusedForItsPeriodIsForgottenAndFullAgain() {
        RateLimit two = new RateLimit(2, Duration.ofMinutes(1));
        limiter.tryAcquire("a", two);
        limiter.tryAcquire("a", two);
        assertThat(limiter.size()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(limiter.size()).isZero();
        assertThat(limiter.tryAcquire("a", two).allowed()).isTrue();
        assertThat(limiter.tryAcquire("a", two).allowed()).isTrue();
        assertThat(limiter.tryAcquire("a", two).allowed()).isFalse();
    }

    @Test
    void createWhenTheBoundIsBelowOneThenRefused() {
        assertThatThrownBy(() -> InMemoryRateLimiter.create(clock, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void outcomeRefusesAnInconsistentAnswer() {
        assertThatThrownBy(() -> new RateLimiter.Outcome(false, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter.Outcome(true, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(RateLimiter.Outcome.allow().allowed()).isTrue();
    }
}
