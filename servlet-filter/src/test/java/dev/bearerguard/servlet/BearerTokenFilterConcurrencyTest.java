package dev.bearerguard.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.replay.CaffeineReplayCache;
import dev.bearerguard.test.PemKeys;
import dev.bearerguard.test.TokenSigner;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.KeyPair;
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
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once acceptance through the filter in its contract application on Jetty 12: a single-use
 * token sent by {@value #THREADS} requests at once, {@value #ROUNDS} rounds, released by one latch,
 * over a {@link LocalConnector} (in memory: no socket limits, no sleeps), on a fixed clock.
 */
class BearerTokenFilterConcurrencyTest {

    static final int THREADS = 64;
    static final int ROUNDS = 20;
    static final long T = Instant.parse("2030-01-15T12:00:00Z").getEpochSecond();
    /** Mid-second on purpose: the replay cache counts milliseconds where the time check counts seconds. */
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(T + 1, 500_000_000), ZoneOffset.UTC);

    static Server server;
    static LocalConnector connector;
    static TokenSigner signer;
    static ExecutorService pool;

    @BeforeAll
    static void start() throws Exception {
        KeyPair pair = PemKeys.generateP521();
        signer = TokenSigner.of(pair.getPrivate(), pair.getPublic()).withClock(CLOCK);
        TokenVerifier verifier = TokenVerifier.builder().keys(KeySet.of(TrustedKey.of(pair.getPublic()))).clock(CLOCK)
                .replayCache(CaffeineReplayCache.create(CLOCK, CaffeineReplayCache.DEFAULT_MAXIMUM_SIZE)).build();
        server = new Server();
        connector = new LocalConnector(server);
        server.addConnector(connector);
        WebAppContext context = new WebAppContext();
        context.setContextPath("/app");
        context.setBaseResourceAsPath(Path.of(BearerTokenFilterConcurrencyTest.class.getResource("/contract-app").toURI()));
        context.setParentLoaderPriority(true);
        context.setAttribute("contract.verifier", verifier);
        server.setHandler(context);
        server.start();
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    static void stop() throws Exception {
        pool.shutdownNow();
        server.stop();
    }

    /** Sends {@code token} from every thread at once; returns how many got 200, checking the rest are replays. */
    static int race(String token, String jti) throws Exception {
        String request = "GET /app/contract/open HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nConnection: close\r\n\r\n";
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpTester.Response>> answers = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            answers.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return HttpTester.parseResponse(connector.getResponse(request, 30, TimeUnit.SECONDS));
            }));
        }
        assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        int accepted = 0;
        for (Future<HttpTester.Response> f : answers) {
            HttpTester.Response r = f.get(60, TimeUnit.SECONDS);
            if (r.getStatus() == 200) {
                accepted++;
                assertThat(r.getContent()).isEqualTo(jti);
            } else {
                assertThat(r.getStatus()).isEqualTo(401);
                assertThat(r.get("WWW-Authenticate")).contains("error_description=\"token was already used\"");
            }
        }
        return accepted;
    }

    @Test
    void singleUseTokenSentBy64RequestsAtOnceIsAcceptedExactlyOnceEveryRound() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String jti = "race-" + round;
            assertThat(race(signer.token().jti(jti).sign(), jti)).as("round %d", round).isEqualTo(1);
        }
    }

    @Test
    void fractionalExpInsideTheSkewSentBy64RequestsAtOnceIsAcceptedExactlyOnce() throws Exception {
        // Issue 11, defect 2: exp = T - 58.999999, presented at T + 1.5 with the default 60 s skew.
        for (int round = 0; round < ROUNDS; round++) {
            String jti = "fraction-" + round;
            String token = signer.token().jti(jti).notBefore(Instant.ofEpochSecond(T - 120))
                    .claim("exp", new BigDecimal((T - 59) + ".000001")).sign();
            assertThat(race(token, jti)).as("round %d", round).isEqualTo(1);
        }
    }
}
