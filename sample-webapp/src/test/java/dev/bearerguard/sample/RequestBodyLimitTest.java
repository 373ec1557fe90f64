package dev.bearerguard.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 11 defect 6 over real HTTP: no body makes a 500 or grows the heap. Oversized bodies are 413
 * (declared or chunked), Jackson's constraint errors 400, and what is stored is bounded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestBodyLimitTest {

    private Fixture f;

    @BeforeAll
    void start() {
        f = new Fixture();
    }

    @AfterAll
    void stop() {
        f.close();
    }

    private Fixture.Response post(String body) {
        return f.send("POST", "/api/transactions", body, Fixture.bearer(f.token("transactions.write")));
    }

    private static void assertJsonError(Fixture.Response r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.body()).startsWith("{\"type\":\"error\",").contains("\"status\":" + status);
    }

    @Test
    void aBodyLongerThanTheCapIs413() {
        Fixture.Response r = post("{\"metadata\":{\"k\":\"" + "x".repeat(RequestBodyLimit.MAX_BODY_BYTES) + "\"}}");
        assertJsonError(r, 413);
        assertThat(r.body()).contains("payload_too_large");
    }

    @Test
    void aChunkedBodyThatGrowsPastTheCapIs413() throws Exception {
        byte[] big = ("{\"metadata\":{\"k\":\"" + "x".repeat(20 * 1024 * 1024) + "\"}}").getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(f.url("api/transactions"))
                .header("Authorization", "Bearer " + f.token("transactions.write"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("payload_too_large");
    }

    @Test
    void aNumberTooLongForJacksonIs400() {
        assertJsonError(post("{\"amount\":" + "9".repeat(1001) + ",\"currency\":\"USD\"}"), 400);
    }

    @Test
    void nestingTooDeepIs400() {
        assertJsonError(post("{\"metadata\":" + "[".repeat(1001) + "]".repeat(1001) + "}"), 400);
        assertJsonError(post("{\"cart_items\":[" + "{\"a\":".repeat(40) + "1" + "}".repeat(40) + "]}"), 400);
    }

    @Test
    void hugeExponentsAreRefusedNotCrashed() {
        assertJsonError(post("{\"amount\":1e999999999,\"currency\":\"USD\"}"), 400);
        assertJsonError(post("{\"amount\":1e-2147483649,\"currency\":\"USD\"}"), 400);
    }

    @Test
    void malformedOrWronglyShapedJsonIs400() {
        assertJsonError(post("{\"amount\":"), 400);
        assertJsonError(post("[1,2]"), 400);
        assertJsonError(post("\"just a string\""), 400);
        assertThat(post("{\"amount\":").body()).doesNotContain("amount\":");
    }

    @Test
    void storedMetadataAndCartItemsAreBounded() {
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 21; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        assertJsonError(post("{\"amount\":1,\"currency\":\"USD\",\"metadata\":" + many + "}}"), 400);
        assertJsonError(post("{\"amount\":1,\"currency\":\"USD\",\"metadata\":{\"k\":\"" + "x".repeat(201) + "\"}}"), 400);
        assertJsonError(post("{\"amount\":1,\"currency\":\"USD\",\"metadata\":{\"k\":{\"nested\":\"x\"}}}"), 400);
        assertJsonError(post("{\"amount\":1,\"currency\":\"USD\",\"cart_items\":[" + "{},".repeat(249) + "{}]}"), 400);
        assertJsonError(post("{\"amount\":1,\"currency\":\"USD\",\"cart_items\":[{\"name\":\"" + "x".repeat(256) + "\"}]}"), 400);
        assertThat(post("{\"amount\":1,\"currency\":\"USD\",\"metadata\":{\"order\":\"42\"},\"cart_items\":[{\"name\":\"Tea\",\"quantity\":2}]}")
                .status()).isEqualTo(201);
    }

    @Test
    void buyerNamesAreBounded() {
        Fixture.Response r = f.send("POST", "/api/buyers", "{\"display_name\":\"" + "x".repeat(256) + "\"}",
                Fixture.bearer(f.token("buyers.write")));
        assertJsonError(r, 400);
    }

    @Test
    void theCapCoversThePlainServletsToo() {
        Fixture.Response r = f.send("POST", "/merchant/checkout-token", "{\"customer_id\":\"" + "x".repeat(70_000) + "\"}");
        assertJsonError(r, 413);
        assertJsonError(f.send("POST", "/merchant/checkout-token", "{\"customer_id\":" + "[".repeat(100) + "]".repeat(100) + "}"), 400);
    }

    @Test
    void aFormBodyPastTheCapIsRefusedWithoutA500() {
        Fixture.Response r = f.send("POST", "/oauth/token", "grant_type=client_credentials&pad=" + "x".repeat(70_000),
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(r.status()).as(r.toString()).isEqualTo(413);
    }
}
