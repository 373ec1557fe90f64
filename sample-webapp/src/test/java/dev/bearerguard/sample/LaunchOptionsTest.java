package dev.bearerguard.sample;

import dev.bearerguard.test.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.test.JwksServer;
import dev.bearerguard.test.TestKey;
import dev.bearerguard.test.PemKeys;
import dev.bearerguard.test.TokenSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's command line: picocli with the core's parsers, every refusal naming its option. */
class LaunchOptionsTest {

    @TempDir
    Path dir;

    @Test
    void parseWhenKeysGivenThenNoDemoMode() throws Exception {
        Path pem = Files.writeString(dir.resolve("public.pem"), PemKeys.toPem(PemKeys.generateP521().getPublic()));
        try (SampleServer server = LaunchOptions.parse("--keys", pem.toString(), "--port", "0").builder().start()) {
            assertThat(server.demoSigner()).isEmpty();
        }
    }

    @Test
    void parseWhenKeysIsAJwksUrlThenAKeyAddedToTheServedSetGets200OverHttpWithoutARestart() throws Exception {
        ManualClock clock = new ManualClock(java.time.Instant.parse("2026-03-01T10:00:00Z"));
        KeyPair first = PemKeys.generateP521();
        KeyPair added = PemKeys.generateP521();
        TokenSigner firstSigner = TokenSigner.of(first.getPrivate(), first.getPublic()).withClock(clock);
        TokenSigner addedSigner = TokenSigner.of(added.getPrivate(), added.getPublic()).withClock(clock);
        HttpClient http = HttpClient.newHttpClient();
        try (JwksServer keys = JwksServer.start()) {
            keys.publish(List.of(new TestKey(firstSigner.kid(), first)));
            try (SampleServer server = LaunchOptions.parse("--keys", keys.uri().toString(), "--port", "0").builder()
                    .clock(clock).start()) {
                assertThat(server.demoSigner()).isEmpty();
                URI tx = server.baseUrl().resolve("api/transactions");
                assertThat(status(http, tx, firstSigner.token().scopes("transactions.read").sign())).isEqualTo(200);

                keys.publish(List.of(new TestKey(firstSigner.kid(), first), new TestKey(addedSigner.kid(), added)));
                assertThat(status(http, tx, addedSigner.token().scopes("transactions.read").sign()))
                        .as("within the refresh interval of the start-up fetch").isEqualTo(401);
                clock.advance(Duration.ofSeconds(30));
                assertThat(status(http, tx, addedSigner.token().scopes("transactions.read").sign()))
                        .as("one refresh interval later, same process").isEqualTo(200);
                assertThat(status(http, tx, firstSigner.token().scopes("transactions.read").sign())).isEqualTo(200);
            }
        }
    }

    @Test
    void parseWhenKeysIsAPlainHttpUrlToAnotherHostThenRefusedNamingTheOption() {
        assertThatThrownBy(() -> LaunchOptions.parse("--keys", "http://keys.example.com/jwks.json"))
                .hasMessageContaining("--keys").hasMessageContaining("must use https");
    }

    private static int status(HttpClient http, URI uri, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void parseWhenVerifiedTokenCacheGivenThenTheApiVerifierRemembersThatManyAndZeroTurnsItOff() {
        Path demo = dir.resolve("demo");
        try (SampleServer server = LaunchOptions.parse("--port=0", "--demo-keys", demo.toString()).builder().start()) {
            assertThat(server.apiVerifier().verifiedTokenCacheSize()).as("default").isEqualTo(10_000);
        }
        try (SampleServer server = LaunchOptions.parse("--port=0", "--demo-keys", demo.toString(),
                "--verified-token-cache", "500").builder().start()) {
            assertThat(server.apiVerifier().verifiedTokenCacheSize()).isEqualTo(500);
        }
        try (SampleServer server = LaunchOptions.parse("--port=0", "--demo-keys", demo.toString(),
                "--verified-token-cache", "0").builder().start()) {
            assertThat(server.apiVerifier().verifiedTokenCacheSize()).isZero();
        }
        assertThatThrownBy(() -> LaunchOptions.parse("--verified-token-cache", "-1"))
                .hasMessageContaining("--verified-token-cache").hasMessageContaining("between 0 and 10000000");
    }

    @Test
    void parseWhenNoKeysThenDemoModeInTheGivenFolder() {
        Path demo = dir.resolve("demo");
        try (SampleServer server = LaunchOptions.parse("--port=0", "--demo-keys", demo.toString()).builder().start()) {
            assertThat(server.demoSigner()).isPresent();
        }
        assertThat(demo.resolve("private.pem")).exists();
    }

    @Test
    void parseWhenOptionIsUnknownThenNamesIt() {
        assertThatThrownBy(() -> LaunchOptions.parse("--prot", "80")).hasMessageContaining("--prot").hasMessageContaining("Unknown option");
    }

    @Test
    void parseWhenValueIsMissingThenSaysSo() {
        assertThatThrownBy(() -> LaunchOptions.parse("--keys")).hasMessageContaining("Missing required parameter for option '--keys'");
    }

    @Test
    void parseWhenValuesAreBadThenNamesTheOption() {
        assertThatThrownBy(() -> LaunchOptions.parse("--port", "eighty")).hasMessageContaining("--port");
        assertThatThrownBy(() -> LaunchOptions.parse("--port", "70000")).hasMessageContaining("--port");
        assertThatThrownBy(() -> LaunchOptions.parse("--algorithms", "HS256")).hasMessageContaining("--algorithms")
                .hasMessageContaining("never accepted");
        assertThatThrownBy(() -> LaunchOptions.parse("--algorithms", "ES999")).hasMessageContaining("unknown algorithm");
        assertThatThrownBy(() -> LaunchOptions.parse("--algorithms", "none")).hasMessageContaining("never accepted");
        assertThatThrownBy(() -> LaunchOptions.parse("--replay", "sometimes")).hasMessageContaining("--replay")
                .hasMessageContaining("is not one of default, single-use, reusable, off");
        assertThatThrownBy(() -> LaunchOptions.parse("--clock-skew", "60")).hasMessageContaining("--clock-skew")
                .hasMessageContaining("has no unit");
        assertThatThrownBy(() -> LaunchOptions.parse("--key-restriction", "onlykid")).hasMessageContaining("KID MERCHANTS");
        assertThatThrownBy(() -> LaunchOptions.parse("--oauth-client", "nocolon")).hasMessageContaining("ID:SECRET");
        assertThatThrownBy(() -> LaunchOptions.parse("--require-https", "yes")).hasMessageContaining("true or false");
        assertThatThrownBy(() -> LaunchOptions.parse("--trust-forwarded-proto", "true"))
                .hasMessageContaining("only makes sense with --require-https");
    }

    @Test
    void spellingsAreTheSameAsTheServletFiltersAndTheClis() {
        // es512 and Single-Use mean what they mean in web.xml and for bearerguard verify.
        LaunchOptions.Parsed p = LaunchOptions.parse("--algorithms", "es512,rs256", "--replay", "Single-Use",
                "--clock-skew", "PT30S", "--demo-keys", dir.resolve("d").toString());
        assertThat(p.builder()).isNotNull();
    }

    @Test
    void helpIsRecognizedAndListsEveryOption() {
        assertThat(LaunchOptions.parse("--help").help()).isTrue();
        assertThat(LaunchOptions.usage()).contains("--port", "--keys", "--algorithms", "--clock-skew", "--max-lifetime",
                "--issuers", "--replay", "--max-token-size", "--verified-token-cache", "--realm", "--merchant-header", "--key-restriction",
                "--oauth-client", "--checkout-token-lifetime", "--require-https", "--trust-forwarded-proto", "DEMO MODE");
    }
}
