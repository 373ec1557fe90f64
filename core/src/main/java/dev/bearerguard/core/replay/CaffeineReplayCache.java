package dev.bearerguard.core.replay;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.bearerguard.core.VerifierUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * An in-memory {@link ReplayCache} on Caffeine. Each entry lives until its own {@code until}
 * instant (variable expiry), measured on the injected {@link Clock}. It is bounded: when it holds
 * {@code maximumSize} live entries it refuses to record more by throwing {@link
 * VerifierUnavailableException} — it fails closed, because forgetting a live {@code jti} would let
 * a replay through.
 *
 * <p>Thread-safe. Memory: see the README's benchmark table for the measured bytes per entry.
 */
public final class CaffeineReplayCache implements ReplayCache {

    /** The default bound: one million live {@code jti}s. */
    public static final long DEFAULT_MAXIMUM_SIZE = 1_000_000;

    private final Cache<String, Entry> cache;
    private final Clock clock;
    private final long maximumSize;

    private record Entry(long fingerprint, long untilMillis) {
    }

    private CaffeineReplayCache(Clock clock, long maximumSize) {
        this.clock = clock;
        this.maximumSize = maximumSize;
        this.cache = Caffeine.newBuilder()
                .ticker(() -> Math.multiplyExact(clock.millis(), 1_000_000L))
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry value, long currentTime) {
                        return Math.max(0, value.untilMillis * 1_000_000L - currentTime);
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }

                    @Override
                    public long expireAfterRead(String key, Entry value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .executor(Runnable::run)
                .build();
    }

    /** A cache on the system clock holding at most {@link #DEFAULT_MAXIMUM_SIZE} live entries. */
    public static CaffeineReplayCache create() {
        return create(Clock.systemUTC(), DEFAULT_MAXIMUM_SIZE);
    }

    /**
     * @param clock       the clock entries expire by (the verifier's clock)
     * @param maximumSize the most live entries; beyond it {@link #record} fails closed
     * @throws IllegalArgumentException if {@code maximumSize < 1}
     */
    public static CaffeineReplayCache create(Clock clock, long maximumSize) {
        Objects.requireNonNull(clock, "clock");
        if (maximumSize < 1) {
            throw new IllegalArgumentException("maximumSize must be at least 1");
        }
        return new CaffeineReplayCache(clock, maximumSize);
    }

    @Override
    public Outcome record(String jti, long fingerprint, Instant until) {
        long untilMillis = until.toEpochMilli();
        if (untilMillis <= clock.millis()) {
            // Already expired: nothing to remember, and it cannot be replayed within its window.
            return Outcome.FIRST_USE;
        }
        Entry live = cache.getIfPresent(jti);
        if (live != null) {
            // A live jti is answered even when the cache is full: a replay stays a replay.
            return live.fingerprint == fingerprint ? Outcome.SAME_TOKEN : Outcome.OTHER_TOKEN;
        }
        if (cache.estimatedSize() >= maximumSize) {
            cache.cleanUp();
            if (cache.estimatedSize() >= maximumSize) {
                throw new VerifierUnavailableException("replay cache is full (" + maximumSize + " live entries)");
            }
        }
        Entry mine = new Entry(fingerprint, untilMillis);
        Entry prior = cache.asMap().putIfAbsent(jti, mine);
        if (prior == null) {
            return Outcome.FIRST_USE;
        }
        return prior.fingerprint == fingerprint ? Outcome.SAME_TOKEN : Outcome.OTHER_TOKEN;
    }

    /** The number of live entries (approximate, as Caffeine counts). */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
