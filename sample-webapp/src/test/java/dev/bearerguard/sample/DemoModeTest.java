package dev.bearerguard.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoModeTest {

    @TempDir
    Path dir;

    @Test
    void openWhenFolderIsEmptyThenMakesAKeyPairAndReusesItNextTime() {
        DemoMode first = DemoMode.open(dir.resolve("keys"));
        DemoMode second = DemoMode.open(dir.resolve("keys"));
        assertThat(first.kid()).isEqualTo(second.kid());
        assertThat(dir.resolve("keys/private.pem")).exists();
        assertThat(dir.resolve("keys/public.pem")).exists();
    }

    @Test
    void bannerIsLoudAndItsCurlLineWorksOnceThenIsAReplay() throws Exception {
        try (SampleServer server = SampleServer.builder().port(0).demo(dir.resolve("keys")).start()) {
            DemoMode demo = DemoMode.open(dir.resolve("keys"));
            String banner = DemoMode.banner(demo, server.baseUrl());
            assertThat(banner).contains("DEMO MODE", "NOT FOR PRODUCTION", demo.kid(),
                    dir.resolve("keys/private.pem").toAbsolutePath().toString(), "client_id=demo-client",
                    "client_secret=demo-secret");
            Matcher m = Pattern.compile("(?m)^curl -i -H 'Authorization: Bearer ([^']+)' (\\S+)$").matcher(banner);
            assertThat(m.find()).as(banner).isTrue();
            assertThat(m.group(2)).isEqualTo(server.baseUrl() + "api/transactions");
            HttpRequest request = HttpRequest.newBuilder(URI.create(m.group(2)))
                    .header("Authorization", "Bearer " + m.group(1)).build();
            HttpClient http = HttpClient.newHttpClient();
            assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void bannerShowsAKeyBelowTheWorkingDirectoryAsARelativePath() {
        assertThat(DemoMode.shown(Path.of("bearerguard-demo-keys/private.pem").toAbsolutePath()))
                .isEqualTo("./bearerguard-demo-keys/private.pem");
        assertThat(DemoMode.shown(dir.resolve("keys/private.pem"))).isEqualTo(dir.resolve("keys/private.pem").toString());
    }

    @Test
    void demoTokenEndpointMintsTokensWithTheAskedScopes() throws Exception {
        try (SampleServer server = SampleServer.builder().port(0).demo(dir.resolve("keys")).start()) {
            HttpClient http = HttpClient.newHttpClient();
            String token = http.send(HttpRequest.newBuilder(server.baseUrl().resolve("demo/token?scopes=buyers.read")).build(),
                    HttpResponse.BodyHandlers.ofString()).body().strip();
            HttpResponse<String> denied = http.send(HttpRequest.newBuilder(server.baseUrl().resolve("api/transactions"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("insufficient_scope");
        }
    }

    @Test
    void demoOAuthClientIsAccepted() throws Exception {
        try (SampleServer server = SampleServer.builder().port(0).demo(dir.resolve("keys")).start()) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.baseUrl().resolve("oauth/token"))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("demo-client:demo-secret".getBytes()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }
}
