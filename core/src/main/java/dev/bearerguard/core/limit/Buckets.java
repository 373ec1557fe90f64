package dev.bearerguard.core.limit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * How a {@link RateLimit} becomes a Bucket4j bucket, for every {@link RateLimiter} store built on
 * Bucket4j (in memory here, on Redis in {@code bearerguard-replay-redis}): one bucket shape and one
 * clock, so a limit means the same on one instance and on a cluster.
 *
 * <p>Stateless and thread-safe.
 */
public final class Buckets {

    private Buckets() {
    }

    /**
     * The bucket of {@code limit}: {@link RateLimit#requests()} tokens, refilled greedily (smoothly,
     * one at a time) over {@link RateLimit#per()}.
     */
    public static BucketConfiguration configuration(RateLimit limit) {
        Objects.requireNonNull(limit, "limit");
        return BucketConfiguration.builder()
                .addLimit(b -> b.capacity(limit.requests()).refillGreedy(limit.requests(), limit.per()))
                .build();
    }

    /**
     * Bucket4j's clock read from {@code clock} (the verifier's), so tests move rate limits with the
     * same hand-moved clock as token lifetimes.
     *
     * @throws ArithmeticException (when read) for an instant past the year 2262, which nanoseconds
     *     since the epoch cannot hold
     */
    public static TimeMeter timeMeter(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }
}
