package dev.bearerguard.benchmarks.load;

import dev.bearerguard.benchmarks.FastTokens;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.contract.RedisServer;
import dev.bearerguard.test.PemKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark 7's smoke test (the only part {@code mvn verify} runs; the timed runs are run-load.sh's):
 * each case answers 200 to the tokens run-load.sh sends, and each guarded path really is guarded
 * (no token, a forged one or, for the filter, a replayed one: 401).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadAppSmokeTest {

    private static final String[] GUARDED = {"/filter/ping", "/cached/ping", "/redis/ping", "/spring-jdk/ping",
        "/spring-bc/ping"};

    @TempDir
    static Path dir;

    private RedisServer redis;
    private ConfigurableApplicationContext app;
    private FastTokens tokens;
    private URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws Exception {
        RedisServer.requireRedis();
        redis = RedisServer.launch();
        KeyPair pair = PemKeys.generateP521();
        Path pem = Files.writeString(dir.resolve("public.pem"), PemKeys.toPem(pair.getPublic()));
        tokens = new FastTokens(pair);
        app = LoadApp.start("--server.port=0", "--server.address=127.0.0.1", "--bench.public-key=" + pem,
                "--bench.redis=" + redis.uri());
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        base = URI.create("http://127.0.0.1:" + port);
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (redis != null) {
            redis.stop();
        }
    }

    @Test
    void everyCaseAnswers200ToAFreshToken() throws Exception {
        for (String path : LoadApp.PATHS) {
            HttpResponse<String> r = get(path, tokens.next());
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).isEqualTo("ok");
        }
    }

    @Test
    void theRepeatedEmbedTokenIsAcceptedEveryTimeOnTheCachedPathAndTheOthers() throws Exception {
        String embed = tokens.signer().token().scopes("embed").embed("amount", 1299)
                .lifetime(Duration.ofHours(2)).sign();
        for (int i = 0; i < 3; i++) {
            for (String path : LoadApp.PATHS) {
                assertThat(get(path, embed).statusCode()).as(path + " #" + i).isEqualTo(200);
            }
        }
    }

    @Test
    void theOpenPathNeedsNoTokenAndEveryGuardedPathRefusesAMissingOrForgedToken() throws Exception {
        assertThat(get("/open/ping", null).statusCode()).isEqualTo(200);
        for (String path : GUARDED) {
            assertThat(get(path, null).statusCode()).as(path + " without a token").isEqualTo(401);
            String good = tokens.next();
            int last = good.length() - 5;
            String forged = good.substring(0, last) + (good.charAt(last) == 'A' ? 'B' : 'A') + good.substring(last + 1);
            assertThat(get(path, forged).statusCode()).as(path + " forged").isEqualTo(401);
        }
    }

    @Test
    void theFiltersRefuseASingleUseTokenTheSecondTimeSoTheLoadMustSendEachOnce() throws Exception {
        for (String path : new String[] {"/filter/ping", "/redis/ping"}) {
            String once = tokens.next();
            assertThat(get(path, once).statusCode()).as(path).isEqualTo(200);
            assertThat(get(path, once).statusCode()).as(path + " replayed").isEqualTo(401);
        }
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
