package dev.bearerguard.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A key restricted to one merchant account is held to it, by the JAX-RS feature and by the filter. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MerchantAccountTest {

    private static final String HEADER = "x-gr4vy-merchant-account-id";
    private Fixture f;

    @BeforeAll
    void start() {
        f = new Fixture((b, kid) -> b.keyRestriction(kid + " merchant-a,merchant-c"));
    }

    @AfterAll
    void stop() {
        f.close();
    }

    @Test
    void apiWhenHeaderNamesAnAllowedMerchantThen200() {
        Fixture.Response r = f.get("/api/transactions", "Authorization", "Bearer " + f.token("transactions.read"), HEADER, "merchant-c");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    @Test
    void apiWhenHeaderNamesAnotherMerchantThen403() {
        Fixture.Response r = f.get("/api/transactions", "Authorization", "Bearer " + f.token("transactions.read"), HEADER, "merchant-b");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.challenge()).contains("error=\"insufficient_scope\"").doesNotContain("merchant-b");
    }

    @Test
    void apiWhenHeaderIsSentTwiceThen400() {
        Fixture.Response r = f.get("/api/transactions", "Authorization", "Bearer " + f.token("transactions.read"),
                HEADER, "merchant-a", HEADER, "merchant-b");
        assertThat(r.status()).isEqualTo(400);
    }

    @Test
    void reportsThroughTheFilterWhenHeaderNamesAnotherMerchantThen403() {
        Fixture.Response r = f.get("/reports/", "Authorization", "Bearer " + f.token("reports.read"), HEADER, "merchant-b");
        assertThat(r.status()).isEqualTo(403);
        Fixture.Response ok = f.get("/reports/", "Authorization", "Bearer " + f.token("reports.read"), HEADER, "merchant-a");
        assertThat(ok.status()).isEqualTo(200);
    }

    @Test
    void writeWhenHeaderNamesAnotherMerchantThen403AndNothingIsCreated() {
        Fixture.Response r = f.send("POST", "/api/transactions", "{\"amount\":5,\"currency\":\"USD\"}",
                "Authorization", "Bearer " + f.token("transactions.write"), HEADER, "merchant-b");
        assertThat(r.status()).isEqualTo(403);
        Fixture.Response list = f.get("/api/transactions", "Authorization", "Bearer " + f.token("transactions.read"),
                HEADER, "merchant-a");
        assertThat(list.body()).doesNotContain("\"amount\":5,");
    }

    @Test
    void apiWhenRestrictedKeyNamesNoMerchantThen403NotEveryMerchantsData() {
        Fixture.Response r = f.get("/api/transactions", "Authorization", "Bearer " + f.token("transactions.read"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).doesNotContain("merchant-b");
    }

    @Test
    void apiWhenTransactionOfAnotherMerchantIsAskedByIdThen404() {
        // 0c1d2e3f-… is seeded for merchant-b; a key acting for merchant-a must not read it.
        Fixture.Response r = f.get("/api/transactions/0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5",
                "Authorization", "Bearer " + f.token("transactions.read"), HEADER, "merchant-a");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).doesNotContain("GBP");
    }
}
