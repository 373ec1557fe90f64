package dev.bearerguard.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.MutableClock;
import dev.bearerguard.core.VerifierUnavailableException;
import dev.bearerguard.core.replay.ReplayCache.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The lean layout of {@link CaffeineReplayCache}: digest keys, expiry in the node, fail-closed bound. */
class CaffeineReplayCacheLeanKeyTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    private final MutableClock clock = new MutableClock(T0);

    @Test
    void recordWhenJtiIsSeenAgainThenSameOrOtherTokenByFingerprint() {
        CaffeineReplayCache cache = CaffeineReplayCache.create(clock, 10);
        Instant until = T0.plusSeconds(120);
        assertThat(cache.record("jti-1", 42, until)).isEqualTo(Outcome.FIRST_USE);
        assertThat(cache.record("jti-1", 42, until)).isEqualTo(Outcome.SAME_TOKEN);
        assertThat(cache.record("jti-1", 43, until)).isEqualTo(Outcome.OTHER_TOKEN);
        assertThat(cache.record("jti-2", 42, until)).isEqualTo(Outcome.FIRST_USE);
    }

    @Test
    void recordWhenEntryHasExpiredOnTheInjectedClockThenItIsForgotten() {
        CaffeineReplayCache cache = CaffeineReplayCache.create(clock, 10);
        cache.record("jti-1", 1, T0.plusSeconds(120));
        clock.advance(Duration.ofSeconds(119));
        assertThat(cache.record("jti-1", 2, T0.plusSeconds(300))).isEqualTo(Outcome.OTHER_TOKEN);
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.record("jti-1", 2, T0.plusSeconds(300))).isEqualTo(Outcome.FIRST_USE);
        assertThat(cache.record("jti-1", 2, T0.plusSeconds(300))).isEqualTo(Outcome.SAME_TOKEN);
    }

    @Test
    void recordWhenFullThenFailsClosedUntilEntriesExpire() {
        CaffeineReplayCache cache = CaffeineReplayCache.create(clock, 3);
        for (int i = 0; i < 3; i++) {
            cache.record("jti-" + i, i, T0.plusSeconds(60));
        }
        assertThatThrownBy(() -> cache.record("jti-new", 9, T0.plusSeconds(60)))
                .isInstanceOf(VerifierUnavailableException.class).hasMessageContaining("full");
        // A live jti is neither forgotten to make room nor refused as an outage: a replay stays a replay.
        assertThat(cache.record("jti-0", 0, T0.plusSeconds(60))).isEqualTo(Outcome.SAME_TOKEN);
        assertThat(cache.record("jti-1", 5, T0.plusSeconds(60))).isEqualTo(Outcome.OTHER_TOKEN);
        clock.advance(Duration.ofSeconds(60));
        assertThat(cache.record("jti-new", 9, T0.plusSeconds(120))).isEqualTo(Outcome.FIRST_USE);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void recordWhenUntilIsAlreadyPastThenNothingIsStored() {
        CaffeineReplayCache cache = CaffeineReplayCache.create(clock, 10);
        assertThat(cache.record("jti-1", 1, T0)).isEqualTo(Outcome.FIRST_USE);
        assertThat(cache.size()).isZero();
    }

    @Test
    void recordWhenManyDistinctJtisThenNoneIsTakenForAnother() {
        CaffeineReplayCache cache = CaffeineReplayCache.create(clock, 200_000);
        for (int i = 0; i < 100_000; i++) {
            assertThat(cache.record(UUID.randomUUID().toString(), i, T0.plusSeconds(60))).isEqualTo(Outcome.FIRST_USE);
        }
        assertThat(cache.size()).isEqualTo(100_000);
    }

    @Test
    void recordWhenTwoThreadsRaceOnTheSameJtiThenExactlyOneSeesFirstUse() throws Exception {
        CaffeineReplayCache cache = CaffeineReplayCache.create(clock, 100_000);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 2_000; round++) {
                String jti = "race-" + round;
                CountDownLatch start = new CountDownLatch(1);
                AtomicInteger firsts = new AtomicInteger();
                Runnable racer = () -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    if (cache.record(jti, 7, T0.plusSeconds(60)) == Outcome.FIRST_USE) {
                        firsts.incrementAndGet();
                    }
                };
                Future<?> a = pool.submit(racer);
                Future<?> b = pool.submit(racer);
                start.countDown();
                a.get(10, TimeUnit.SECONDS);
                b.get(10, TimeUnit.SECONDS);
                assertThat(firsts.get()).as("round " + round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
