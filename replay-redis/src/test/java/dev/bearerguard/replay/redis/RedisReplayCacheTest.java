package dev.bearerguard.replay.redis;

import dev.bearerguard.test.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.bearerguard.contract.RedisServer;
import dev.bearerguard.core.VerifierUnavailableException;
import dev.bearerguard.core.replay.ReplayCache.Outcome;
import dev.bearerguard.core.replay.ReplayRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the Redis replay cache does beyond the contract, against a real {@code redis-server}: the
 * layout of its keys, the generation rule after a loss, slow and hung servers, a full server, and
 * what it logs.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RedisReplayCacheTest {

    static RedisServer server;
    static final Logger JUL = Logger.getLogger("dev.bearerguard.replay.redis");
    final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    final List<RedisReplayStore> stores = new ArrayList<>();
    ManualClock clock;

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

    @BeforeEach
    void fresh() throws Exception {
        server.command("FLUSHALL");
        clock = new ManualClock(Instant.ofEpochMilli(server.timeMillis()));
        JUL.addHandler(capture);
    }

    @AfterEach
    void close() {
        JUL.removeHandler(capture);
        stores.forEach(RedisReplayStore::close);
    }

    RedisReplayStore store(RedisReplayStore.Builder b) {
        RedisReplayStore s = b.clock(clock).build();
        stores.add(s);
        return s;
    }

    RedisReplayStore store() {
        return store(RedisReplayStore.builder(server.uri()).commandTimeout(Duration.ofSeconds(2)));
    }

    ReplayRecord single(String jti) {
        Instant now = clock.instant();
        return new ReplayRecord(jti, "kid-a", 7, now.minusSeconds(60), now.plusSeconds(120), true);
    }

    ReplayRecord reusable(String jti) {
        Instant now = clock.instant();
        return new ReplayRecord(jti, "kid-a", 7, now.minusSeconds(60), now.plusSeconds(120), false);
    }

    // ---------------------------------------------------------------- the layout in Redis

    @Test
    void recordWhenFirstUseThenOneKeyHoldsTheFingerprintUntilTheEndPlusToleranceAndNoJtiAppears() throws Exception {
        RedisReplayStore s = store();
        s.declareNew();
        String jti = "jti-" + UUID.randomUUID();
        ReplayRecord r = single(jti);
        assertThat(s.replayCache().record(r)).isEqualTo(Outcome.FIRST_USE);
        @SuppressWarnings("unchecked")
        List<String> keys = (List<String>) server.command("KEYS", "*");
        String digest = Keys.b64(Keys.digest(jti));
        String kid = Keys.b64(Keys.digest("kid-a"));
        assertThat(keys).containsExactlyInAnyOrder("bearerguard:{0}:gen", "bearerguard:{0}:r:" + digest,
                "bearerguard:{0}:k:" + kid, "bearerguard:{0}:n", "bearerguard:{0}:ks");
        assertThat(String.join(" ", keys)).doesNotContain(jti);
        assertThat(server.command("PEXPIRETIME", "bearerguard:{0}:r:" + digest))
                .isEqualTo(r.until().toEpochMilli() + RedisReplayStore.DEFAULT_TOLERANCE_MS);
        assertThat(server.command("STRLEN", "bearerguard:{0}:r:" + digest)).as("8 bytes: the fingerprint").isEqualTo(8L);
        assertThat(server.command("GET", "bearerguard:{0}:gen")).isEqualTo("0");
        assertThat(server.command("GET", "bearerguard:{0}:n")).isEqualTo("1");
    }

    @Test
    void recordWhenAnotherPrefixThenItsKeysAreApartAndTheSameJtiIsAFirstUseThere() throws Exception {
        RedisReplayStore a = store();
        RedisReplayStore b = store(RedisReplayStore.builder(server.uri() + "?prefix=other:&timeout=2s"));
        a.declareNew();
        b.declareNew();
        assertThat(a.replayCache().record(single("shared"))).isEqualTo(Outcome.FIRST_USE);
        assertThat(b.replayCache().record(single("shared"))).isEqualTo(Outcome.FIRST_USE);
        assertThat(server.command("EXISTS", "other:{0}:r:" + Keys.b64(Keys.digest("shared")))).isEqualTo(1L);
    }

    @Test
    void recordWhenTwoInstancesShareRedisThenAJtiIsAFirstUseOnOneOnly() {
        RedisReplayStore a = store();
        RedisReplayStore b = store();
        a.declareNew();
        ReplayRecord r = single("across");
        assertThat(a.replayCache().record(r)).isEqualTo(Outcome.FIRST_USE);
        assertThat(b.replayCache().record(r)).isEqualTo(Outcome.SAME_TOKEN);
        assertThat(b.replayCache().record(new ReplayRecord("across", "kid-b", 8, r.validFrom(), r.until(), false)))
                .isEqualTo(Outcome.OTHER_TOKEN);
    }

    // ---------------------------------------------------------------- a store that lost its data

    @Test
    void recordWhenRedisRestartedEmptyThenSingleUseTokensValidBeforeTheLossAre503UntilTheyExpireAndLoggedOnce() throws Exception {
        RedisReplayStore a = store();
        RedisReplayStore b = store();
        a.declareNew();
        ReplayRecord used = single("used-before");
        assertThat(a.replayCache().record(used)).isEqualTo(Outcome.FIRST_USE);
        server.kill();
        server.startEmpty();
        clock.advance(Duration.ofSeconds(5));
        Instant loss = clock.instant();
        // Both instances refuse the replay they can no longer see — and every other single-use token
        // that became valid before the loss — until the store answers again.
        for (RedisReplayStore s : List.of(a, b)) {
            Throwable t = awaitAnswer(() -> s.replayCache().record(used));
            assertThat(t).isInstanceOf(VerifierUnavailableException.class).hasMessageContaining("lost its data")
                    .hasMessageNotContaining("used-before");
            assertThatThrownBy(() -> s.replayCache().record(single("never-seen-" + UUID.randomUUID())))
                    .isInstanceOf(VerifierUnavailableException.class);
        }
        assertThat(server.command("GET", "bearerguard:{0}:gen")).isEqualTo(String.valueOf(loss.toEpochMilli()));
        // Tokens valid from after the loss (plus the tolerance) go on; reusable ones go on.
        Instant after = loss.plusMillis(RedisReplayStore.DEFAULT_TOLERANCE_MS);
        assertThat(a.replayCache().record(new ReplayRecord("new", "kid-a", 1, after, after.plusSeconds(60), true)))
                .isEqualTo(Outcome.FIRST_USE);
        assertThat(b.replayCache().record(reusable("embed"))).isEqualTo(Outcome.FIRST_USE);
        assertThat(a.replayCache().record(reusable("embed"))).isEqualTo(Outcome.SAME_TOKEN);
        assertThatThrownBy(() -> a.replayCache().record(new ReplayRecord("new-1ms-early", "kid-a", 1,
                after.minusMillis(1), after.plusSeconds(60), true))).isInstanceOf(VerifierUnavailableException.class);
        // Once the refused token's window is over, the verifier's own clock answers it.
        clock.advance(Duration.ofSeconds(120));
        assertThat(a.replayCache().record(used)).isEqualTo(Outcome.EXPIRED);
        long warnings = logged.stream().filter(l -> l.getLevel() == java.util.logging.Level.WARNING
                && l.getMessage().contains("was found empty")).count();
        assertThat(warnings).as("one warning for the loss, whichever instance found it").isEqualTo(1);
        assertThat(logged).allSatisfy(l -> assertThat(l.getMessage()).doesNotContain("used-before"));
        assertThat(a.replayCache().health().ready()).isTrue();
    }

    @Test
    void recordWhenRedisWasFlushedThenTheSameRuleHolds() throws Exception {
        RedisReplayStore s = store();
        s.declareNew();
        ReplayRecord used = single("flushed");
        s.replayCache().record(used);
        server.command("FLUSHALL");
        assertThatThrownBy(() -> s.replayCache().record(used)).isInstanceOf(VerifierUnavailableException.class)
                .hasMessageContaining("lost its data");
    }

    @Test
    void recordWhenRedisRestartedWithItsDataThenNothingIsRefusedAndTheReplayIsStillAReplay() throws Exception {
        RedisReplayStore s = store();
        s.declareNew();
        ReplayRecord used = single("kept");
        s.replayCache().record(used);
        server.stop();
        server.start();
        Throwable t = awaitAnswer(() -> assertThat(s.replayCache().record(used)).isEqualTo(Outcome.SAME_TOKEN));
        assertThat(t).isNull();
        assertThat(s.replayCache().record(single("another"))).isEqualTo(Outcome.FIRST_USE);
    }

    @Test
    void recordWhenTheStoreIsNewAndNotDeclaredSoThenTokensValidBeforeItsFirstUseAre503() throws Exception {
        RedisReplayStore s = store();
        assertThatThrownBy(() -> s.replayCache().record(single("before-first-use")))
                .isInstanceOf(VerifierUnavailableException.class).hasMessageContaining("lost its data");
        assertThat(s.declareNew()).as("a marker exists now: declaring it new changes nothing").isZero();
    }

    // ---------------------------------------------------------------- slow, hung and full servers

    @Test
    void recordWhenRedisIsSlowThen503WithinTheTimeoutAndAnswersAgainAfter() throws Exception {
        RedisReplayStore s = store(RedisReplayStore.builder(server.uri() + "?timeout=100ms&connect-timeout=500ms"));
        // A loaded build machine may miss 100 ms once: set up until Redis answers in time.
        assertThat(awaitAnswer(s::declareNew)).isNull();
        assertThat(awaitAnswer(() -> s.replayCache().record(single("warm")))).isNull();
        Thread sleeper = new Thread(() -> {
            try {
                server.command(Duration.ofSeconds(10), "DEBUG", "SLEEP", "1.5");
            } catch (Exception ignored) {
                // the answer does not matter
            }
        });
        sleeper.start();
        awaitBusy();
        long started = System.nanoTime();
        Throwable t = catchThrowable(() -> s.replayCache().record(single("during")));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(t).isInstanceOf(VerifierUnavailableException.class).hasMessageContaining("within 100 ms");
        assertThat(took).as("the configured timeout, not the 1.5 s sleep").isLessThan(Duration.ofMillis(800));
        assertThat(s.replayCache().health().ready()).isFalse();
        sleeper.join();
        assertThat(awaitAnswer(() -> s.replayCache().record(single("after")))).isNull();
        assertThat(s.replayCache().health().ready()).isTrue();
    }

    /** Waits until DEBUG SLEEP holds the server: a PING with a short read timeout goes unanswered. */
    private static void awaitBusy() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            try {
                server.command(Duration.ofMillis(50), "PING");
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            } catch (Exception busy) {
                return;
            }
        }
        throw new IllegalStateException("DEBUG SLEEP did not hold the server");
    }

    @Test
    void recordWhenRedisHangsThen503WithinTheTimeoutAndRecoversWhenItGoesOn() {
        RedisReplayStore s = store(RedisReplayStore.builder(server.uri() + "?timeout=100ms"));
        assertThat(awaitAnswer(s::declareNew)).isNull();
        ReplayRecord before = single("before-hang");
        assertThat(awaitAnswer(() -> s.replayCache().record(before))).isNull();
        server.freeze();
        try {
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                assertThatThrownBy(() -> s.replayCache().record(single("hung-" + UUID.randomUUID())))
                        .isInstanceOf(VerifierUnavailableException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(800));
            }
        } finally {
            server.thaw();
        }
        assertThat(awaitAnswer(() -> assertThat(s.replayCache().record(before)).isEqualTo(Outcome.SAME_TOKEN))).isNull();
    }

    @Test
    void recordWhenRedisIsDownAtStartThen503AtOnceAndAnswersWithinASecondOfItsStart() throws Exception {
        server.stop();
        RedisReplayStore s;
        try {
            s = store(RedisReplayStore.builder(server.uri() + "?timeout=200ms"));
            long started = System.nanoTime();
            assertThatThrownBy(() -> s.replayCache().record(single("x"))).isInstanceOf(VerifierUnavailableException.class)
                    .hasMessageContaining("unreachable");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        } finally {
            server.start();
        }
        long back = System.nanoTime();
        assertThat(awaitAnswer(s::declareNew)).isNull();
        assertThat(s.replayCache().record(single("y"))).isEqualTo(Outcome.FIRST_USE);
        assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void recordWhenRedisIsOutOfMemoryThenNewJtisAre503ButALiveJtiIsStillAReplay() throws Exception {
        RedisReplayStore s = store();
        s.declareNew();
        ReplayRecord live = single("live");
        s.replayCache().record(live);
        server.command("CONFIG", "SET", "maxmemory", "1");
        try {
            assertThat(s.replayCache().record(live)).isEqualTo(Outcome.SAME_TOKEN);
            assertThatThrownBy(() -> s.replayCache().record(single("new"))).isInstanceOf(VerifierUnavailableException.class)
                    .hasMessageContaining("OOM");
        } finally {
            server.command("CONFIG", "SET", "maxmemory", "0");
        }
    }

    @Test
    void connectWhenRedisMayEvictThenAWarningNamesThePolicy() throws Exception {
        server.command("CONFIG", "SET", "maxmemory-policy", "allkeys-lru");
        try {
            RedisReplayStore s = store();
            s.declareNew();
            assertThat(logged).anySatisfy(l -> assertThat(l.getMessage()).contains("maxmemory-policy=allkeys-lru")
                    .contains("noeviction"));
        } finally {
            server.command("CONFIG", "SET", "maxmemory-policy", "noeviction");
        }
    }

    @Test
    void recordWhenClosedThen503() {
        RedisReplayStore s = store();
        s.declareNew();
        s.close();
        assertThatThrownBy(() -> s.replayCache().record(single("late"))).isInstanceOf(VerifierUnavailableException.class)
                .hasMessageContaining("closed");
    }

    /** Calls {@code call} until it does not throw {@link VerifierUnavailableException} (at most 5 s); the last such failure or null. */
    static Throwable awaitAnswer(Runnable call) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try {
                call.run();
                return null;
            } catch (VerifierUnavailableException e) {
                if (e.getMessage().startsWith("replay store:") || System.nanoTime() > deadline) {
                    return e;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
        }
    }
}
