package dev.bearerguard.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The checkout-token profile over real HTTP: client credentials at {@code /oauth/token}, a checkout
 * token from {@code /v1/checkout-auth/init}, and claim binding on {@code /v1/invoices} and {@code /v1/customers}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckoutProfileTest {

    private Fixture f;

    @BeforeAll
    void start() {
        f = new Fixture(b -> b.checkoutTokenLifetime(Duration.ofMinutes(5)));
    }

    @AfterAll
    void stop() {
        f.close();
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private Fixture.Response oauth(String authorization, String form) {
        return authorization == null
                ? f.send("POST", "/oauth/token", form, "Content-Type", "application/x-www-form-urlencoded")
                : f.send("POST", "/oauth/token", form, "Authorization", authorization,
                        "Content-Type", "application/x-www-form-urlencoded");
    }

    private String accessToken() {
        Fixture.Response r = oauth(basic(Fixture.CLIENT_ID, Fixture.CLIENT_SECRET), "grant_type=client_credentials");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return field(r.body(), "access_token");
    }

    private static String field(String json, String name) {
        return json.replaceAll(".*\"" + name + "\":\"([^\"]+)\".*", "$1");
    }

    private Fixture.Response init(String accessToken, String customer, String invoice) {
        return f.send("POST", "/v1/checkout-auth/init", "{\"customer_id\":\"" + customer + "\",\"invoice_id\":\"" + invoice + "\"}",
                Fixture.bearer(accessToken));
    }

    private String checkoutToken(String customer, String invoice) {
        Fixture.Response r = init(accessToken(), customer, invoice);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return field(r.body(), "token");
    }

    @Test
    void oauthTokenWhenClientCredentialsAreRightThenAccessTokenAndExpiresIn() {
        Fixture.Response r = oauth(basic(Fixture.CLIENT_ID, Fixture.CLIENT_SECRET), "grant_type=client_credentials");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("\"access_token\":\"", "\"token_type\":\"Bearer\"", "\"expires_in\":3600");
    }

    @Test
    void oauthTokenWhenSecretIsWrongOrMissingThen401InvalidClient() {
        for (String auth : new String[] {basic(Fixture.CLIENT_ID, "wrong"), null, "Basic !!!", basic("nobody", "x")}) {
            Fixture.Response r = oauth(auth, "grant_type=client_credentials");
            assertThat(r.status()).as(auth + " -> " + r).isEqualTo(401);
            assertThat(r.body()).contains("\"error\":\"invalid_client\"").doesNotContain(Fixture.CLIENT_SECRET);
        }
    }

    @Test
    void oauthTokenWhenGrantTypeIsNotClientCredentialsThen400() {
        Fixture.Response r = oauth(basic(Fixture.CLIENT_ID, Fixture.CLIENT_SECRET), "grant_type=password");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("unsupported_grant_type");
    }

    @Test
    void initWhenAccessTokenIsMissingUnknownOrMalformedThenRefused() {
        Fixture.Response none = f.send("POST", "/v1/checkout-auth/init", "{\"customer_id\":\"cus_1\",\"invoice_id\":\"inv_1\"}");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.challenge()).isEqualTo("Bearer realm=\"sample\"");
        assertThat(init("made-up", "cus_1", "inv_1").status()).isEqualTo(401);
        Fixture.Response malformed = f.send("POST", "/v1/checkout-auth/init", "{}", "Authorization", "Bearer a b");
        assertThat(malformed.status()).isEqualTo(400);
    }

    @Test
    void initWhenAccessTokenExpiredThen401() {
        String access = accessToken();
        f.clock.advance(Duration.ofMinutes(61));
        try {
            assertThat(init(access, "cus_1", "inv_1").status()).isEqualTo(401);
        } finally {
            f.clock.advance(Duration.ofMinutes(-61));
        }
    }

    @Test
    void initWhenInvoiceIsNotTheCustomersOrUnknownThenRefused() {
        String access = accessToken();
        assertThat(init(access, "cus_2", "inv_1").status()).isEqualTo(400);
        assertThat(init(access, "cus_1", "inv_404").status()).isEqualTo(404);
    }

    @Test
    void initThenTheCheckoutTokenCarriesTheContractClaims() {
        String token = checkoutToken("cus_1", "inv_1");
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"partner_id\":", "\"client_id\":\"merchant\"", "\"customer_id\":\"cus_1\"",
                "\"invoice_id\":\"inv_1\"", "\"exp\":" + f.clock.instant().plus(Duration.ofMinutes(5)).getEpochSecond())
                .doesNotContain("\"scopes\"");
    }

    @Test
    void ownInvoiceAndCustomerThen200AndTheTokenMayBeUsedAgain() {
        String token = checkoutToken("cus_1", "inv_1");
        for (int i = 0; i < 2; i++) {
            Fixture.Response invoice = f.get("/v1/invoices/inv_1", Fixture.bearer(token));
            assertThat(invoice.status()).as(invoice.toString()).isEqualTo(200);
            assertThat(invoice.body()).contains("\"id\":\"inv_1\"", "\"amount\":1299");
        }
        assertThat(f.get("/v1/customers/cus_1", Fixture.bearer(token)).body()).contains("\"name\":\"Ada Lovelace\"");
        assertThat(f.get("/v1/invoices/inv_1/payment-options", Fixture.bearer(token)).body()).contains("\"label\":\"Card\"");
    }

    @Test
    void anotherInvoiceOrCustomerThen403NamingTheClaim() {
        String token = checkoutToken("cus_1", "inv_1");
        Fixture.Response invoice = f.get("/v1/invoices/inv_2", Fixture.bearer(token));
        assertThat(invoice.status()).isEqualTo(403);
        assertThat(invoice.challenge()).contains("error=\"insufficient_scope\"", "invoice_id");
        Fixture.Response options = f.get("/v1/invoices/inv_2/payment-options", Fixture.bearer(token));
        assertThat(options.status()).isEqualTo(403);
        Fixture.Response customer = f.get("/v1/customers/cus_2", Fixture.bearer(token));
        assertThat(customer.status()).isEqualTo(403);
        assertThat(customer.challenge()).contains("customer_id");
    }

    @Test
    void checkoutRoutesWithoutTokenMalformedOrBadSignatureThenRefused() {
        assertThat(f.get("/v1/invoices/inv_1").status()).isEqualTo(401);
        assertThat(f.get("/v1/invoices/inv_1", "Authorization", "Bearer").status()).isEqualTo(400);
        String forged = f.impostor.checkoutToken().claim("partner_id", "p").claim("client_id", "c")
                .claim("customer_id", "cus_1").claim("invoice_id", "inv_1").sign();
        Fixture.Response r = f.get("/v1/invoices/inv_1", Fixture.bearer(forged));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.challenge()).contains("error=\"invalid_token\"");
    }

    @Test
    void checkoutTokenWhenExpiredThen401TokenExpired() {
        String token = checkoutToken("cus_1", "inv_1");
        f.clock.advance(Duration.ofMinutes(7));
        try {
            Fixture.Response r = f.get("/v1/invoices/inv_1", Fixture.bearer(token));
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.challenge()).contains("error_description=\"token expired\"");
        } finally {
            f.clock.advance(Duration.ofMinutes(-7));
        }
    }

    @Test
    void apiTokenIsNotACheckoutTokenAndCheckoutTokenIsNotAnApiToken() {
        Fixture.Response api = f.get("/v1/invoices/inv_1", Fixture.bearer(f.token("*.read")));
        assertThat(api.status()).isEqualTo(401);
        Fixture.Response checkout = f.get("/api/transactions", Fixture.bearer(checkoutToken("cus_1", "inv_1")));
        assertThat(checkout.status()).isEqualTo(401);
    }
}
