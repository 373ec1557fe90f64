package dev.bearerguard.core.replay;

import static dev.bearerguard.core.VerifierUnavailableException.Kind.PLATFORM;
import static dev.bearerguard.core.VerifierUnavailableException.Kind.REPLAY_KEY_SHARE;
import static dev.bearerguard.core.VerifierUnavailableException.Kind.REPLAY_STORE_FULL;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy;
import dev.bearerguard.core.Sanitizer;
import dev.bearerguard.core.VerifierUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory {@link ReplayCache} on Caffeine, for one server instance. Each entry lives until its
 * own {@code until} (variable expiry) on the injected {@link Clock}. It is bounded, and it fails
 * closed: when it holds {@code maximumSize} live entries it refuses to record more by throwing
 * {@link VerifierUnavailableException} (503), because forgetting a live {@code jti} would let a
 * replay through. {@link #record} is atomic ({@code putIfAbsent} on the underlying map).
 *
 * <h2>A fair share per key</h2>
 * One key must not fill the cache for everyone (a key holder can mint tokens whose {@code exp} is
 * decades ahead). So each key may hold at most {@code keyShare × maximumSize} live entries (default
 * half); a key at its share is refused for its <em>own</em> new tokens (503) while every other key
 * goes on. With the defaults — one million entries, half for one key — a single key can keep
 * 500 000 {@code jti}s live: at the field's 60-second tokens and the 60-second skew (each record
 * lives about two minutes) that is about 4 100 fresh tokens a second from one key, sustained, and
 * any number of keys beyond that share the other half. Set {@code keyShare} to 1 for a deployment
 * with one key.
 *
 * <h2>Memory: a 64-bit digest instead of the {@code jti}</h2>
 * The {@code jti} itself is not kept. Each entry is one 32-byte object holding the first 64 bits of
 * {@code SHA-256(salt ‖ jti)}, the token's 64-bit fingerprint and a reference to its key's counter,
 * serving as both key and value; the expiry lives in Caffeine's node, which keeps it anyway. A
 * 36-character UUID {@code String} key with a separate value object costs about 187 bytes an entry;
 * this layout about 115 (the benchmarks module measures the figure per million live {@code jti}s).
 *
 * <p>Why two {@code jti}s cannot collide in practice: for {@code n} live entries the chance that
 * any two different {@code jti}s share 64 bits of a cryptographic hash is about {@code n² / 2^65}
 * — for a full cache of one million, about 3 × 10<sup>-8</sup>. The salt is 128 random bits drawn
 * per cache instance and never leaves it, so nobody who chooses {@code jti}s can aim a collision at
 * another's. And a collision could only ever refuse a token (fail closed), never accept one that the
 * other checks refused.
 *
 * <p>Thread-safe.
 */
public final class CaffeineReplayCache implements ReplayCache {

    /** The default bound: one million live {@code jti}s. */
    public static final long DEFAULT_MAXIMUM_SIZE = 1_000_000;
    /** The default most one key may hold: half of the room. */
    public static final double DEFAULT_KEY_SHARE = 0.5;

    private final Cache<Entry, Entry> cache;
    private final Policy.VarExpiration<Entry, Entry> expiration;
    private final Clock clock;
    private final long maximumSize;
    private final long perKey;
    private final ConcurrentHashMap<String, KeyCount> keys = new ConcurrentHashMap<>();
    private final byte[] salt = new byte[16];
    private final ThreadLocal<MessageDigest> sha256 = ThreadLocal.withInitial(CaffeineReplayCache::newSha256);

    /** How many live entries one key holds. */
    private static final class KeyCount extends AtomicLong {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Key and value at once: equality is on the digest only; the fingerprint, the key's counter and
     * (in Caffeine's node) the expiry ride along, so no second object is needed.
     */
    private static final class Entry {
        final long digest;
        final long fingerprint;
        final KeyCount key;

        Entry(long digest, long fingerprint, KeyCount key) {
            this.digest = digest;
            this.fingerprint = fingerprint;
            this.key = key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && e.digest == digest;
        }

        @Override
        public int hashCode() {
            return (int) digest; // already uniformly distributed
        }
    }

    private CaffeineReplayCache(Clock clock, long maximumSize, double keyShare) {
        this.clock = clock;
        this.maximumSize = maximumSize;
        this.perKey = Math.max(1, (long) Math.floor(maximumSize * keyShare));
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
                .removalListener((Entry key, Entry value, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
                    if (value != null) {
                        value.key.decrementAndGet();
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
            throw new VerifierUnavailableException(PLATFORM, "JDK lacks SHA-256", e);
        }
    }

    /** A cache on the system clock holding at most {@link #DEFAULT_MAXIMUM_SIZE} live entries. */
    public static CaffeineReplayCache create() {
        return create(Clock.systemUTC(), DEFAULT_MAXIMUM_SIZE);
    }

    /**
     * A cache with the default key share ({@value #DEFAULT_KEY_SHARE}).
     *
     * @param clock       the clock entries expire by (the verifier's clock)
     * @param maximumSize the most live entries; beyond it {@link #record} fails closed
     * @throws IllegalArgumentException if {@code maximumSize < 1}
     */
    public static CaffeineReplayCache create(Clock clock, long maximumSize) {
        return create(clock, maximumSize, DEFAULT_KEY_SHARE);
    }

    /**
     * @param clock       the clock entries expire by (the verifier's clock)
     * @param maximumSize the most live entries; beyond it {@link #record} fails closed
     * @param keyShare    the most one key may hold, as a fraction of {@code maximumSize} (at least
     *                    one entry); 1 lets one key use all of it
     * @throws IllegalArgumentException if {@code maximumSize < 1} or {@code keyShare} is not in
     *                                  {@code (0, 1]}
     */
    public static CaffeineReplayCache create(Clock clock, long maximumSize, double keyShare) {
        Objects.requireNonNull(clock, "clock");
        if (maximumSize < 1) {
            throw new IllegalArgumentException("maximumSize must be at least 1");
        }
        if (!(keyShare > 0 && keyShare <= 1)) {
            throw new IllegalArgumentException("keyShare must be above 0 and at most 1");
        }
        return new CaffeineReplayCache(clock, maximumSize, keyShare);
    }

    @Override
    public Outcome record(ReplayRecord record) {
        long untilMillis = record.until().toEpochMilli();
        long now = clock.millis();
        if (untilMillis <= now) {
            // The window closed between the time check and here: refuse rather than accept unrecorded.
            return Outcome.EXPIRED;
        }
        MessageDigest md = sha256.get();
        md.update(salt);
        byte[] h = md.digest(record.jti().getBytes(StandardCharsets.UTF_8));
        Entry probe = new Entry(longAt(h), record.fingerprint(), null);
        Entry live = cache.getIfPresent(probe);
        if (live != null) {
            // A live jti is answered even when the cache or the key's share is full: a replay stays a replay.
            return live.fingerprint == record.fingerprint() ? Outcome.SAME_TOKEN : Outcome.OTHER_TOKEN;
        }
        KeyCount count = keys.computeIfAbsent(record.kid(), k -> new KeyCount());
        if (cache.estimatedSize() >= maximumSize || count.get() >= perKey) {
            cache.cleanUp();
            if (cache.estimatedSize() >= maximumSize) {
                throw new VerifierUnavailableException(REPLAY_STORE_FULL, "replay cache is full (" + maximumSize + " live entries)");
            }
            if (count.get() >= perKey) {
                throw new VerifierUnavailableException(REPLAY_KEY_SHARE, "replay cache: key " + Sanitizer.field(record.kid())
                        + " holds its full share (" + perKey + " live entries); other keys go on");
            }
        }
        Entry mine = new Entry(probe.digest, record.fingerprint(), count);
        count.incrementAndGet();
        // The lifetime lives in Caffeine's node (it keeps it anyway), not in the entry.
        Entry prior = expiration.putIfAbsent(mine, mine, untilMillis - now, TimeUnit.MILLISECONDS);
        if (prior == null) {
            return Outcome.FIRST_USE;
        }
        count.decrementAndGet();
        return prior.fingerprint == record.fingerprint() ? Outcome.SAME_TOKEN : Outcome.OTHER_TOKEN;
    }

    private static long longAt(byte[] b) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }

    /** The number of live entries (approximate, as Caffeine counts). */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** The most live entries one key may hold. */
    public long perKeyLimit() {
        return perKey;
    }
}
