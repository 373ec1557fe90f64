package dev.bearerguard.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checkout sessions expire one hour after creation on the server's clock; PUT does not extend them. */
class CheckoutSessionsResourceTest {

    private Fixture f;

    @BeforeEach
    void start() {
        f = new Fixture();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private String create() {
        Fixture.Response r = f.send("POST", "/api/checkout/sessions",
                "{\"cart_items\":[{\"name\":\"Tea\",\"quantity\":2}],\"metadata\":{\"order\":\"7\"}}",
                Fixture.bearer(f.token("checkout-sessions.write")));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.body()).contains("\"created_at\":\"2026-03-01T10:00:00Z\"", "\"expires_at\":\"2026-03-01T11:00:00Z\"",
                "\"cart_items\":[{\"name\":\"Tea\",\"quantity\":2}]", "\"metadata\":{\"order\":\"7\"}");
        return r.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }

    private Fixture.Response read(String id) {
        return f.get("/api/checkout/sessions/" + id, Fixture.bearer(f.token("checkout-sessions.read")));
    }

    @Test
    void sessionWhenJustBeforeOneHourThenReadable() {
        String id = create();
        f.clock.advance(Duration.ofMinutes(59));
        assertThat(read(id).status()).isEqualTo(200);
    }

    @Test
    void sessionWhenOneHourPassedThen404() {
        String id = create();
        f.clock.advance(Duration.ofHours(1));
        Fixture.Response r = read(id);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).contains("expired");
    }

    @Test
    void putReplacesContentsButDoesNotExtendTheSession() {
        String id = create();
        f.clock.advance(Duration.ofMinutes(50));
        Fixture.Response put = f.send("PUT", "/api/checkout/sessions/" + id, "{\"metadata\":{\"order\":\"8\"}}",
                Fixture.bearer(f.token("checkout-sessions.write")));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body()).contains("\"metadata\":{\"order\":\"8\"}", "\"expires_at\":\"2026-03-01T11:00:00Z\"");
        f.clock.advance(Duration.ofMinutes(10));
        assertThat(read(id).status()).isEqualTo(404);
        Fixture.Response late = f.send("PUT", "/api/checkout/sessions/" + id, "{\"metadata\":{}}",
                Fixture.bearer(f.token("checkout-sessions.write")));
        assertThat(late.status()).isEqualTo(404);
    }

    @Test
    void tokenNamingALiveSessionIsAccepted() {
        String id = create();
        String token = f.signer.token().scopes("transactions.read").checkoutSessionId(id).sign();
        assertThat(f.get("/api/transactions", Fixture.bearer(token)).status()).isEqualTo(200);
    }

    @Test
    void tokenNamingAnExpiredSessionThen401InvalidToken() {
        String id = create();
        f.clock.advance(Duration.ofMinutes(61));
        String token = f.signer.token().scopes("transactions.read").checkoutSessionId(id).sign();
        Fixture.Response r = f.get("/api/transactions", Fixture.bearer(token));
        assertThat(r.status()).as(r.toString()).isEqualTo(401);
        assertThat(r.challenge()).contains("error=\"invalid_token\"", "checkout session unknown or expired")
                .doesNotContain(id);
    }

    @Test
    void tokenNamingAnUnknownSessionThen401InvalidToken() {
        String token = f.signer.token().scopes("embed").checkoutSessionId("no-such-session").sign();
        Fixture.Response r = f.get("/api/payment-options", Fixture.bearer(token));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.challenge()).contains("error=\"invalid_token\"");
    }

    @Test
    void cartItemsThatAreNotAnArrayThen400() {
        Fixture.Response r = f.send("POST", "/api/checkout/sessions", "{\"cart_items\":\"tea\"}",
                Fixture.bearer(f.token("checkout-sessions.write")));
        assertThat(r.status()).isEqualTo(400);
    }
}
