package dev.bearerguard.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code POST /api/transactions} with embed tokens: the pins must be repeated exactly. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransactionsResourceTest {

    private Fixture f;

    @BeforeAll
    void start() {
        f = new Fixture();
    }

    @AfterAll
    void stop() {
        f.close();
    }

    private String embedToken() {
        return f.signer.token().scopes("embed")
                .embed(Map.of("amount", 1299, "currency", "USD", "buyer_id", Fixture.ADA)).sign();
    }

    private Fixture.Response post(String token, String body) {
        return f.send("POST", "/api/transactions", body, Fixture.bearer(token));
    }

    @Test
    void createWhenEmbedPinsAreRepeatedThen201AndTheTokenMayBeUsedAgain() {
        String token = embedToken();
        String body = "{\"amount\":1299,\"currency\":\"USD\",\"buyer_id\":\"" + Fixture.ADA + "\"}";
        Fixture.Response first = post(token, body);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.body()).contains("\"amount\":1299", "\"currency\":\"USD\"", "\"display_name\":\"Ada Lovelace\"");
        Fixture.Response again = post(token, body);
        assertThat(again.status()).as("embed tokens are reusable until they expire").isEqualTo(201);
    }

    @Test
    void createWhenAmountChangedThen403NamingAmount() {
        Fixture.Response res = post(embedToken(), "{\"amount\":1,\"currency\":\"USD\",\"buyer_id\":\"" + Fixture.ADA + "\"}");
        assertThat(res.status()).as(res.toString()).isEqualTo(403);
        assertThat(res.challenge()).contains("error=\"insufficient_scope\"", "amount");
        assertThat(res.body()).contains("amount").doesNotContain("1299");
    }

    @Test
    void createWhenAmountWrittenAsDecimalOfSameValueThen201() {
        Fixture.Response res = post(embedToken(), "{\"amount\":1299.0,\"currency\":\"USD\",\"buyer_id\":\"" + Fixture.ADA + "\"}");
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
    }

    @Test
    void createWhenCurrencyChangedThen403NamingCurrency() {
        Fixture.Response res = post(embedToken(), "{\"amount\":1299,\"currency\":\"EUR\",\"buyer_id\":\"" + Fixture.ADA + "\"}");
        assertThat(res.status()).isEqualTo(403);
        assertThat(res.challenge()).contains("currency");
    }

    @Test
    void createWhenBuyerChangedThen403NamingTheBuyer() {
        Fixture.Response res = post(embedToken(), "{\"amount\":1299,\"currency\":\"USD\",\"buyer_id\":\"" + Fixture.ALAN + "\"}");
        assertThat(res.status()).as(res.toString()).isEqualTo(403);
        assertThat(res.challenge()).contains("another buyer than the token pins: buyer_id");
    }

    @Test
    void createWhenThePinnedFieldsAreLeftOutThen201WithThePinsApplied() {
        Fixture.Response res = post(embedToken(), "{}");
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
        assertThat(res.body()).contains("\"amount\":1299", "\"currency\":\"USD\"", "\"id\":\"" + Fixture.ADA + "\"");
    }

    @Test
    void createWhenPinnedMetadataChangedThen403() {
        String token = f.signer.token().scopes("embed").embed(Map.of("amount", 500, "currency", "GBP",
                "metadata", Map.of("order", "42"))).sign();
        Fixture.Response changed = post(token, "{\"amount\":500,\"currency\":\"GBP\",\"metadata\":{\"order\":\"43\"}}");
        assertThat(changed.status()).isEqualTo(403);
        assertThat(changed.challenge()).contains("metadata");
        Fixture.Response same = post(token, "{\"amount\":500,\"currency\":\"GBP\",\"metadata\":{\"order\":\"42\"}}");
        assertThat(same.status()).as(same.toString()).isEqualTo(201);
    }

    @Test
    void createWithoutEmbedPinsIsNotHeldToAnyAmount() {
        Fixture.Response res = post(f.token("transactions.write"), "{\"amount\":1,\"currency\":\"JPY\"}");
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
    }

    @Test
    void anotherTokenReusingAnEmbedTokensJtiIsRefused() {
        String first = f.signer.token().scopes("embed").jti("fixed-jti-1").sign();
        assertThat(f.get("/api/payment-options", Fixture.bearer(first)).status()).isEqualTo(200);
        String second = f.signer.token().scopes("embed", "transactions.read").jti("fixed-jti-1").sign();
        Fixture.Response res = f.get("/api/payment-options", Fixture.bearer(second));
        assertThat(res.status()).isEqualTo(401);
    }

    @Test
    void createdTransactionIsListedUnderItsMerchantAccount() {
        Fixture.Response created = f.send("POST", "/api/transactions", "{\"amount\":777,\"currency\":\"USD\"}",
                "Authorization", "Bearer " + f.token("transactions.write"), "x-gr4vy-merchant-account-id", "merchant-z");
        assertThat(created.status()).isEqualTo(201);
        Fixture.Response list = f.get("/api/transactions", "Authorization", "Bearer " + f.token("transactions.read"),
                "x-gr4vy-merchant-account-id", "merchant-z");
        assertThat(list.body()).contains("\"amount\":777", "\"merchant_account_id\":\"merchant-z\"")
                .doesNotContain("\"merchant_account_id\":\"default\"");
    }
}
