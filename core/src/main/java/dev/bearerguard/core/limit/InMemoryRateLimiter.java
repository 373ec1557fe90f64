package dev.bearerguard.core.limit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Rate-limit buckets in this process: Bucket4j token buckets on the given {@link Clock}, held in a
 * bounded Caffeine cache. A bucket unused for its limit's period is full again, so it is forgotten
 * then; beyond {@code maxBuckets} the least used are forgotten first (such a token starts again
 * with a full bucket: the bound keeps memory in check, at the cost of a fresh allowance for a
 * caller holding more than {@code maxBuckets} live tokens at once). Each bucket costs about 200
 * bytes plus its key.
 *
 * <p>Several server instances must share a store instead (see {@link RateLimiter}).
 *
 * <p>Thread-safe.
 */
public final class InMemoryRateLimiter implements RateLimiter {

    /** The default bound: one million buckets. */
    public static final long DEFAULT_MAXIMUM_BUCKETS = 1_000_000;

    private record Entry(Bucket bucket, Duration per) {
    }

    private final TimeMeter time;
    private final Cache<String, Entry> buckets;

    private InMemoryRateLimiter(Clock clock, long maxBuckets) {
        this.time = Buckets.timeMeter(clock);
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxBuckets)
                .ticker(time::currentTimeNanos)
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry value, long currentTime) {
                        return value.per().toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry value, long currentTime, long currentDuration) {
                        return value.per().toNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, Entry value, long currentTime, long currentDuration) {
                        return value.per().toNanos();
                    }
                })
                .executor(Runnable::run)
                .build();
    }

    /** Buckets on {@code clock}, at most {@link #DEFAULT_MAXIMUM_BUCKETS}. */
    public static InMemoryRateLimiter create(Clock clock) {
        return create(clock, DEFAULT_MAXIMUM_BUCKETS);
    }

    /**
     * Buckets on {@code clock}, at most {@code maxBuckets}.
     *
     * @throws IllegalArgumentException if {@code maxBuckets} is below 1
     */
    public static InMemoryRateLimiter create(Clock clock, long maxBuckets) {
        Objects.requireNonNull(clock, "clock");
        if (maxBuckets < 1) {
            throw new IllegalArgumentException("maxBuckets must be at least 1");
        }
        return new InMemoryRateLimiter(clock, maxBuckets);
    }

    private Bucket bucket(RateLimit limit) {
        LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(time);
        for (Bandwidth bandwidth : Buckets.configuration(limit).getBandwidths()) {
            builder.addLimit(bandwidth);
        }
        return builder.build();
    }

    @Override
    public Outcome tryAcquire(String key, RateLimit limit) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(limit, "limit");
        Entry e = buckets.get(key, k -> new Entry(bucket(limit), limit.per()));
        ConsumptionProbe probe = e.bucket().tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Outcome.allow();
        }
        return Outcome.refuse(Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill())));
    }

    /** How many buckets are held now (after forgetting expired ones); for tests and metrics. */
    public long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }
}
