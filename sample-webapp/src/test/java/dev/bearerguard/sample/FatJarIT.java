package dev.bearerguard.sample;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick start as the README writes it: {@code java -jar target/bearerguard-sample.jar}, then
 * the banner's curl line (200 once, then 401 replay), then a token without the scope (403).
 * Runs the shaded jar in its own JVM, after {@code package}.
 */
class FatJarIT {

    private static final Path JAR = LaunchedJar.JAR;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    /** The sample jar as a user runs it, with 60 s to print each awaited line. */
    private static LaunchedJar launch(Path workDir, String... args) throws IOException {
        return new LaunchedJar(workDir, Duration.ofSeconds(60), List.of(), List.of(args));
    }

    private HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void quickStartInDemoModeThenBannerCurlGets200ThenReplay401AndMissingScope403() throws Exception {
        assertThat(JAR).as("run after mvn package").exists();
        try (LaunchedJar app = launch(dir, "--port", "0")) {
            String base = app.await(Pattern.compile("listening on\\s+(http://\\S+/)")).group(1);
            assertThat(app.seen).anyMatch(l -> l.contains("DEMO MODE"));
            String kid = app.await(Pattern.compile("trusted kid\\s+(\\S+)")).group(1);
            Matcher curl = app.await(Pattern.compile("^curl -i -H 'Authorization: Bearer ([^']+)' (\\S+)$"));
            assertThat(curl.group(2)).isEqualTo(base + "api/transactions");

            HttpResponse<String> ok = get(curl.group(2), curl.group(1));
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).startsWith("{\"items\":[{\"type\":\"transaction\"");
            HttpResponse<String> replay = get(curl.group(2), curl.group(1));
            assertThat(replay.statusCode()).isEqualTo(401);
            assertThat(replay.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("token was already used");

            String lesser = get(base + "demo/token?scopes=buyers.read", null).body().strip();
            HttpResponse<String> denied = get(base + "api/transactions", lesser);
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.headers().firstValue("WWW-Authenticate").orElseThrow())
                    .contains("error=\"insufficient_scope\"", "scope=\"transactions.read\"");

            HttpResponse<String> page = get(base + "checkout/", null);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<script src=\"checkout.js\"></script>", "What happened");
            assertThat(get(base + "checkout/checkout.js", null).body()).contains("async function onAccessTokenExpired()");
            assertThat(dir.resolve("bearerguard-demo-keys/private.pem")).exists();
            assertThat(kid).hasSize(43);
        }
    }

    @Test
    void withKeysThenNoDemoAndTokensOfThatKeyWork() throws Exception {
        KeyPair pair = PemKeys.generateP521();
        Path pem = Files.writeString(dir.resolve("public.pem"), PemKeys.toPem(pair.getPublic()));
        try (LaunchedJar app = launch(dir, "--port", "0", "--keys", pem.toString())) {
            String base = app.await(Pattern.compile("listening on (http://\\S+/)")).group(1);
            assertThat(app.seen).noneMatch(l -> l.contains("DEMO"));
            String token = TokenSigner.of(pair.getPrivate(), pair.getPublic()).token().scopes("reports.read").sign();
            assertThat(get(base + "reports/", token).statusCode()).isEqualTo(200);
            assertThat(get(base + "demo/token", null).statusCode()).isEqualTo(404);
        }
        assertThat(dir.resolve("bearerguard-demo-keys")).doesNotExist();
    }

    @Test
    void badOptionThenExitCode2AndAMessageNamingIt() throws Exception {
        try (LaunchedJar app = launch(dir, "--prot", "1")) {
            app.await(Pattern.compile("bearerguard-sample: Unknown options: '--prot', '1'"));
            assertThat(app.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(app.process.exitValue()).isEqualTo(2);
        }
    }
}
