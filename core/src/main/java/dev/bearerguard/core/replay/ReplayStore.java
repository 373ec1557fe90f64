package dev.bearerguard.core.replay;

import dev.bearerguard.core.limit.RateLimiter;

/**
 * A store opened from configuration by {@link ReplayStores#open}: the replay records and the
 * per-token rate-limit buckets of every server instance that opens the same location, so a cluster
 * of instances accepts a single-use token once and enforces a rate limit together.
 *
 * <p>Hand {@link #replayCache()} to {@code TokenVerifier.builder().replayCache(…)} and {@link
 * #rateLimiter()} to the adapter's rate-limiter option; {@link #close()} it when the application
 * stops (it may hold connections and threads).
 *
 * <p>Implementations are thread-safe.
 */
public interface ReplayStore extends AutoCloseable {

    /** The replay cache on this store; the same object on every call. */
    ReplayCache replayCache();

    /** The rate-limit buckets on this store; the same object on every call. */
    RateLimiter rateLimiter();

    /** Releases the store's connections and threads; calls made after it fail closed (503). */
    @Override
    void close();

    /**
     * A store of a cache and a limiter that hold no resources (the in-memory ones).
     *
     * @param cache   the replay cache
     * @param limiter the rate limiter
     * @return a store whose {@link #close} does nothing
     */
    static ReplayStore of(ReplayCache cache, RateLimiter limiter) {
        java.util.Objects.requireNonNull(cache, "cache");
        java.util.Objects.requireNonNull(limiter, "limiter");
        return new ReplayStore() {
            @Override
            public ReplayCache replayCache() {
                return cache;
            }

            @Override
            public RateLimiter rateLimiter() {
                return limiter;
            }

            @Override
            public void close() {
            }

            @Override
            public String toString() {
                return "ReplayStore[" + cache.getClass().getSimpleName() + ", " + limiter.getClass().getSimpleName() + "]";
            }
        };
    }
}
