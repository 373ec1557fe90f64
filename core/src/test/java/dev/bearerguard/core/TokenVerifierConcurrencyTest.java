package dev.bearerguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.core.replay.CaffeineReplayCache;
import dev.bearerguard.test.TokenSigner;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once acceptance of a single-use token presented by {@value #THREADS} threads at once,
 * {@value #ROUNDS} rounds, each thread released by one latch (no sleeps), on a fixed clock.
 */
class TokenVerifierConcurrencyTest {

    static final int THREADS = 64;
    static final int ROUNDS = 20;
    /** Mid-second on purpose: the replay cache counts milliseconds where the time check counts seconds. */
    static final Instant NOW = Instant.parse("2030-01-15T12:00:01.500Z");
    static final long T = Instant.parse("2030-01-15T12:00:00Z").getEpochSecond();
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS);

    final TokenSigner signer = TestKeys.signer().withClock(CLOCK);

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    TokenVerifier verifier() {
        return TokenVerifier.builder().keys(TestKeys.keySet()).clock(CLOCK)
                .replayCache(CaffeineReplayCache.create(CLOCK, CaffeineReplayCache.DEFAULT_MAXIMUM_SIZE)).build();
    }

    /** Presents {@code token} from every thread at once; returns how many were accepted, checking the rest are replays. */
    static int race(TokenVerifier verifier, String token) throws Exception {
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Reason>> answers = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            answers.add(POOL.submit(() -> {
                ready.countDown();
                go.await();
                try {
                    verifier.verify(token);
                    return null;
                } catch (TokenRejectedException e) {
                    return e.reason();
                }
            }));
        }
        assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        int accepted = 0;
        for (Future<Reason> f : answers) {
            Reason r = f.get(30, TimeUnit.SECONDS);
            if (r == null) {
                accepted++;
            } else {
                assertThat(r).isEqualTo(Reason.REPLAYED);
            }
        }
        return accepted;
    }

    @Test
    void verifyWhenSingleUseTokenSentBy64ThreadsAtOnceThenAcceptedExactlyOnceEveryRound() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            TokenVerifier v = round % 2 == 0 ? verifier() : TokenVerifier.builder().keys(TestKeys.keySet())
                    .clock(CLOCK).verifiedTokenCache(100).build();
            assertThat(race(v, signer.token().jti("race-" + round).sign())).as("round %d", round).isEqualTo(1);
        }
    }

    @Test
    void verifyWhenEmbedTokenSentBy64ThreadsAtOnceThenAcceptedEveryTime() throws Exception {
        String token = signer.token().scopes("embed").jti("embed-race").sign();
        assertThat(race(verifier(), token)).isEqualTo(THREADS);
    }

    @Test
    void verifyWhenFractionalExpInsideTheSkewAndSentBy64ThreadsAtOnceThenAcceptedExactlyOnce() throws Exception {
        // Issue 11, defect 2: minted at second T with exp = T - 58.999999, presented at T + 1.5. The
        // time check (exp rounded up to T - 58, now T + 1 minus 60 s skew) accepts it; the replay
        // record must last as long, so the other 63 presentations are replays.
        for (int round = 0; round < ROUNDS; round++) {
            String token = signer.token().jti("fraction-" + round).notBefore(Instant.ofEpochSecond(T - 120))
                    .claim("exp", new BigDecimal((T - 59) + ".000001")).sign();
            assertThat(race(verifier(), token)).as("round %d", round).isEqualTo(1);
        }
    }
}
