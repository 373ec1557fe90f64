package dev.bearerguard.core.replay;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy;
import dev.bearerguard.core.VerifierUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory {@link ReplayCache} on Caffeine. Each entry lives until its own {@code until}
 * instant (variable expiry), measured on the injected {@link Clock}. It is bounded: when it holds
 * {@code maximumSize} live entries it refuses to record more by throwing {@link
 * VerifierUnavailableException} — it fails closed, because forgetting a live {@code jti} would let
 * a replay through. {@link #record} is atomic ({@code putIfAbsent} on the underlying map).
 *
 * <h2>Memory: a 128-bit digest instead of the {@code jti}</h2>
 * The {@code jti} itself is not kept. Each entry is one 32-byte object holding the first 96 bits
 * of {@code SHA-256(salt ‖ jti)} and the token's 64-bit fingerprint, serving as both key and value;
 * the expiry lives in Caffeine's node, which keeps it anyway. A 36-character UUID {@code String}
 * key with a separate value object costs about 187 bytes an entry (130 with a 128-bit key object
 * plus expiry); this layout about 115 (measured by the benchmarks module: see its README for the
 * figure per million live {@code jti}s).
 *
 * <p>Why two {@code jti}s cannot collide in practice: the digest is a cryptographic hash, so for
 * {@code n} live entries the chance that any two different {@code jti}s share 96 bits is about
 * {@code n² / 2^97} — for a full cache of one million, about 6 × 10<sup>-18</sup>, far below the
 * chance of a hardware fault. The salt is 128 random bits drawn per cache instance and never
 * leaves it, so an attacker who can choose {@code jti}s (a key holder) cannot precompute a
 * collision with anyone else's {@code jti} either. And a collision could only ever refuse a
 * token (fail closed), never accept one that the other checks refused.
 *
 * <p>Thread-safe.
 */
public final class CaffeineReplayCache implements ReplayCache {

    /** The default bound: one million live {@code jti}s. */
    public static final long DEFAULT_MAXIMUM_SIZE = 1_000_000;

    private final Cache<Entry, Entry> cache;
    private final Policy.VarExpiration<Entry, Entry> expiration;
    private final Clock clock;
    private final long maximumSize;
    private final byte[] salt = new byte[16];
    private final ThreadLocal<MessageDigest> sha256 = ThreadLocal.withInitial(CaffeineReplayCache::newSha256);

    /**
     * Key and value at once: equality is on the digest only; the fingerprint and expiry ride along
     * so no second object is needed.
     */
    private static final class Entry {
        final long hi;
        final int lo;
        final long fingerprint;

        Entry(long hi, int lo, long fingerprint) {
            this.hi = hi;
            this.lo = lo;
            this.fingerprint = fingerprint;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && e.hi == hi && e.lo == lo;
        }

        @Override
        public int hashCode() {
            return lo; // already uniformly distributed
        }
    }

    private CaffeineReplayCache(Clock clock, long maximumSize) {
        this.clock = clock;
        this.maximumSize = maximumSize;
        new SecureRandom().nextBytes(salt);
        newSha256();
        this.cache = Caffeine.newBuilder()
                .ticker(() -> Math.multiplyExact(clock.millis(), 1_000_000L))
                .expireAfter(new Expiry<Entry, Entry>() {
                    @Override
                    public long expireAfterCreate(Entry key, Entry value, long currentTime) {
                        // Never reached: record() gives every entry its own lifetime.
                        return 0;
                    }

                    @Override
                    public long expireAfterUpdate(Entry key, Entry value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }

                    @Override
                    public long expireAfterRead(Entry key, Entry value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .executor(Runnable::run)
                .build();
        this.expiration = cache.policy().expireVariably().orElseThrow();
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new VerifierUnavailableException("JDK lacks SHA-256", e);
        }
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
        long now = clock.millis();
        if (untilMillis <= now) {
            // Already expired: nothing to remember, and it cannot be replayed within its window.
            return Outcome.FIRST_USE;
        }
        MessageDigest md = sha256.get();
        md.update(salt);
        byte[] h = md.digest(jti.getBytes(StandardCharsets.UTF_8));
        Entry mine = new Entry(longAt(h, 0), (int) longAt(h, 8), fingerprint);
        Entry live = cache.getIfPresent(mine);
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
        // The lifetime lives in Caffeine's node (it keeps it anyway), not in the entry.
        Entry prior = expiration.putIfAbsent(mine, mine, untilMillis - now, TimeUnit.MILLISECONDS);
        if (prior == null) {
            return Outcome.FIRST_USE;
        }
        return prior.fingerprint == fingerprint ? Outcome.SAME_TOKEN : Outcome.OTHER_TOKEN;
    }

    private static long longAt(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }

    /** The number of live entries (approximate, as Caffeine counts). */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
