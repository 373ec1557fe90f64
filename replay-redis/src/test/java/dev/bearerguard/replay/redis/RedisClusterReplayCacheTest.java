package dev.bearerguard.replay.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.contract.RedisServer;
import dev.bearerguard.contract.ReplayCacheContractTest;
import dev.bearerguard.core.VerifierUnavailableException;
import dev.bearerguard.core.replay.ReplayCache;
import dev.bearerguard.core.replay.ReplayCache.Outcome;
import dev.bearerguard.core.replay.ReplayRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A three-master Redis Cluster (three {@code redis-server --cluster-enabled yes}, joined by {@code
 * redis-cli --cluster create}): the replay-cache contract with one slot group (the exact bounds),
 * and with the cluster's default sixteen groups the records spread over every node and a loss of
 * one node refuses exactly the tokens whose groups it held.
 */
class RedisClusterReplayCacheTest extends ReplayCacheContractTest {

    static RedisServer.Cluster cluster;
    private final List<RedisReplayStore> stores = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = RedisServer.Cluster.start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
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
            return Instant.ofEpochMilli(cluster.nodes().get(0).timeMillis());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Duration expiringLife() {
        return Duration.ofSeconds(3);
    }

    private void flushAll() {
        try {
            for (RedisServer n : cluster.nodes()) {
                n.command("FLUSHALL");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RedisReplayStore store(String options, long maximumSize, double keyShare) {
        RedisReplayStore s = RedisReplayStore.builder(cluster.uri() + options).clock(this.clock)
                .maximumSize(maximumSize).keyShare(keyShare).clockTolerance(Duration.ZERO)
                .commandTimeout(Duration.ofSeconds(2)).connectTimeout(Duration.ofSeconds(2)).build();
        stores.add(s);
        s.declareNew();
        try {
            long lag = cluster.nodes().get(0).timeMillis() - this.clock.millis();
            if (lag > 0) {
                this.clock.advance(Duration.ofMillis(lag));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s;
    }

    @Override
    protected ReplayCache newCache(Clock clock, long maximumSize, double keyShare) {
        flushAll();
        return store("?groups=1", maximumSize, keyShare).replayCache();
    }

    @Override
    protected void advance(Duration d) {
        clock.advance(d);
        try {
            for (RedisServer n : cluster.nodes()) {
                n.awaitTimePast(clock.millis(), d.plusSeconds(5));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ReplayRecord single(String jti) {
        Instant now = clock.instant();
        return new ReplayRecord(jti, "kid-a", 5, now.minusSeconds(60), now.plusSeconds(120), true);
    }

    /** Whether node {@code n} holds {@code key} (a node answers MOVED for a slot it does not serve). */
    private static boolean holds(RedisServer n, String key) throws IOException {
        try {
            return Long.valueOf(1).equals(n.command("EXISTS", key));
        } catch (IllegalStateException moved) {
            assertThat(moved.getMessage()).startsWith("MOVED");
            return false;
        }
    }

    @Test
    void recordWhenSixteenGroupsThenRecordsSpreadOverEveryNodeAndALossOfOneNodeRefusesOnlyItsTokens() throws Exception {
        flushAll();
        RedisReplayStore a = store("", 1_000_000, 0.5);
        RedisReplayStore b = store("", 1_000_000, 0.5);
        List<ReplayRecord> records = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ReplayRecord r = single("c-" + UUID.randomUUID());
            records.add(r);
            assertThat((i % 2 == 0 ? a : b).replayCache().record(r)).isEqualTo(Outcome.FIRST_USE);
        }
        RedisServer lost = cluster.nodes().get(0);
        List<ReplayRecord> onLost = new ArrayList<>();
        for (ReplayRecord r : records) {
            byte[] d = Keys.digest(r.jti());
            String key = Keys.tag("bearerguard:", Keys.group(d, 16)) + ":r:" + Keys.b64(d);
            if (holds(lost, key)) {
                onLost.add(r);
            }
        }
        for (RedisServer n : cluster.nodes()) {
            assertThat((Long) n.command("DBSIZE")).as("node " + n.port() + " holds records").isPositive();
        }
        assertThat(onLost).isNotEmpty().hasSizeLessThan(records.size());
        lost.command("FLUSHALL");
        clock.advance(Duration.ofSeconds(1));
        for (ReplayRecord r : records) {
            if (onLost.contains(r)) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.replayCache().record(r))
                        .isInstanceOf(VerifierUnavailableException.class).hasMessageContaining("lost its data");
            } else {
                assertThat(a.replayCache().record(r)).as("a node that lost nothing still knows it").isEqualTo(Outcome.SAME_TOKEN);
            }
        }
    }
}
