package dev.bearerguard.benchmarks;

import dev.bearerguard.contract.RedisServer;
import dev.bearerguard.core.replay.ReplayCache;
import dev.bearerguard.core.replay.ReplayRecord;
import dev.bearerguard.replay.redis.RedisReplayStore;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Benchmark 5b: recording fresh {@code jti}s in the Redis replay store, one thread, against a
 * {@code redis-server} the benchmark starts on loopback (its own process, temporary folder,
 * append-only file with {@code appendfsync everysec}, the setting the module README advises). One operation is
 * one {@code record}: one round trip, the full script (marker, share, {@code SET NX PXAT}).
 * Records live two seconds, so Redis holds a few thousand.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
public class RedisReplayBenchmark {

    private static final String PREFIX = "6f1c9a2e-4b7d-4e0a-9c31-";
    private final AtomicLong counter = new AtomicLong(100_000_000_000L);
    private final Clock clock = Clock.systemUTC();
    private RedisServer redis;
    private RedisReplayStore store;
    private ReplayCache cache;

    @Setup(Level.Trial)
    public void setUp() {
        redis = RedisServer.launch("--appendfsync", "everysec");
        store = RedisReplayStore.builder(redis.uri() + "?timeout=1s").clock(clock).build();
        store.declareNew();
        cache = store.replayCache();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (store != null) {
            store.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Benchmark
    public ReplayCache.Outcome recordFreshJti() {
        String jti = PREFIX + counter.incrementAndGet();
        Instant now = clock.instant();
        return cache.record(new ReplayRecord(jti, "kid", jti.hashCode(), now, now.plusSeconds(2), true));
    }
}
