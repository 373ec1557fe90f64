package dev.bearerguard.benchmarks;

import dev.bearerguard.core.replay.CaffeineReplayCache;
import dev.bearerguard.core.replay.ReplayCache;
import dev.bearerguard.core.replay.ReplayRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Benchmark 5a: recording fresh {@code jti}s (UUID-shaped) from two threads. Entries live 200 ms
 * so the cache holds a few hundred thousand live entries without filling up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
public class ReplayCacheBenchmark {

    private static final String PREFIX = "6f1c9a2e-4b7d-4e0a-9c31-";
    private final AtomicLong counter = new AtomicLong(100_000_000_000L);
    private final Clock clock = Clock.systemUTC();
    private CaffeineReplayCache cache;

    @Setup
    public void setUp() {
        cache = CaffeineReplayCache.create(clock, 4_000_000, 1);
    }

    @Benchmark
    public ReplayCache.Outcome recordFreshJti() {
        String jti = PREFIX + counter.incrementAndGet();
        Instant now = clock.instant();
        return cache.record(new ReplayRecord(jti, "kid", jti.hashCode(), now, now.plusMillis(200), true));
    }
}
