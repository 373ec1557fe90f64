package dev.bearerguard.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.test.JwksServer;
import dev.bearerguard.core.http.RequestGuard;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees, through both real adapters over HTTP: {@code /metrics} counts each
 * answer under its adapter, outcome and reason; {@code /healthz} says whether the server can
 * decide; the audit log writes one parseable line per refusal at the level chosen.
 */
class ObservabilityTest {

    /** The value of the sample line of {@code name} with exactly these labels, or 0 when absent. */
    static double sample(String metrics, String name, Map<String, String> labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(metrics);
        while (m.find()) {
            Map<String, String> found = new java.util.HashMap<>();
            for (String pair : m.group(1).split(",")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    found.put(pair.substring(0, eq), pair.substring(eq + 2, pair.length() - 1));
                }
            }
            if (found.equals(labels)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }

    static double verifications(String metrics, String adapter, String outcome, String reason) {
        return sample(metrics, "bearerguard_verifications_total",
                Map.of("adapter", adapter, "outcome", outcome, "reason", reason));
    }

    String expired(Fixture f, String scope) {
        return f.signer.withClock(Clock.fixed(f.clock.instant().minus(Duration.ofHours(2)), ZoneOffset.UTC))
                .token().scopes(scope).lifetime(Duration.ofMinutes(5)).sign();
    }

    @Test
    void metricsWhenA200A401ExpiredAndA403ThroughEachAdapterThenEachCountedUnderItsAdapterAndReason() {
        try (Fixture f = new Fixture()) {
            assertThat(f.get("/api/transactions", Fixture.bearer(f.token("transactions.read"))).status()).isEqualTo(200);
            assertThat(f.get("/api/transactions", Fixture.bearer(expired(f, "transactions.read"))).status()).isEqualTo(401);
            assertThat(f.get("/api/transactions", Fixture.bearer(f.token("buyers.read"))).status()).isEqualTo(403);
            assertThat(f.get("/reports/daily-transactions", Fixture.bearer(f.token("reports.read"))).status()).isEqualTo(200);
            assertThat(f.get("/reports/daily-transactions", Fixture.bearer(expired(f, "reports.read"))).status()).isEqualTo(401);
            assertThat(f.get("/reports/daily-transactions", Fixture.bearer(f.token("buyers.read"))).status()).isEqualTo(403);
            assertThat(f.get("/reports/daily-transactions").status()).isEqualTo(401);

            Fixture.Response res = f.get("/metrics");
            assertThat(res.status()).isEqualTo(200);
            assertThat(res.contentType()).startsWith("text/plain");
            String m = res.body();
            for (String adapter : List.of("jaxrs", "servlet")) {
                assertThat(verifications(m, adapter, "accepted", "none")).as(adapter).isEqualTo(1);
                assertThat(verifications(m, adapter, "refused", "expired")).as(adapter).isEqualTo(1);
                assertThat(verifications(m, adapter, "refused", "insufficient_scope")).as(adapter).isEqualTo(1);
            }
            assertThat(verifications(m, "servlet", "refused", "no_credentials")).isEqualTo(1);
            // The verifier's own timer: 4 accepted tokens (the 403s passed verification), 2 expired, cold.
            assertThat(sample(m, "bearerguard_verification_seconds_count",
                    Map.of("outcome", "accepted", "path", "cold"))).isEqualTo(4);
            assertThat(sample(m, "bearerguard_verification_seconds_count",
                    Map.of("outcome", "refused", "path", "cold"))).isEqualTo(2);
            assertThat(sample(m, "bearerguard_replay_records_seconds_count", Map.of("result", "first_use"))).isEqualTo(4);
            assertThat(sample(m, "bearerguard_ready", Map.of("verifier", "api"))).isEqualTo(1);
            assertThat(sample(m, "bearerguard_token_cache_gets_total", Map.of("result", "miss", "verifier", "api")))
                    .isEqualTo(6);
            assertThat(m).doesNotContain("eyJ");
        }
    }

    @Test
    void healthzWhenTheKeyServiceNeverAnsweredThen503WithTheReasonAndTheApiAnswers503() throws Exception {
        try (JwksServer keys = JwksServer.start()) {
            keys.fault(JwksServer.Fault.ERROR_500);
            try (SampleServer server = SampleServer.builder().port(0).keys(keys.uri()).start()) {
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(server.baseUrl().resolve("healthz")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body()).contains("\"status\":\"not ready\"", "\"problems\":[", keys.uri().getPort() + "");
                HttpResponse<String> api = http.send(HttpRequest.newBuilder(server.baseUrl().resolve("api/transactions"))
                        .header("Authorization", "Bearer " + "eyJhbGciOiJFUzUxMiIsInR5cCI6IkpXVCIsImtpZCI6ImsifQ.e30.AA")
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(api.statusCode()).as("no key set yet: the server cannot decide").isEqualTo(503);
                HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(server.baseUrl().resolve("metrics")).build(),
                        HttpResponse.BodyHandlers.ofString());
                String source = keys.uri().toString();
                assertThat(sample(metrics.body(), "bearerguard_keys_fetches_seconds_count",
                        Map.of("result", "failed", "source", source))).isPositive();
                assertThat(sample(metrics.body(), "bearerguard_ready", Map.of("verifier", "api"))).isZero();
            }
        }
    }

    @Test
    void healthzWhenReadyThen200Ok() {
        try (Fixture f = new Fixture()) {
            Fixture.Response res = f.get("/healthz");
            assertThat(res.status()).isEqualTo(200);
            assertThat(res.body()).isEqualTo("{\"status\":\"ok\"}");
        }
    }

    @Test
    void auditWhenTheLevelIsInfoThenOneParseableLinePerRefusalFromEachAdapterAndNoToken() throws IOException {
        Logger audit = Logger.getLogger(RequestGuard.AUDIT_LOGGER);
        List<LogRecord> lines = new CopyOnWriteArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.INFO.intValue()) {
                    lines.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        audit.addHandler(h);
        List<String> tokens = new ArrayList<>();
        try (Fixture f = new Fixture(b -> b.auditLevel(System.Logger.Level.INFO))) {
            tokens.add(expired(f, "transactions.read"));
            tokens.add(f.token("buyers.read"));
            tokens.add(f.token("transactions.read"));
            f.get("/api/transactions", Fixture.bearer(tokens.get(0)));
            f.get("/reports/daily-transactions", Fixture.bearer(tokens.get(1)));
            f.get("/api/transactions", Fixture.bearer(tokens.get(2)));
        } finally {
            audit.removeHandler(h);
        }
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).getMessage()).startsWith("bearerguard: event=refused status=401 reason=expired kid=")
                .contains(" adapter=jaxrs method=GET path=/transactions");
        assertThat(lines.get(1).getMessage()).startsWith("bearerguard: event=refused status=403 reason=insufficient_scope")
                .contains(" adapter=servlet method=GET path=/reports/daily-transactions");
        for (LogRecord r : lines) {
            List<String> names = new ArrayList<>();
            for (String pair : r.getMessage().substring("bearerguard: ".length()).split(" ")) {
                names.add(pair.substring(0, pair.indexOf('=')));
            }
            assertThat(names).isEqualTo(RequestGuard.AUDIT_FIELDS);
            for (String t : tokens) {
                assertThat(r.getMessage()).doesNotContain(t).doesNotContain(t.substring(t.lastIndexOf('.') + 1));
            }
        }
    }

    @Test
    void launchOptionsWhenAuditLevelGivenThenParsedElseRefusedNamingTheOption() {
        assertThat(LaunchOptions.parse("--keys", "x.pem", "--audit-level", "info").builder()).isNotNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LaunchOptions.parse("--audit-level", "loud"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--audit-level")
                .hasMessageContaining("not an audit level");
        assertThat(LaunchOptions.usage()).contains("--audit-level");
    }
}
