package dev.bearerguard.benchmarks;

import dev.bearerguard.contract.RedisServer;
import dev.bearerguard.core.replay.ReplayCache;
import dev.bearerguard.core.replay.ReplayRecord;
import dev.bearerguard.replay.redis.RedisReplayStore;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Memory in Redis per live {@code jti}: records 100 000 UUID {@code jti}s of one key (single-use,
 * live ten minutes) and prints Redis's {@code used_memory} growth per record, and {@code MEMORY
 * USAGE} of one record key and of the key's sorted set. Run by {@code run.sh}.
 */
public final class RedisMemory {

    private RedisMemory() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        try (RedisServer redis = RedisServer.launch("--appendonly", "no")) {
            RedisReplayStore store = RedisReplayStore.builder(redis.uri() + "?timeout=2s").clock(Clock.systemUTC()).build();
            try {
                store.declareNew();
                ReplayCache cache = store.replayCache();
                Instant now = Instant.now();
                cache.record(new ReplayRecord("warm-" + UUID.randomUUID(), "kid", 1, now, now.plusSeconds(600), true));
                long before = usedMemory(redis);
                String last = null;
                for (int i = 0; i < n; i++) {
                    last = UUID.randomUUID().toString();
                    cache.record(new ReplayRecord(last, "kid", i, now, now.plusSeconds(600), true));
                }
                long after = usedMemory(redis);
                System.out.println("records=" + n);
                System.out.println("used.memory.bytes.per.jti=" + (after - before) / n);
                Object keys = redis.command("KEYS", "bearerguard:{0}:r:*");
                String one = ((java.util.List<?>) keys).get(0).toString();
                System.out.println("memory.usage.record.key=" + redis.command("MEMORY", "USAGE", one));
                Object sets = redis.command("KEYS", "bearerguard:{0}:k:*");
                String set = ((java.util.List<?>) sets).get(0).toString();
                System.out.println("memory.usage.key.set.bytes.per.jti="
                        + ((Long) redis.command("MEMORY", "USAGE", set, "SAMPLES", "0")) / (n + 1));
            } finally {
                store.close();
            }
        }
    }

    private static long usedMemory(RedisServer redis) throws Exception {
        String info = (String) redis.command("INFO", "memory");
        for (String line : info.split("\r\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()).strip());
            }
        }
        throw new IllegalStateException("no used_memory in INFO");
    }
}
