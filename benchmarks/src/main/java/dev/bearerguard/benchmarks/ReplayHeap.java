package dev.bearerguard.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.bearerguard.core.replay.CaffeineReplayCache;
import dev.bearerguard.core.replay.ReplayRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Benchmark 5b: heap held by one million live {@code jti}s (UUID strings) in {@link
 * CaffeineReplayCache}, and for reference in the previous layout (the {@code jti} String as a
 * Caffeine key with a value object). Measured as heap in use after full collections, before and
 * after filling, in a JVM of its own. Prints {@code name=bytes} lines. Run by {@code run.sh}.
 */
public final class ReplayHeap {

    private ReplayHeap() {
    }

    private static long used() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50); // let the collector settle; this is a measurement tool, not a test
            Runtime r = Runtime.getRuntime();
            best = Math.min(best, r.totalMemory() - r.freeMemory());
        }
        return best;
    }

    private record OldEntry(long fingerprint, long untilMillis) {
    }

    public static void main(String[] args) throws Exception {
        int n = 1_000_000;
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
        Instant until = clock.instant().plusSeconds(3600);
        String[] jtis = new String[n];
        for (int i = 0; i < n; i++) {
            jtis[i] = UUID.randomUUID().toString();
        }

        long before = used();
        CaffeineReplayCache cache = CaffeineReplayCache.create(clock, n, 1);
        Instant from = clock.instant();
        for (int i = 0; i < n; i++) {
            cache.record(new ReplayRecord(jtis[i], "kid", i, from, until, true));
        }
        long after = used();
        if (cache.size() != n) {
            throw new IllegalStateException("expected " + n + " live entries, found " + cache.size());
        }
        System.out.println("lean.bytes.per.million=" + (after - before));
        cache = null;

        // The previous layout: String key (the jti, which a live request's String would pin) and a
        // value object, variable expiry. The jti Strings are counted: the cache keeps them alive.
        String[] copies = new String[n];
        long before2 = used();
        Cache<String, OldEntry> old = Caffeine.newBuilder()
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfter(new Expiry<String, OldEntry>() {
                    @Override
                    public long expireAfterCreate(String k, OldEntry v, long now) {
                        return v.untilMillis() * 1_000_000L - now;
                    }

                    @Override
                    public long expireAfterUpdate(String k, OldEntry v, long now, long d) {
                        return d;
                    }

                    @Override
                    public long expireAfterRead(String k, OldEntry v, long now, long d) {
                        return d;
                    }
                })
                .executor(Runnable::run)
                .build();
        for (int i = 0; i < n; i++) {
            copies[i] = new String(jtis[i].toCharArray());
            old.put(copies[i], new OldEntry(i, until.toEpochMilli()));
        }
        long after2 = used();
        System.out.println("string.keyed.bytes.per.million=" + (after2 - before2));
        System.out.println("entries=" + old.estimatedSize() + " " + copies.length);
    }
}
