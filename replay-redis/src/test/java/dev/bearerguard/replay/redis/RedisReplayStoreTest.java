package dev.bearerguard.replay.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.contract.RedisServer;
import dev.bearerguard.core.VerifierUnavailableException;
import dev.bearerguard.core.replay.ReplayCache.Outcome;
import dev.bearerguard.core.replay.ReplayRecord;
import dev.bearerguard.core.replay.ReplayStore;
import dev.bearerguard.core.replay.ReplayStoreRequest;
import dev.bearerguard.core.replay.ReplayStores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Configuration of the store: its location and options, the provider, passwords and ACL users. */
class RedisReplayStoreTest {

    static ReplayRecord record(String jti) {
        Instant now = Instant.now();
        return new ReplayRecord(jti, "kid", 1, Instant.EPOCH, now.plusSeconds(60), false);
    }

    @Test
    void builderWhenAnOptionIsUnknownOrWrongThenRefusedByName() {
        assertThatThrownBy(() -> RedisReplayStore.builder("redis://h:6379/0?timeuot=5ms"))
                .hasMessageContaining("unknown option `timeuot`").hasMessageContaining("timeout");
        assertThatThrownBy(() -> RedisReplayStore.builder("redis://h:6379/0?timeout=50")).hasMessageContaining("timeout");
        assertThatThrownBy(() -> RedisReplayStore.builder("redis://h:6379/0?timeout=5m")).hasMessageContaining("at most 1 minute");
        assertThatThrownBy(() -> RedisReplayStore.builder("redis://h?key-share=2")).hasMessageContaining("key-share");
        assertThatThrownBy(() -> RedisReplayStore.builder("redis://h?max-size=lots")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> RedisReplayStore.builder("redis://h?prefix=a{b}")).hasMessageContaining("braces");
        assertThatThrownBy(() -> RedisReplayStore.builder("redis://h?groups=0")).hasMessageContaining("groups");
        assertThatThrownBy(() -> RedisReplayStore.builder("redis://h?timeout=1s&timeout=2s")).hasMessageContaining("twice");
        assertThatThrownBy(() -> RedisReplayStore.builder("redis://h?verify-peer=maybe").build())
                .hasMessageContaining("verify-peer");
        assertThatThrownBy(() -> RedisReplayStore.builder("redis-sentinel://s1:26379,s2:26379/0"))
                .hasMessageContaining("names its master after #");
        assertThatThrownBy(() -> RedisReplayStore.builder("redis-cluster://n1:6379,n2:6379/3"))
                .hasMessageContaining("database 0 only");
        assertThatThrownBy(() -> RedisReplayStore.builder("redis:/h")).hasMessageContaining("redis://HOST");
        assertThatThrownBy(() -> RedisReplayStore.builder("mongodb://h")).hasMessageContaining("not a Redis location");
    }

    @Test
    void builderWhenOptionsAreGivenThenTheStoreUsesThemAndShowsNoPassword() {
        RedisReplayStore s = RedisReplayStore.builder("rediss://redis.internal:6380/2?prefix=pay:&timeout=30ms"
                + "&connect-timeout=80ms&max-size=1000&key-share=0.25&clock-tolerance=2s&user=api&verify-peer=full")
                .password("s3cret").build();
        try {
            assertThat(s.settings.prefix()).isEqualTo("pay:");
            assertThat(s.settings.commandTimeout()).isEqualTo(Duration.ofMillis(30));
            assertThat(s.settings.connectTimeout()).isEqualTo(Duration.ofMillis(80));
            assertThat(s.settings.clockTolerance()).isEqualTo(Duration.ofSeconds(2));
            assertThat(s.settings.user()).isEqualTo("api");
            assertThat(s.replayCache().perKeyLimit()).isEqualTo(250);
            assertThat(s.settings.groups()).isEqualTo(1);
            assertThat(s.toString()).contains("rediss://redis.internal:6380/2").contains("password=***")
                    .doesNotContain("s3cret");
        } finally {
            s.close();
        }
        RedisReplayStore c = RedisReplayStore.builder("redis-cluster://n1:7000,n2:7001,n3:7002").build();
        try {
            assertThat(c.settings.groups()).isEqualTo(RedisReplayStore.DEFAULT_CLUSTER_GROUPS);
            assertThat(c.settings.location().uris).hasSize(3);
        } finally {
            c.close();
        }
    }

    @Test
    void openWhenTheLocationIsRedisThenTheProviderOpensItThroughCore() {
        try (RedisServer server = RedisServer.launch()) {
            ReplayStore store = ReplayStores.open(ReplayStoreRequest.of(server.uri() + "?timeout=2s", Clock.systemUTC()));
            try {
                assertThat(store).isInstanceOf(RedisReplayStore.class);
                assertThat(ReplayStores.schemes()).contains("memory", "redis", "rediss", "redis-sentinel",
                        "rediss-sentinel", "redis-cluster", "rediss-cluster");
                ReplayRecord r = record("via-provider");
                assertThat(store.replayCache().record(r)).isEqualTo(Outcome.FIRST_USE);
                assertThat(store.replayCache().record(r)).isEqualTo(Outcome.SAME_TOKEN);
            } finally {
                store.close();
            }
        }
    }

    @Test
    void openWhenRedisWantsAPasswordThenWithoutIt503AndWithItAnswered() {
        try (RedisServer server = RedisServer.launch("--requirepass", "s3cret")) {
            RedisReplayStore none = RedisReplayStore.builder(server.uri() + "?timeout=2s").build();
            ReplayStore with = ReplayStores.open(ReplayStoreRequest.of(server.uri() + "?timeout=2s", Clock.systemUTC())
                    .withPassword("s3cret"));
            try {
                assertThatThrownBy(() -> none.replayCache().record(record("a")))
                        .isInstanceOf(VerifierUnavailableException.class).hasMessageNotContaining("s3cret");
                assertThat(with.replayCache().record(record("a"))).isEqualTo(Outcome.FIRST_USE);
            } finally {
                none.close();
                with.close();
            }
        }
    }

    @Test
    void openWhenAnAclUserMayTouchOnlyItsPrefixThenItWorksWithoutConfigRights() {
        // The least a store needs: its own keys, the scripting and string/set/zset commands.
        try (RedisServer server = RedisServer.launch("--user", "default", "off", "--user", "bearer", "on", ">s3cret",
                "~bg:*", "+@read", "+@write", "+@scripting", "+ping", "+hello", "+client|setname", "-config")) {
            RedisReplayStore s = RedisReplayStore.builder(server.uri() + "?prefix=bg:&user=bearer&timeout=2s")
                    .password("s3cret").build();
            try {
                assertThat(s.declareNew()).isEqualTo(1);
                assertThat(s.replayCache().record(record("acl"))).isEqualTo(Outcome.FIRST_USE);
                assertThat(s.rateLimiter().tryAcquire("k", new dev.bearerguard.core.limit.RateLimit(1, Duration.ofMinutes(1)))
                        .allowed()).isTrue();
            } finally {
                s.close();
            }
            RedisReplayStore wrongPrefix = RedisReplayStore.builder(server.uri() + "?user=bearer&timeout=2s")
                    .password("s3cret").build();
            try {
                assertThatThrownBy(() -> wrongPrefix.replayCache().record(record("acl")))
                        .isInstanceOf(VerifierUnavailableException.class).hasMessageContaining("NOPERM");
            } finally {
                wrongPrefix.close();
            }
        }
    }
}
