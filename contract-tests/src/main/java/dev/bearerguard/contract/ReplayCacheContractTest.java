package dev.bearerguard.contract;

import dev.bearerguard.test.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.bearerguard.core.VerifierUnavailableException;
import dev.bearerguard.core.replay.ReplayCache;
import dev.bearerguard.core.replay.ReplayCache.Outcome;
import dev.bearerguard.core.replay.ReplayRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rules every {@link ReplayCache} follows (see its Javadoc), as one abstract test that each
 * implementation extends and passes against its real store: {@code CaffeineReplayCache} in memory,
 * a Redis store against a real {@code redis-server}.
 *
 * <h2>What a subclass does</h2>
 * <ul>
 *   <li>{@link #newCache} makes a fresh, empty store bounded to {@code maximumSize} live records of
 *       which one key may hold {@code keyShare × maximumSize}, reading time from the given clock;</li>
 *   <li>{@link #advance} moves the store's time forward: for a store that expires records by the
 *       injected clock, advancing the clock is enough (the default); a store that expires by its
 *       server's clock must make the records whose {@code until} is reached disappear (and may wait
 *       for that, boundedly);</li>
 *   <li>such a store also starts {@link #clock} near its server's time ({@link #start()}) and lets
 *       the records the cases expire live only a few seconds ({@link #expiringLife()}), so its
 *       {@code advance} waits for real time to pass rather than pretending.</li>
 * </ul>
 * A store behind a server (Redis) extends {@link ReplayStoreContractTest} instead, which adds the
 * cases of a store that goes down and comes back.
 * Every case uses fresh {@code jti}s, so a subclass may share one store between cases.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class ReplayCacheContractTest {

    /** Where the store's clock starts. */
    protected static final Instant T0 = Instant.parse("2030-01-15T12:00:00Z");
    /** A lifetime long enough that nothing expires by itself during a case. */
    protected static final Duration LIFE = Duration.ofMinutes(10);

    /** The clock handed to {@link #newCache}; {@link #advance} moves it. */
    protected final ManualClock clock = new ManualClock(start());

    /**
     * Where {@link #clock} starts: {@link #T0} by default. A store whose server expires records by
     * its own clock starts near that clock's time (called during construction: use no field).
     */
    protected Instant start() {
        return T0;
    }

    /**
     * How long the records live that a case lets expire (it {@link #advance}s past them): two
     * minutes by default; a store behind a server that keeps real time shortens it to a few
     * seconds. The cases check such a record live one second before its end.
     */
    protected Duration expiringLife() {
        return Duration.ofSeconds(120);
    }

    /**
     * A fresh, empty store.
     *
     * @param clock       the clock it reads (the verifier's clock in production)
     * @param maximumSize the most live records
     * @param keyShare    the fraction of {@code maximumSize} one key may hold
     * @return the store under test
     */
    protected abstract ReplayCache newCache(Clock clock, long maximumSize, double keyShare);

    /**
     * Moves the store's time forward by {@code d}. The default advances {@link #clock}.
     *
     * @param d how far
     */
    protected void advance(Duration d) {
        clock.advance(d);
    }

    /** A record of a fresh {@code jti}, key {@code kid-a}, single-use, living {@link #LIFE}. */
    protected ReplayRecord fresh() {
        return record(UUID.randomUUID().toString(), "kid-a", 1, LIFE);
    }

    /** A record of {@code jti} by {@code kid} with a fingerprint, living {@code life} from now. */
    protected ReplayRecord record(String jti, String kid, long fingerprint, Duration life) {
        Instant now = clock.instant();
        return new ReplayRecord(jti, kid, fingerprint, now, now.plus(life), true);
    }

    // ---------------------------------------------------------------- identity of tokens

    @Test
    void recordWhenFirstThenSameThenOtherTokenByFingerprint() {
        ReplayCache cache = newCache(clock, 1000, 0.5);
        ReplayRecord first = fresh();
        assertThat(cache.record(first)).isEqualTo(Outcome.FIRST_USE);
        assertThat(cache.record(first)).isEqualTo(Outcome.SAME_TOKEN);
        assertThat(cache.record(record(first.jti(), "kid-a", 2, LIFE))).isEqualTo(Outcome.OTHER_TOKEN);
    }

    @Test
    void recordWhenAnotherKeyReusesAJtiThenOtherToken() {
        ReplayCache cache = newCache(clock, 1000, 0.5);
        ReplayRecord first = fresh();
        cache.record(first);
        assertThat(cache.record(record(first.jti(), "kid-b", 3, LIFE))).isEqualTo(Outcome.OTHER_TOKEN);
    }

    @Test
    void recordWhenJtisDifferThenEachIsAFirstUse() {
        ReplayCache cache = newCache(clock, 1000, 1);
        for (int i = 0; i < 200; i++) {
            assertThat(cache.record(fresh())).isEqualTo(Outcome.FIRST_USE);
        }
    }

    @Test
    void recordWhenJtiHoldsAnyTextThenItIsKeptApartExactly() {
        ReplayCache cache = newCache(clock, 1000, 1);
        String base = UUID.randomUUID().toString();
        List<String> jtis = List.of(base, base + " ", base.toUpperCase(), base + "\u0000", base + "\u2028",
                "\uD83D\uDE00" + base, "x".repeat(4000) + base);
        for (String jti : jtis) {
            assertThat(cache.record(record(jti, "kid-a", 1, LIFE))).as(jti.length() + " chars").isEqualTo(Outcome.FIRST_USE);
        }
        for (String jti : jtis) {
            assertThat(cache.record(record(jti, "kid-a", 1, LIFE))).isEqualTo(Outcome.SAME_TOKEN);
        }
    }

    // ---------------------------------------------------------------- atomic first use

    @Test
    void recordWhen64ThreadsPresentOneJtiAtOnceThenExactlyOneFirstUse() throws Exception {
        ReplayCache cache = newCache(clock, 100_000, 1);
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            for (int round = 0; round < 20; round++) {
                ReplayRecord r = fresh();
                CountDownLatch ready = new CountDownLatch(64);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Outcome>> outcomes = new ArrayList<>();
                for (int t = 0; t < 64; t++) {
                    outcomes.add(pool.submit(() -> {
                        ready.countDown();
                        go.await();
                        return cache.record(r);
                    }));
                }
                ready.await(30, TimeUnit.SECONDS);
                go.countDown();
                int firsts = 0;
                for (Future<Outcome> f : outcomes) {
                    Outcome o = f.get(30, TimeUnit.SECONDS);
                    assertThat(o).isIn(Outcome.FIRST_USE, Outcome.SAME_TOKEN);
                    firsts += o == Outcome.FIRST_USE ? 1 : 0;
                }
                assertThat(firsts).as("round " + round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- the window boundary

    @Test
    void recordWhenUntilIsAlreadyReachedThenExpiredAndNothingIsRecorded() {
        ReplayCache cache = newCache(clock, 1000, 0.5);
        ReplayRecord now = record(UUID.randomUUID().toString(), "kid-a", 1, Duration.ZERO);
        assertThat(cache.record(now)).isEqualTo(Outcome.EXPIRED);
        Instant t = clock.instant();
        assertThat(cache.record(new ReplayRecord(now.jti(), "kid-a", 1, t, t.minusSeconds(1), true)))
                .isEqualTo(Outcome.EXPIRED);
        assertThat(cache.record(record(now.jti(), "kid-a", 2, LIFE))).as("nothing was recorded")
                .isEqualTo(Outcome.FIRST_USE);
    }

    @Test
    void recordWhenUntilIsReachedThenTheRecordIsForgottenAndNotBefore() {
        ReplayCache cache = newCache(clock, 1000, 0.5);
        Duration life = expiringLife();
        ReplayRecord r = record(UUID.randomUUID().toString(), "kid-a", 1, life);
        cache.record(r);
        advance(life.minusSeconds(1));
        assertThat(cache.record(record(r.jti(), "kid-a", 2, LIFE))).as("live one second before until")
                .isEqualTo(Outcome.OTHER_TOKEN);
        advance(Duration.ofSeconds(1));
        assertThat(cache.record(record(r.jti(), "kid-a", 2, LIFE))).as("forgotten at until")
                .isEqualTo(Outcome.FIRST_USE);
    }

    @Test
    void recordWhenUntilIsAFractionOfASecondAheadThenItStillHoldsUntilThen() {
        ReplayCache cache = newCache(clock, 1000, 0.5);
        ReplayRecord r = record(UUID.randomUUID().toString(), "kid-a", 1, Duration.ofMillis(1500));
        assertThat(cache.record(r)).isEqualTo(Outcome.FIRST_USE);
        assertThat(cache.record(r)).isEqualTo(Outcome.SAME_TOKEN);
    }

    // ---------------------------------------------------------------- fail closed when full

    @Test
    void recordWhenFullOfLiveRecordsThenFailsClosedButStillAnswersALiveJti() {
        ReplayCache cache = newCache(clock, 4, 1);
        List<ReplayRecord> live = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ReplayRecord r = fresh();
            live.add(r);
            assertThat(cache.record(r)).isEqualTo(Outcome.FIRST_USE);
        }
        ReplayRecord extra = fresh();
        Throwable t = catchThrowable(() -> cache.record(extra));
        assertThat(t).isInstanceOf(VerifierUnavailableException.class);
        assertThat(t.getMessage()).doesNotContain(extra.jti());
        assertThat(cache.record(live.get(0))).isEqualTo(Outcome.SAME_TOKEN);
        assertThat(cache.record(record(live.get(1).jti(), "kid-a", 9, LIFE))).isEqualTo(Outcome.OTHER_TOKEN);
    }

    @Test
    void recordWhenFullButRecordsExpiredThenThereIsRoomAgain() {
        ReplayCache cache = newCache(clock, 3, 1);
        for (int i = 0; i < 3; i++) {
            cache.record(record(UUID.randomUUID().toString(), "kid-a", 1, expiringLife()));
        }
        assertThatThrownBy(() -> cache.record(fresh())).isInstanceOf(VerifierUnavailableException.class);
        advance(expiringLife());
        assertThat(cache.record(fresh())).isEqualTo(Outcome.FIRST_USE);
    }

    // ---------------------------------------------------------------- a fair share per key

    @Test
    void recordWhenOneKeyHoldsItsShareThenOnlyThatKeyIsRefused() {
        ReplayCache cache = newCache(clock, 10, 0.5);
        for (int i = 0; i < 5; i++) {
            assertThat(cache.record(record(UUID.randomUUID().toString(), "kid-greedy", 1, LIFE)))
                    .isEqualTo(Outcome.FIRST_USE);
        }
        assertThatThrownBy(() -> cache.record(record(UUID.randomUUID().toString(), "kid-greedy", 1, LIFE)))
                .isInstanceOf(VerifierUnavailableException.class);
        for (int i = 0; i < 5; i++) {
            assertThat(cache.record(record(UUID.randomUUID().toString(), "kid-other-" + (i % 2), 1, LIFE)))
                    .as("other keys go on").isEqualTo(Outcome.FIRST_USE);
        }
    }

    @Test
    void recordWhenAKeysRecordsExpireThenItsShareIsFreedAgain() {
        ReplayCache cache = newCache(clock, 10, 0.2);
        cache.record(record(UUID.randomUUID().toString(), "kid-a", 1, expiringLife()));
        cache.record(record(UUID.randomUUID().toString(), "kid-a", 1, expiringLife()));
        assertThatThrownBy(() -> cache.record(fresh())).isInstanceOf(VerifierUnavailableException.class);
        advance(expiringLife());
        assertThat(cache.record(fresh())).isEqualTo(Outcome.FIRST_USE);
    }
}
