package dev.bearerguard.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 12's reproductions, as a hostile shopper holding an embed token would try them, over real
 * HTTP: each answers as the contract (§1.6, least privilege) says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbedTokenTest {

    static final String MERCHANT = "x-gr4vy-merchant-account-id";
    static final String ALANS_TRANSACTION = "e2b4f1a0-3c4d-4b5e-8f6a-7b8c9d0e1f20";

    private Fixture f;

    @BeforeAll
    void start() {
        f = new Fixture();
    }

    @AfterAll
    void stop() {
        f.close();
    }

    private String adaToken() {
        return f.signer.token().scopes("embed").embed(Map.of("amount", 1299, "currency", "USD",
                "buyer_external_identifier", "ada-1815", "merchant_account_id", "default")).sign();
    }

    private Fixture.Response pay(String token, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = "Bearer " + token;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return f.send("POST", "/api/transactions", body, all);
    }

    @Test
    void listingTransactionsWithAnEmbedTokenIsRefused() {
        Fixture.Response r = f.get("/api/transactions", Fixture.bearer(adaToken()));
        assertThat(r.status()).as(r.toString()).isEqualTo(403);
        assertThat(r.challenge()).contains("error=\"insufficient_scope\"", "scope=\"transactions.read\"");
        assertThat(r.body()).doesNotContain("Alan", "Ada");
    }

    @Test
    void readingAnotherBuyersTransactionIsRefusedAndTheOwnBuyersIsNot() {
        String token = adaToken();
        Fixture.Response other = f.get("/api/transactions/" + ALANS_TRANSACTION, Fixture.bearer(token));
        assertThat(other.status()).as(other.toString()).isEqualTo(403);
        assertThat(other.challenge()).contains("another buyer than the token's");
        assertThat(other.body()).doesNotContain("Alan");
        Fixture.Response own = f.get("/api/transactions/" + Fixture.SEED_TRANSACTION, Fixture.bearer(token));
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.body()).contains("Ada Lovelace");
    }

    @Test
    void anEmbedTokenWithoutABuyerPinReadsNoBuyersTransaction() {
        String token = f.signer.token().scopes("embed").embed("amount", 1299).sign();
        assertThat(f.get("/api/transactions/" + Fixture.SEED_TRANSACTION, Fixture.bearer(token)).status()).isEqualTo(403);
    }

    @Test
    void namingAnotherBuyerByBuyerIdWhenTheExternalIdentifierIsPinnedIsRefused() {
        Fixture.Response r = pay(adaToken(), "{\"amount\":1299,\"currency\":\"USD\",\"buyer_id\":\"" + Fixture.ALAN + "\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(403);
        assertThat(r.challenge()).contains("another buyer than the token pins: buyer_id");
        Fixture.Response ext = pay(adaToken(), "{\"amount\":1299,\"currency\":\"USD\",\"buyer_external_identifier\":\"alan-1912\"}");
        assertThat(ext.status()).isEqualTo(403);
        assertThat(ext.challenge()).contains("buyer_external_identifier");
    }

    @Test
    void aMerchantHeaderOtherThanThePinIsRefusedAndThePinnedAccountIsUsedWhenAbsent() {
        String token = adaToken();
        Fixture.Response other = pay(token, "{}", MERCHANT, "merchant-b");
        assertThat(other.status()).as(other.toString()).isEqualTo(403);
        assertThat(other.challenge()).contains("pinned by the token: merchant_account_id");
        String toB = f.signer.token().scopes("embed").embed(Map.of("amount", 250, "currency", "GBP",
                "merchant_account_id", "merchant-b")).sign();
        Fixture.Response absent = pay(toB, "{}");
        assertThat(absent.status()).as(absent.toString()).isEqualTo(201);
        assertThat(absent.body()).contains("\"merchant_account_id\":\"merchant-b\"", "\"amount\":250", "\"currency\":\"GBP\"");
    }

    @Test
    void aRequestThatOmitsAPinnedFieldGetsThePinnedValue() {
        String token = f.signer.token().scopes("embed").embed(Map.of("amount", 1299, "currency", "USD",
                "buyer_external_identifier", "ada-1815", "metadata", Map.of("order", "42"))).sign();
        Fixture.Response r = pay(token, "{\"amount\":1299,\"currency\":\"USD\",\"buyer_external_identifier\":\"ada-1815\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.body()).contains("\"metadata\":{\"order\":\"42\"}", "\"display_name\":\"Ada Lovelace\"");
        Fixture.Response lower = pay(token, "{\"currency\":\"usd\"}");
        assertThat(lower.status()).as("no case folding").isEqualTo(403);
        Fixture.Response exponent = pay(token, "{\"amount\":12.99e2}");
        assertThat(exponent.status()).as("numbers by value").isEqualTo(201);
    }

    @Test
    void aSessionTokenReadsAndUpdatesItsOwnSessionOnly() {
        String a = session();
        String b = session();
        String tokenOfB = f.signer.token().scopes("embed").checkoutSessionId(b).sign();
        Fixture.Response readA = f.get("/api/checkout/sessions/" + a, Fixture.bearer(tokenOfB));
        assertThat(readA.status()).as(readA.toString()).isEqualTo(403);
        assertThat(readA.challenge()).contains("another checkout_session_id than the token's");
        Fixture.Response putA = f.send("PUT", "/api/checkout/sessions/" + a, "{\"cart_items\":[]}", Fixture.bearer(tokenOfB));
        assertThat(putA.status()).isEqualTo(403);
        assertThat(f.get("/api/checkout/sessions/" + a, Fixture.bearer(f.token("checkout-sessions.read"))).body())
                .contains("\"name\":\"Tea\"");
        assertThat(f.get("/api/checkout/sessions/" + b, Fixture.bearer(tokenOfB)).status()).isEqualTo(200);
        assertThat(f.send("PUT", "/api/checkout/sessions/" + b, "{\"cart_items\":[]}", Fixture.bearer(tokenOfB)).status())
                .isEqualTo(200);
    }

    @Test
    void aTokenWithoutASessionMayCreateOneAndUseItButNoOtherOne() {
        String token = f.signer.token().scopes("embed").sign();
        Fixture.Response created = f.send("POST", "/api/checkout/sessions", "{\"cart_items\":[]}", Fixture.bearer(token));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        assertThat(f.get("/api/checkout/sessions/" + id, Fixture.bearer(token)).status()).isEqualTo(200);
        assertThat(f.send("PUT", "/api/checkout/sessions/" + id, "{\"metadata\":{\"k\":\"v\"}}", Fixture.bearer(token))
                .status()).isEqualTo(200);
        String another = f.signer.token().scopes("embed").sign();
        assertThat(f.get("/api/checkout/sessions/" + id, Fixture.bearer(another)).status()).isEqualTo(403);
        assertThat(f.get("/api/checkout/sessions/" + session(), Fixture.bearer(token)).status()).isEqualTo(403);
    }

    @Test
    void theBuyersPaymentMethodsAreThePinnedBuyersOnly() {
        String token = adaToken();
        Fixture.Response own = f.get("/api/buyers/payment-methods", Fixture.bearer(token));
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.body()).contains("\"label\":\"1111\"").doesNotContain("4444");
        Fixture.Response other = f.get("/api/buyers/payment-methods?buyer_id=" + Fixture.ALAN, Fixture.bearer(token));
        assertThat(other.status()).isEqualTo(403);
        Fixture.Response server = f.get("/api/buyers/payment-methods?buyer_id=" + Fixture.ALAN,
                Fixture.bearer(f.token("buyers.read")));
        assertThat(server.body()).contains("\"label\":\"4444\"");
    }

    @Test
    void pastFiftyTransactionsAMinuteATokenIsAnswered429UntilTheBucketRefills() {
        String token = adaToken();
        for (int i = 0; i < 50; i++) {
            assertThat(pay(token, "{}").status()).as("request %d", i + 1).isEqualTo(201);
        }
        java.net.http.HttpResponse<String> over = raw(token);
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.headers().firstValue("Retry-After")).contains("2");
        assertThat(over.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(over.body()).isEqualTo("{\"type\":\"error\",\"code\":\"too_many_requests\",\"status\":429,"
                + "\"message\":\"too many requests with this token; retry after 2 s\"}");
        assertThat(pay(adaToken(), "{}").status()).as("another token has its own bucket").isEqualTo(201);
        f.clock.advance(Duration.ofMillis(1200));
        assertThat(pay(token, "{}").status()).isEqualTo(201);
        assertThat(pay(token, "{}").status()).isEqualTo(429);
    }

    private java.net.http.HttpResponse<String> raw(String token) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(f.url("api/transactions"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String session() {
        Fixture.Response r = f.send("POST", "/api/checkout/sessions", "{\"cart_items\":[{\"name\":\"Tea\",\"quantity\":1}]}",
                Fixture.bearer(f.token("checkout-sessions.write")));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }
}
