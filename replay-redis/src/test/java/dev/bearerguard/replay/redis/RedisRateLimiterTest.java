package dev.bearerguard.replay.redis;

import dev.bearerguard.test.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.contract.RedisServer;
import dev.bearerguard.core.VerifierUnavailableException;
import dev.bearerguard.core.limit.RateLimit;
import dev.bearerguard.core.limit.RateLimiter.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rate-limit buckets on Redis: shared by the instances, on the verifier's clock, failing closed. */
class RedisRateLimiterTest {

    static RedisServer server;
    final ManualClock clock = new ManualClock(Instant.parse("2030-01-15T12:00:00Z"));

    @BeforeAll
    static void startRedis() {
        server = RedisServer.launch();
    }

    @AfterAll
    static void stopRedis() {
        if (server != null) {
            server.close();
        }
    }

    RedisReplayStore store() {
        return RedisReplayStore.builder(server.uri() + "?timeout=2s").clock(clock).build();
    }

    @Test
    void tryAcquireWhenTwoInstancesShareABucketThenTheyCountTogetherAndItRefillsByTheClock() {
        RateLimit three = new RateLimit(3, Duration.ofMinutes(1));
        String key = "POST /transactions:" + UUID.randomUUID();
        try (RedisReplayStore a = store(); RedisReplayStore b = store()) {
            assertThat(a.rateLimiter().tryAcquire(key, three).allowed()).isTrue();
            assertThat(b.rateLimiter().tryAcquire(key, three).allowed()).isTrue();
            assertThat(a.rateLimiter().tryAcquire(key, three).allowed()).isTrue();
            Outcome refused = b.rateLimiter().tryAcquire(key, three);
            assertThat(refused.allowed()).isFalse();
            assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(20));
            assertThat(a.rateLimiter().tryAcquire("another " + key, three).allowed()).as("its own bucket").isTrue();
            clock.advance(Duration.ofSeconds(20));
            assertThat(a.rateLimiter().tryAcquire(key, three).allowed()).as("one request refilled").isTrue();
            assertThat(b.rateLimiter().tryAcquire(key, three).allowed()).isFalse();
        }
    }

    @Test
    void tryAcquireWhenABucketIsStoredThenUnderItsDigestWithAnExpiryNeverTheKey() throws Exception {
        String key = "POST /x:kid:jti-" + UUID.randomUUID();
        try (RedisReplayStore a = store()) {
            a.rateLimiter().tryAcquire(key, new RateLimit(5, Duration.ofMinutes(1)));
        }
        String name = "bearerguard:l:" + Keys.b64(Keys.digest(key));
        assertThat(server.command("EXISTS", name)).isEqualTo(1L);
        assertThat((Long) server.command("PTTL", name)).isPositive();
    }

    @Test
    void tryAcquireWhenRedisIsDownThen503NotAnAllowance() {
        try (RedisServer alone = RedisServer.launch()) {
            RedisReplayStore s = RedisReplayStore.builder(alone.uri() + "?timeout=200ms").clock(clock).build();
            try {
                assertThat(s.rateLimiter().tryAcquire("k", new RateLimit(1, Duration.ofMinutes(1))).allowed()).isTrue();
                alone.stop();
                assertThatThrownBy(() -> s.rateLimiter().tryAcquire("k2", new RateLimit(1, Duration.ofMinutes(1))))
                        .isInstanceOf(VerifierUnavailableException.class);
            } finally {
                s.close();
            }
        }
    }
}
