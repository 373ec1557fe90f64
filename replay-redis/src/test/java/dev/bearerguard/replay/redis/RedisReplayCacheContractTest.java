package dev.bearerguard.replay.redis;

import dev.bearerguard.contract.RedisServer;
import dev.bearerguard.contract.ReplayStoreContractTest;
import dev.bearerguard.core.replay.ReplayCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Redis replay cache passes the replay-store contract against a real {@code redis-server}.
 *
 * <p>Time: Redis expires records by its own clock, which a test cannot move. So the store's clock
 * starts at Redis's time, the records a case lets expire live three seconds, and {@link #advance}
 * moves the store's clock and then waits — boundedly, on Redis's {@code TIME} — until Redis's
 * clock has passed it too. The clock tolerance is zero here, so the boundary is exact.
 */
class RedisReplayCacheContractTest extends ReplayStoreContractTest {

    static RedisServer server;
    private final List<RedisReplayStore> stores = new ArrayList<>();

    @BeforeAll
    static void startRedis() {
        server = RedisServer.launch();
    }

    @AfterAll
    static void stopRedis() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeStores() {
        stores.forEach(RedisReplayStore::close);
    }

    @Override
    protected Instant start() {
        RedisServer.requireRedis();
        try {
            return Instant.ofEpochMilli(server.timeMillis());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Duration expiringLife() {
        return Duration.ofSeconds(3);
    }

    @Override
    protected ReplayCache newCache(Clock clock, long maximumSize, double keyShare) {
        try {
            server.command("FLUSHALL");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RedisReplayStore store = RedisReplayStore.builder(server.uri()).clock(clock)
                .maximumSize(maximumSize).keyShare(keyShare)
                .clockTolerance(Duration.ZERO)
                // The machine is shared and loaded while the build runs: generous for a loopback call.
                .commandTimeout(Duration.ofSeconds(2))
                .build();
        stores.add(store);
        store.declareNew();
        // Connecting took real time (the first time in a JVM, a second or more): catch the clock
        // up with Redis's, so a case's records live as long as it means them to.
        try {
            long lag = server.timeMillis() - this.clock.millis();
            if (lag > 0) {
                this.clock.advance(Duration.ofMillis(lag));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return store.replayCache();
    }

    @Override
    protected void advance(Duration d) {
        clock.advance(d);
        try {
            server.awaitTimePast(clock.millis(), d.plusSeconds(5));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void makeUnavailable() {
        server.stop();
    }

    @Override
    protected void restore() {
        server.start();
    }
}
