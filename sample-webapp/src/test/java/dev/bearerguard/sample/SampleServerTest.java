package dev.bearerguard.sample;

import dev.bearerguard.test.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.test.JwksServer;
import dev.bearerguard.test.TestKey;
import dev.bearerguard.core.keys.KeyLoadException;
import dev.bearerguard.test.PemKeys;
import dev.bearerguard.test.TokenSigner;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entry point users start in their own tests. */
class SampleServerTest {

    @TempDir
    Path dir;

    private static int status(java.net.URI uri, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void startWhenKeysComeFromAPemFileThenServesOnAFreePortAndCloseStopsIt() throws Exception {
        KeyPair pair = PemKeys.generateP521();
        Path pem = Files.writeString(dir.resolve("public.pem"), PemKeys.toPem(pair.getPublic()));
        TokenSigner signer = TokenSigner.of(pair.getPrivate(), pair.getPublic());
        java.net.URI base;
        try (SampleServer server = SampleServer.builder().port(0).keys(pem).start()) {
            base = server.baseUrl();
            assertThat(server.port()).isPositive().isNotEqualTo(8080);
            assertThat(base.toString()).isEqualTo("http://localhost:" + server.port() + "/");
            assertThat(server.demoSigner()).isEmpty();
            assertThat(status(base.resolve("api/transactions"), signer.token().scopes("transactions.read").sign())).isEqualTo(200);
            assertThat(status(base.resolve("demo/token"), null)).as("no demo endpoint outside demo mode").isEqualTo(404);
        }
        assertThatThrownBy(() -> status(base.resolve("healthz"), null)).isInstanceOf(ConnectException.class);
    }

    @Test
    void merchantBackendWhenNotAskedForOutsideDemoModeThenNotServed() throws Exception {
        KeyPair pair = PemKeys.generateP521();
        Path pem = Files.writeString(dir.resolve("public.pem"), PemKeys.toPem(pair.getPublic()));
        try (SampleServer server = SampleServer.builder().port(0).keys(pem).oauthClient("c", "s").start()) {
            HttpRequest post = HttpRequest.newBuilder(server.baseUrl().resolve("merchant/checkout-token"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"customer_id\":\"cus_1\",\"invoice_id\":\"inv_1\"}")).build();
            assertThat(HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.discarding()).statusCode())
                    .as("an open token mint must be asked for").isEqualTo(404);
        }
    }

    @Test
    void startWhenKeysComeFromAJwksUrlThenAKeyPublishedLaterIsAcceptedWithoutARestartAndCloseStopsTheRefresh()
            throws Exception {
        ManualClock clock = new ManualClock(java.time.Instant.parse("2026-03-01T10:00:00Z"));
        KeyPair first = PemKeys.generateP521();
        KeyPair later = PemKeys.generateP521();
        TokenSigner firstSigner = TokenSigner.of(first.getPrivate(), first.getPublic()).withClock(clock);
        TokenSigner laterSigner = TokenSigner.of(later.getPrivate(), later.getPublic()).withClock(clock);
        try (JwksServer keys = JwksServer.start()) {
            keys.publish(List.of(new TestKey(firstSigner.kid(), first)));
            try (SampleServer server = SampleServer.builder().port(0).clock(clock).keys(keys.uri())
                    .keyRestriction(laterSigner.kid() + " merchant-a").start()) {
                java.net.URI tx = server.baseUrl().resolve("api/transactions");
                assertThat(status(tx, firstSigner.token().scopes("transactions.read").sign())).isEqualTo(200);

                keys.publish(List.of(new TestKey(firstSigner.kid(), first), new TestKey(laterSigner.kid(), later)));
                clock.advance(java.time.Duration.ofSeconds(30)); // one refresh interval since the start-up fetch
                int fetches = keys.requests();
                assertThat(status(tx, laterSigner.token().scopes("transactions.read").sign()))
                        .as("the restriction applies to the new remote key: no merchant named").isEqualTo(403);
                assertThat(keys.requests()).as("its unknown kid fetched the set once").isEqualTo(fetches + 1);
            }
            int after = keys.requests();
            clock.advance(java.time.Duration.ofHours(2));
            assertThat(keys.requests()).as("no refresh once stopped").isEqualTo(after);
        }
    }

    @Test
    void startWhenAJwksUrlIsCombinedWithOtherKeysThenRefuses() throws Exception {
        Path pem = Files.writeString(dir.resolve("public.pem"), PemKeys.toPem(PemKeys.generateP521().getPublic()));
        assertThatThrownBy(() -> SampleServer.builder().port(0).keys(pem)
                .keys(java.net.URI.create("http://127.0.0.1:9/jwks.json")).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("must be the only key source");
        assertThatThrownBy(() -> SampleServer.builder().keys(java.net.URI.create("http://keys.example.com/jwks.json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must use https");
    }

    @Test
    void startWhenNoKeysAndNoDemoThenRefusesToStart() {
        assertThatThrownBy(() -> SampleServer.builder().port(0).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no trusted keys");
    }

    @Test
    void startWhenKeyFileHoldsAPrivateKeyThenRefusesNamingTheFile() throws Exception {
        Path pem = Files.writeString(dir.resolve("oops.pem"), PemKeys.toPem(PemKeys.generateP521().getPrivate()));
        assertThatThrownBy(() -> SampleServer.builder().port(0).keys(pem).start())
                .isInstanceOf(KeyLoadException.class).hasMessageContaining("oops.pem");
    }

    @Test
    void startWhenRestrictionNamesAnUnknownKidThenRefuses() throws Exception {
        Path pem = Files.writeString(dir.resolve("public.pem"), PemKeys.toPem(PemKeys.generateP521().getPublic()));
        assertThatThrownBy(() -> SampleServer.builder().port(0).keys(pem).keyRestriction("nope merchant-a").start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("nope");
    }

    @Test
    void startWhenPortIsTakenThenFailsClearly() {
        try (Fixture f = new Fixture()) {
            assertThatThrownBy(() -> new Fixture(b -> b.port(f.server.port())))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("Jetty did not start");
        }
    }

    @Test
    void realmReachesBothTheFilterAndTheJaxrsFeature() {
        try (Fixture f = new Fixture(b -> b.realm("payments"))) {
            assertThat(f.get("/reports/").challenge()).isEqualTo("Bearer realm=\"payments\"");
            assertThat(f.get("/api/buyers").challenge()).isEqualTo("Bearer realm=\"payments\"");
        }
    }

    @Test
    void merchantHeaderSettingReachesBothAdapters() {
        try (Fixture f = new Fixture((b, kid) -> b.merchantHeader("x-merchant").keyRestriction(kid + " m1"))) {
            assertThat(f.get("/reports/", "Authorization", "Bearer " + f.token("reports.read"), "x-merchant", "m2").status())
                    .isEqualTo(403);
            assertThat(f.get("/api/buyers", "Authorization", "Bearer " + f.token("buyers.read"), "x-merchant", "m2").status())
                    .isEqualTo(403);
            assertThat(f.get("/api/buyers", "Authorization", "Bearer " + f.token("buyers.read"), "x-merchant", "m1").status())
                    .isEqualTo(200);
        }
    }

    @Test
    void requireHttpsBehindProxyReachesBothAdapters() {
        try (Fixture f = new Fixture(b -> b.requireHttps(true))) {
            Fixture.Response plainApi = f.get("/api/buyers", Fixture.bearer(f.token("buyers.read")));
            assertThat(plainApi.status()).isEqualTo(400);
            assertThat(plainApi.challenge()).contains("error=\"invalid_request\"");
            assertThat(f.get("/reports/", Fixture.bearer(f.token("reports.read"))).status()).isEqualTo(400);
            assertThat(f.get("/v1/invoices/inv_1").status()).isEqualTo(400);
            assertThat(f.get("/api/buyers", "Authorization", "Bearer " + f.token("buyers.read"),
                    "X-Forwarded-Proto", "https").status()).isEqualTo(200);
            assertThat(f.get("/reports/", "Authorization", "Bearer " + f.token("reports.read"),
                    "X-Forwarded-Proto", "https").status()).isEqualTo(200);
        }
    }

    @Test
    void verifierOptionsFromTheCommandLineReachBothAdapters() throws Exception {
        KeyPair pair = PemKeys.generateP521();
        Path pem = Files.writeString(dir.resolve("public.pem"), PemKeys.toPem(pair.getPublic()));
        TokenSigner signer = TokenSigner.of(pair.getPrivate(), pair.getPublic());
        try (SampleServer server = LaunchOptions.parse("--port", "0", "--keys", pem.toString(), "--issuers", "sdk-a",
                "--max-lifetime", "2m", "--replay", "reusable").builder().start()) {
            java.net.URI api = server.baseUrl().resolve("api/transactions");
            java.net.URI reports = server.baseUrl().resolve("reports/");
            String wrongIssuer = signer.token().scopes("*.read").issuer("sdk-b").sign();
            assertThat(status(api, wrongIssuer)).isEqualTo(401);
            assertThat(status(reports, wrongIssuer)).isEqualTo(401);
            String tooLong = signer.token().scopes("*.read").issuer("sdk-a").lifetime(java.time.Duration.ofMinutes(10)).sign();
            assertThat(status(api, tooLong)).isEqualTo(401);
            assertThat(status(reports, tooLong)).isEqualTo(401);
            String good = signer.token().scopes("*.read").issuer("sdk-a").sign();
            assertThat(status(api, good)).isEqualTo(200);
            assertThat(status(api, good)).as("--replay reusable").isEqualTo(200);
            assertThat(status(reports, good)).isEqualTo(200);
        }
    }
}
