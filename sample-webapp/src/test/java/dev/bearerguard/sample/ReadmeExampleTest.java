package dev.bearerguard.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.test.PemKeys;
import dev.bearerguard.test.TokenSigner;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JUnit 5 example of sample-webapp/README-section.md, verbatim, so it keeps compiling and passing. */
class ReadmeExampleTest {

    // --- README example start ---
    static final KeyPair KEYS = PemKeys.generateP521();
    static final TokenSigner SIGNER = TokenSigner.of(KEYS.getPrivate(), KEYS.getPublic());
    static SampleServer server;

    @BeforeAll
    static void startMockApi() {
        server = SampleServer.builder()
                .port(0)                                            // a free port
                .keys(KeySet.of(TrustedKey.of(KEYS.getPublic())))   // or .keys(Path.of("keys/public.pem"))
                .start();
    }

    @AfterAll
    static void stopMockApi() {
        server.close();
    }

    @Test
    void listsTransactionsWithTheRightScope() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.baseUrl().resolve("api/transactions"))
                .header("Authorization", "Bearer " + SIGNER.token().scopes("transactions.read").sign())
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
    }

    @Test
    void refusesAWrongScope() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.baseUrl().resolve("api/transactions"))
                .header("Authorization", "Bearer " + SIGNER.token().scopes("buyers.read").sign())
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(403, response.statusCode());
    }
    // --- README example end ---
}
