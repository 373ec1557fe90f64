package dev.bearerguard.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.contract.RedisServer;
import dev.bearerguard.test.PemKeys;
import dev.bearerguard.test.TokenSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several instances, one replay store (issue 14's "done means"): two sample servers, each the
 * shaded jar in its own JVM, started with {@code --replay-store redis://…} on one real {@code
 * redis-server}. A single-use token sent 100 times at once over both is accepted exactly once; an
 * embed token works on both, and another token reusing its {@code jti} is refused on both; Redis
 * stopped, restarted empty or slow answers 503 from both, and both recover by themselves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SharedReplayStoreIT {

    private static final Path JAR = LaunchedJar.JAR;
    private static final String SEED_TRANSACTION = "8724fd24-5489-4a5d-90fd-0604df7d3b83";
    /** The instances' clock skew: short, so the tokens of the loss case become valid quickly. */
    private static final int SKEW_SECONDS = 2;

    @TempDir
    static Path dir;

    private RedisServer redis;
    private final List<LaunchedJar> servers = new ArrayList<>();
    private final List<String> bases = new ArrayList<>();
    private TokenSigner signer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** The sample jar, with a bounded heap (two of them run at once) and 90 s to start. */
    private static LaunchedJar launch(Path workDir, List<String> args) throws IOException {
        return new LaunchedJar(workDir, Duration.ofSeconds(90), List.of("-Xmx256m"), args);
    }

    @BeforeAll
    void start() throws Exception {
        assertThat(JAR).as("run after mvn package").exists();
        redis = RedisServer.launch();
        // A new store, declared so once (module README): tokens minted before its first use go on.
        redis.command("SET", "bearerguard:{0}:gen", "0", "NX");
        KeyPair pair = PemKeys.generateP521();
        Path pem = Files.writeString(dir.resolve("public.pem"), PemKeys.toPem(pair.getPublic()));
        signer = TokenSigner.of(pair.getPrivate(), pair.getPublic());
        for (int i = 0; i < 2; i++) {
            Path work = Files.createDirectories(dir.resolve("instance-" + i));
            servers.add(launch(work, List.of("--port", "0", "--keys", pem.toString(),
                    "--clock-skew", SKEW_SECONDS + "s",
                    // Two JVMs and a hundred ES512 verifications at once on a small shared machine: a
                    // timeout that CPU starvation alone cannot reach (the slow-Redis case sleeps past it).
                    "--replay-store", redis.uri() + "?timeout=2s&connect-timeout=2s")));
        }
        for (LaunchedJar s : servers) {
            bases.add(s.await(Pattern.compile("listening on (http://\\S+/)")).group(1));
        }
        // Warm both JVMs (JIT, the script loaded into Redis) before anything is measured or counted.
        List<CompletableFuture<Answer>> warm = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            warm.add(send(i % 2, "/api/transactions", singleUse()));
            if (warm.size() == 20) {
                warm.forEach(CompletableFuture::join);
                warm.clear();
            }
        }
        warm.forEach(CompletableFuture::join);
    }

    @AfterAll
    void stop() throws Exception {
        for (LaunchedJar s : servers) {
            s.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private record Answer(int status, String challenge) {
    }

    private CompletableFuture<Answer> send(int server, String path, String token) {
        HttpRequest r = HttpRequest.newBuilder(URI.create(bases.get(server) + path.substring(1)))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).build();
        return http.sendAsync(r, HttpResponse.BodyHandlers.ofString())
                .thenApply(res -> new Answer(res.statusCode(), res.headers().firstValue("WWW-Authenticate").orElse("")));
    }

    private Answer get(int server, String path, String token) {
        return send(server, path, token).join();
    }

    private String singleUse() {
        return signer.token().scopes("transactions.read").sign();
    }

    @Test
    @Order(1)
    void aSingleUseTokenPresented100TimesAtOnceOverBothInstancesIsAcceptedExactlyOnceEveryTime() {
        for (int round = 0; round < 20; round++) {
            String token = singleUse();
            List<CompletableFuture<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                answers.add(send(i % 2, "/api/transactions", token));
            }
            int ok = 0;
            int replayed = 0;
            Map<String, Integer> seen = new java.util.TreeMap<>();
            for (CompletableFuture<Answer> a : answers) {
                Answer r = a.join();
                seen.merge(r.status() + " " + r.challenge(), 1, Integer::sum);
                if (r.status() == 200) {
                    ok++;
                } else if (r.status() == 401 && r.challenge().contains("token was already used")) {
                    replayed++;
                }
            }
            assertThat(ok).as("round %d: 200s of %s", round, seen).isEqualTo(1);
            assertThat(replayed).as("round %d: 401 token was already used, of %s", round, seen).isEqualTo(99);
        }
    }

    @Test
    @Order(2)
    void anEmbedTokenWorksOnBothAndAnotherTokenReusingItsJtiIsRefusedOnBoth() {
        for (int round = 0; round < 10; round++) {
            String jti = "embed-" + UUID.randomUUID();
            Map<String, Object> pins = Map.of("amount", 1299, "currency", "USD", "buyer_external_identifier", "ada-1815",
                    "merchant_account_id", "default");
            String embed = signer.token().jti(jti).scopes("embed").embed(pins).sign();
            String twin = signer.token().jti(jti).scopes("embed").embed(Map.of("amount", 1, "currency", "USD",
                    "buyer_external_identifier", "ada-1815", "merchant_account_id", "default")).sign();
            for (int i = 0; i < 4; i++) {
                assertThat(get(i % 2, "/api/transactions/" + SEED_TRANSACTION, embed).status()).as("embed on %d", i % 2)
                        .isEqualTo(200);
            }
            for (int s = 0; s < 2; s++) {
                Answer a = get(s, "/api/transactions/" + SEED_TRANSACTION, twin);
                assertThat(a.status()).isEqualTo(401);
                assertThat(a.challenge()).contains("jti was already used by another token");
            }
        }
    }

    @Test
    @Order(4)
    void redisStoppedMidTrafficThen503FromBothNever200AndBothRecoverWithinASecondOfItsReturn() throws Exception {
        String used = singleUse();
        assertThat(get(0, "/api/transactions", used).status()).isEqualTo(200);
        redis.stop();
        try {
            for (int s = 0; s < 2; s++) {
                assertThat(get(s, "/api/transactions", singleUse()).status()).as("a token never seen, on %d", s).isEqualTo(503);
                assertThat(get(s, "/api/transactions", used).status()).as("a replay, on %d", s).isEqualTo(503);
            }
        } finally {
            redis.start();
        }
        long back = System.nanoTime();
        for (int s = 0; s < 2; s++) {
            Answer a;
            do {
                a = get(s, "/api/transactions", singleUse());
                assertThat(a.status()).isIn(200, 503);
                if (a.status() == 503) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                }
            } while (a.status() == 503 && System.nanoTime() - back < TimeUnit.SECONDS.toNanos(5));
            assertThat(a.status()).isEqualTo(200);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - back)).as("both answer again").isLessThan(Duration.ofSeconds(1));
        assertThat(get(1, "/api/transactions", used).status()).as("Redis kept its data: still a replay").isEqualTo(401);
    }

    @Test
    @Order(5)
    void redisRestartedEmptyThenSingleUseTokensValidBeforeTheLossAre503OnBothAndLaterOnesWork() throws Exception {
        String used = singleUse();
        String unused = singleUse();
        assertThat(get(0, "/api/transactions", used).status()).isEqualTo(200);
        redis.kill();
        redis.startEmpty();
        // Both instances refuse the replay they can no longer see, and a token valid before the loss.
        for (int s = 0; s < 2; s++) {
            int status;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            do {
                status = get(s, "/api/transactions", used).status();
            } while (status == 503 && redis.command("EXISTS", "bearerguard:{0}:gen").equals(0L) && System.nanoTime() < deadline);
            assertThat(status).as("the replay, on %d", s).isEqualTo(503);
            assertThat(get(s, "/api/transactions", unused).status()).as("a token valid before the loss, on %d", s).isEqualTo(503);
        }
        long lossMillis = Long.parseLong((String) redis.command("GET", "bearerguard:{0}:gen"));
        assertThat(lossMillis).isPositive();
        // A token valid from after the loss and its tolerance (nbf − skew ≥ loss + 1 s) is accepted once.
        Instant nbf = Instant.ofEpochSecond(Math.floorDiv(lossMillis + 1000, 1000) + 1 + SKEW_SECONDS);
        String later = signer.token().notBefore(nbf).lifetime(Duration.ofSeconds(60)).scopes("transactions.read").sign();
        while (System.currentTimeMillis() < nbf.minusSeconds(SKEW_SECONDS).toEpochMilli()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        assertThat(get(1, "/api/transactions", later).status()).isEqualTo(200);
        assertThat(get(0, "/api/transactions", later).status()).isEqualTo(401);
    }

    @Test
    @Order(3)
    void aSlowRedisAnswers503FromBothWithinTheTimeoutNotAHungRequest() throws Exception {
        Thread sleeper = new Thread(() -> {
            try {
                redis.command(Duration.ofSeconds(20), "DEBUG", "SLEEP", "6");
            } catch (Exception ignored) {
                // its answer does not matter
            }
        });
        sleeper.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                try {
                    redis.command(Duration.ofMillis(50), "PING");
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                } catch (Exception busy) {
                    break;
                }
            }
            for (int s = 0; s < 2; s++) {
                long started = System.nanoTime();
                assertThat(get(s, "/api/transactions", singleUse()).status()).isEqualTo(503);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the 2 s timeout, not the 6 s sleep")
                        .isLessThan(Duration.ofMillis(2900));
            }
        } finally {
            sleeper.join();
        }
    }
}
