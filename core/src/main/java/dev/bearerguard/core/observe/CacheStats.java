package dev.bearerguard.core.observe;

/**
 * The counts of the verified-token cache since the verifier was built, as Caffeine keeps them, for
 * a metrics binding to read (they only grow, except {@code size}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param hits      lookups that found a token (it then re-ran only the window and replay steps)
 * @param misses    lookups that found none (the full pipeline ran)
 * @param evictions entries removed for room or at the end of their window
 * @param size      entries now held (an estimate)
 */
public record CacheStats(long hits, long misses, long evictions, long size) {

    /** @throws IllegalArgumentException if a count is negative */
    public CacheStats {
        if (hits < 0 || misses < 0 || evictions < 0 || size < 0) {
            throw new IllegalArgumentException("cache counts must not be negative");
        }
    }
}
