package dev.bearerguard.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route of the mock API over real HTTP, each with: no token, a malformed header, a bad
 * signature, an expired token, the wrong scope, the right scope, and the right token replayed.
 * {@code /reports/*} goes through the servlet filter's scope-rules, the rest through the JAX-RS feature.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiRoutesTest {

    /** A route, the body it is called with, the scope it needs, a scope that is not enough, and its success status. */
    record Route(String method, String path, String body, String scope, String wrongScope, int ok, String accepts) {
        Route(String method, String path, String body, String scope, String wrongScope, int ok) {
            this(method, path, body, scope, wrongScope, ok, scope);
        }

        /** A route that also accepts an embed token: its challenge lists both. */
        Route orEmbed() {
            return new Route(method, path, body, scope, wrongScope, ok, scope + " embed");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private Fixture f;
    private String sessionId;

    @BeforeAll
    void start() {
        f = new Fixture();
        Fixture.Response created = f.send("POST", "/api/checkout/sessions", "{\"cart_items\":[]}",
                Fixture.bearer(f.token("checkout-sessions.write")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        sessionId = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }

    @AfterAll
    void stop() {
        f.close();
    }

    Stream<Route> routes() {
        return Stream.of(
                new Route("GET", "/api/transactions", null, "transactions.read", "transactions.write", 200),
                new Route("GET", "/api/transactions/" + Fixture.SEED_TRANSACTION, null, "transactions.read", "buyers.read", 200).orEmbed(),
                new Route("POST", "/api/transactions", "{\"amount\":1299,\"currency\":\"USD\",\"buyer_id\":\"" + Fixture.ADA + "\"}",
                        "transactions.write", "transactions.read", 201).orEmbed(),
                new Route("GET", "/api/buyers", null, "buyers.read", "transactions.read", 200),
                new Route("POST", "/api/buyers", "{\"display_name\":\"Grace Hopper\",\"external_identifier\":\"grace\"}",
                        "buyers.write", "buyers.read", 201),
                new Route("GET", "/api/buyers/" + Fixture.ADA + "/billing-details", null, "buyers.billing-details.read",
                        "buyers.read", 200),
                new Route("GET", "/api/buyers/payment-methods?buyer_id=" + Fixture.ADA, null, "buyers.read",
                        "transactions.read", 200).orEmbed(),
                new Route("POST", "/api/checkout/sessions", "{\"metadata\":{\"order\":\"42\"}}", "checkout-sessions.write",
                        "checkout-sessions.read", 201).orEmbed(),
                new Route("GET", "/api/checkout/sessions/" + sessionId, null, "checkout-sessions.read",
                        "checkout-sessions.write", 200).orEmbed(),
                new Route("PUT", "/api/checkout/sessions/" + sessionId, "{\"cart_items\":[{\"name\":\"Tea\",\"quantity\":1}]}",
                        "checkout-sessions.write", "checkout-sessions.read", 200).orEmbed(),
                new Route("GET", "/api/payment-options?currency=EUR", null, "payment-options.read", "transactions.read", 200).orEmbed(),
                new Route("GET", "/reports/", null, "reports.read", "transactions.read", 200),
                new Route("GET", "/reports/daily-transactions", null, "reports.read", "*.write", 200));
    }

    private Fixture.Response call(Route r, String... headers) {
        return f.send(r.method(), r.path(), r.body(), headers);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void routeWithoutTokenThen401WithBareChallenge(Route r) {
        Fixture.Response res = call(r);
        assertThat(res.status()).as(res.toString()).isEqualTo(401);
        assertThat(res.challenge()).isEqualTo("Bearer realm=\"sample\"");
        assertThat(res.body()).contains("\"status\":401");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void routeWithMalformedHeaderThen400InvalidRequest(Route r) {
        Fixture.Response res = call(r, "Authorization", "Bearer two tokens");
        assertThat(res.status()).as(res.toString()).isEqualTo(400);
        assertThat(res.challenge()).contains("error=\"invalid_request\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void routeWithBadSignatureThen401InvalidToken(Route r) {
        Fixture.Response res = call(r, Fixture.bearer(f.impostor.token().scopes(r.scope()).sign()));
        assertThat(res.status()).as(res.toString()).isEqualTo(401);
        assertThat(res.challenge()).contains("error=\"invalid_token\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void routeWithExpiredTokenThen401TokenExpired(Route r) {
        String expired = f.signer.token().scopes(r.scope()).notBefore(f.clock.instant().minus(Duration.ofMinutes(10)))
                .lifetime(Duration.ofMinutes(2)).sign();
        Fixture.Response res = call(r, Fixture.bearer(expired));
        assertThat(res.status()).as(res.toString()).isEqualTo(401);
        assertThat(res.challenge()).contains("error=\"invalid_token\"", "error_description=\"token expired\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void routeWithWrongScopeThen403InsufficientScopeNamingTheNeededScope(Route r) {
        Fixture.Response res = call(r, Fixture.bearer(f.token(r.wrongScope())));
        assertThat(res.status()).as(res.toString()).isEqualTo(403);
        assertThat(res.challenge()).contains("error=\"insufficient_scope\"", "scope=\"" + r.accepts() + "\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void routeWithRightScopeThenSucceedsAndTheSameTokenReplayedThen401(Route r) {
        String token = f.token(r.scope());
        Fixture.Response first = call(r, Fixture.bearer(token));
        assertThat(first.status()).as(first.toString()).isEqualTo(r.ok());
        assertThat(first.contentType()).startsWith("application/json");
        Fixture.Response replay = call(r, Fixture.bearer(token));
        assertThat(replay.status()).as(replay.toString()).isEqualTo(401);
        assertThat(replay.challenge()).contains("error=\"invalid_token\"", "already used");
    }

    @Test
    void healthzNeedsNoToken() {
        Fixture.Response res = f.get("/healthz");
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void starReadGrantsTheDottedBillingDetailsResource() {
        Fixture.Response res = f.get("/api/buyers/" + Fixture.ADA + "/billing-details", Fixture.bearer(f.token("*.read")));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        assertThat(res.body()).contains("\"type\":\"billing-details\"", "\"first_name\":\"Ada\"");
    }

    @Test
    void starWriteDoesNotGrantReading() {
        Fixture.Response res = f.get("/api/transactions", Fixture.bearer(f.token("*.write")));
        assertThat(res.status()).isEqualTo(403);
    }

    @Test
    void embedGrantsPaymentOptions() {
        Fixture.Response res = f.get("/api/payment-options", Fixture.bearer(f.token("embed")));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        assertThat(res.body()).contains("\"type\":\"payment-option\"");
    }

    @Test
    void embedDoesNotGrantReports() {
        Fixture.Response res = f.get("/reports/", Fixture.bearer(f.token("embed")));
        assertThat(res.status()).isEqualTo(403);
        assertThat(res.challenge()).contains("scope=\"reports.read\"");
    }

    @Test
    void unknownTransactionThen404InTheReferenceStyle() {
        Fixture.Response res = f.get("/api/transactions/nope", Fixture.bearer(f.token("transactions.read")));
        assertThat(res.status()).isEqualTo(404);
        assertThat(res.body()).isEqualTo("{\"type\":\"error\",\"code\":\"not_found\",\"status\":404,\"message\":\"transaction not found\"}");
    }

    @Test
    void listsUseTheReferenceEnvelope() {
        Fixture.Response res = f.get("/api/buyers", Fixture.bearer(f.token("buyers.read")));
        assertThat(res.body()).startsWith("{\"items\":[").contains("\"next_cursor\":null", "\"display_name\":\"Ada Lovelace\"");
    }

    @Test
    void invalidTransactionBodyThen400NotA500() {
        for (String body : List.of("{\"amount\":-1,\"currency\":\"USD\"}", "{\"amount\":12.5,\"currency\":\"USD\"}",
                "{\"amount\":100,\"currency\":\"usd\"}", "{\"amount\":\"100\",\"currency\":\"USD\"}", "[1,2]", "{oops")) {
            Fixture.Response res = f.send("POST", "/api/transactions", body, Fixture.bearer(f.token("transactions.write")));
            assertThat(res.status()).as(body + " -> " + res).isEqualTo(400);
        }
    }

    @Test
    void filterAndJaxrsShareOneReplayCacheSoATokenUsedOnReportsIsSpentOnTheApiToo() {
        String token = f.token("reports.read", "transactions.read");
        assertThat(f.get("/reports/", Fixture.bearer(token)).status()).isEqualTo(200);
        Fixture.Response api = f.get("/api/transactions", Fixture.bearer(token));
        assertThat(api.status()).as(api.toString()).isEqualTo(401);
        assertThat(api.challenge()).contains("already used");
    }
}
