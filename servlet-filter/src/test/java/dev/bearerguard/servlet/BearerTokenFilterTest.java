package dev.bearerguard.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.core.BearerChallenge;
import dev.bearerguard.core.BearerError;
import dev.bearerguard.core.BearerHeader;
import dev.bearerguard.core.Reason;
import dev.bearerguard.test.TokenSigner;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The filter configured entirely by the init-params of {@code config-app/WEB-INF/web.xml}, in a
 * real Jetty 12, over real HTTP. The filter there runs on the system clock (web.xml cannot inject
 * one), so every token here is minted relative to the moment of the test, with margins of minutes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BearerTokenFilterTest {

    private static final String REALM = "payments";
    private static final String ISSUER = "sdk-java/1.0";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Jetty jetty;
    private TokenSigner main;
    private TokenSigner restricted;

    @BeforeAll
    void start() throws Exception {
        main = TokenSigner.fromPem(resource("keys/main.private.pem")).withKid("main-key");
        restricted = TokenSigner.fromPem(resource("keys/restricted.private.pem")).withKid("restricted-key");
        jetty = Jetty.webApp("config-app", Map.of());
    }

    @AfterAll
    void stop() throws Exception {
        jetty.close();
    }

    // ------------------------------------------------------------------ require-https

    @Test
    void requireHttpsWhenPlainHttpThen400AndTheTokenIsNotBurnt() throws Exception {
        String token = main.token().issuer(ISSUER).sign();
        HttpResponse<String> plain = send(request("/open/x", token, null));
        assertRefused(plain, BearerError.of(Reason.INVALID_REQUEST, "HTTPS is required"));

        HttpResponse<String> viaProxy = send(request("/open/x", token, "https"));
        assertThat(viaProxy.statusCode()).isEqualTo(200);
    }

    @Test
    void trustForwardedProtoWhenTheLastValueIsHttpThen400() throws Exception {
        String token = main.token().issuer(ISSUER).sign();
        assertRefused(send(request("/open/x", token, "https, http")),
                BearerError.of(Reason.INVALID_REQUEST, "HTTPS is required"));
        assertThat(send(request("/open/x", token, "http, https")).statusCode()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ scope-rules

    @Test
    void successWhenScopeGrantedThenPrincipalAuthTypeRolesAndAttributeReachTheApplication() throws Exception {
        String token = main.token().issuer(ISSUER).scopes("transactions.read").sign();
        HttpResponse<String> r = send(request("/transactions/42", token, "https"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("principal=main-key remoteUser=main-key authType=Bearer read=true write=false"
                + " embed=false pay=false any=true token=VerifiedToken");
    }

    @Test
    void isUserInRoleWhenAnEmbedTokenThenOnlyEmbedAndTheAlternativesNamingIt() throws Exception {
        String token = main.token().issuer(ISSUER).scopes("embed").sign();
        HttpResponse<String> r = send(request("/open/x", token, "https"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("read=false write=false embed=true pay=true any=true");
    }

    @Test
    void isUserInRoleWhenWildcardsThenNeverEmbed() throws Exception {
        String token = main.token().issuer(ISSUER).scopes("*.read", "*.write").sign();
        HttpResponse<String> r = send(request("/open/x", token, "https"));
        assertThat(r.body()).contains("read=true write=true embed=false pay=true");
    }

    @Test
    void wildcardReadScopeGrantsTheReadRole() throws Exception {
        String token = main.token().issuer(ISSUER).scopes("*.read").sign();
        HttpResponse<String> r = send(request("/transactions/42", token, "https"));
        assertThat(r.body()).contains("read=true write=false");
    }

    @Test
    void scopeRulesWhenFirstRuleMatchesThenItWinsOverALaterBroaderOne() throws Exception {
        String token = main.token().issuer(ISSUER).scopes("transactions.read").sign();
        assertRefused(send(request("/transactions/refunds/7", token, "https")),
                new BearerError(Reason.INSUFFICIENT_SCOPE, "the token lacks a scope this request needs",
                        List.of("transactions.read", "transactions.write")));
    }

    @Test
    void scopeRulesWhenMethodDiffersThenTheRuleForThatMethodApplies() throws Exception {
        String token = main.token().issuer(ISSUER).scopes("transactions.read").sign();
        HttpResponse<String> r = send(request("/transactions/42", token, "https")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertRefused(r, new BearerError(Reason.INSUFFICIENT_SCOPE, "the token lacks a scope this request needs",
                List.of("transactions.write")));
    }

    @Test
    void scopeRulesWhenHeadThenTheGetRuleApplies() throws Exception {
        String token = main.token().issuer(ISSUER).scopes("reports.read").sign();
        HttpResponse<String> r = send(request("/transactions/42", token, "https")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains(BearerChallenge.format(REALM,
                new BearerError(Reason.INSUFFICIENT_SCOPE, "the token lacks a scope this request needs",
                        List.of("transactions.read"))));
    }

    @Test
    void scopeRulesWhenNoRuleMatchesThenAValidTokenSuffices() throws Exception {
        String token = main.token().issuer(ISSUER).scopes().sign();
        assertThat(send(request("/anything/else", token, "https")).statusCode()).isEqualTo(200);
        assertRefused(send(request("/anything/else", null, "https")), BearerError.of(Reason.NO_CREDENTIALS, ""));
    }

    @Test
    void scopeRulesWhenPublicThenNoTokenIsReadAndNoPrincipalIsSet() throws Exception {
        HttpResponse<String> preflight = send(request("/transactions/42", null, "https")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.body()).startsWith("principal=- remoteUser=null authType=null");

        HttpResponse<String> health = send(request("/health", "garbage", "https"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).endsWith("token=-");
    }

    // ------------------------------------------------------------------ verifier init-params

    @Test
    void issuersWhenIssuerNotListedThen401() throws Exception {
        String token = main.token().issuer("curl/8").sign();
        assertRefused(send(request("/open/x", token, "https")),
                BearerError.of(Reason.UNTRUSTED_ISSUER, "issuer is not trusted"));
    }

    @Test
    void maxLifetimeWhenTokenLivesLongerThen401() throws Exception {
        String token = main.token().issuer(ISSUER).lifetime(Duration.ofMinutes(10)).sign();
        assertRefused(send(request("/open/x", token, "https")),
                BearerError.of(Reason.LIFETIME_TOO_LONG, "token lifetime exceeds 300 s"));
    }

    @Test
    void maxTokenSizeWhenLongerThen401() throws Exception {
        String token = main.token().issuer(ISSUER).claim("padding", "x".repeat(2048)).sign();
        assertRefused(send(request("/open/x", token, "https")),
                BearerError.of(Reason.TOO_LARGE, "token is longer than 2048 characters"));
    }

    @Test
    void replaySingleUseWhenAnEmbedTokenComesBackThen401() throws Exception {
        String token = main.token().issuer(ISSUER).scopes("embed").sign();
        assertThat(send(request("/open/x", token, "https")).statusCode()).isEqualTo(200);
        assertRefused(send(request("/open/x", token, "https")),
                BearerError.of(Reason.REPLAYED, "token was already used"));
    }

    @Test
    void algorithmsWhenTokenUsesAnotherAlgorithmThen401() throws Exception {
        String token = main.token().issuer(ISSUER).header("alg", "ES256").sign();
        assertRefused(send(request("/open/x", token, "https")),
                BearerError.of(Reason.UNSUPPORTED_ALGORITHM, "algorithm is not allowed"));
    }

    // ------------------------------------------------------------------ merchant-header and key-restrictions

    @Test
    void keyRestrictionsWhenAnotherMerchantInTheConfiguredHeaderThen403() throws Exception {
        String token = restricted.token().issuer(ISSUER).scopes("transactions.read").sign();
        assertRefused(send(request("/transactions/1", token, "https").header("x-merchant", "merchant-b")),
                BearerError.of(Reason.MERCHANT_NOT_ALLOWED, "the token's key may not act for this merchant account"));
    }

    @Test
    void keyRestrictionsWhenOwnMerchantThen200() throws Exception {
        String token = restricted.token().issuer(ISSUER).scopes("transactions.read").sign();
        assertThat(send(request("/transactions/1", token, "https").header("x-merchant", "merchant-a")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void merchantHeaderWhenConfiguredThenTheDefaultHeaderIsNotRead() throws Exception {
        String token = restricted.token().issuer(ISSUER).scopes("transactions.read").sign();
        // Only x-merchant is read: the default header's merchant-b is not seen, so the restricted key
        // names no merchant at all (had merchant-b been read, the answer would be "may not act").
        assertRefused(send(request("/transactions/1", token, "https").header("x-gr4vy-merchant-account-id", "merchant-b")),
                BearerError.of(Reason.MERCHANT_NOT_ALLOWED,
                        "the token's key is restricted to some merchant accounts and the request names none"));
    }

    @Test
    void keyRestrictionsWhenProcessingOnlyKeyReachesReportsThen403() throws Exception {
        String token = restricted.token().issuer(ISSUER).scopes("reports.read").sign();
        assertRefused(send(request("/reports/daily", token, "https").header("x-merchant", "merchant-a")),
                BearerError.of(Reason.ACCESS_LEVEL, "the token's key is restricted to processing"));
    }

    @Test
    void merchantHeaderWhenSentTwiceThen400AndTheTokenIsNotBurnt() throws Exception {
        String token = main.token().issuer(ISSUER).scopes("transactions.read").sign();
        assertRefused(send(request("/transactions/1", token, "https")
                        .header("x-merchant", "merchant-a").header("x-merchant", "merchant-b")),
                BearerError.of(Reason.INVALID_REQUEST, "more than one merchant account header"));
        assertThat(send(request("/transactions/1", token, "https")).statusCode()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ helpers

    private HttpRequest.Builder request(String path, String token, String forwardedProto) {
        HttpRequest.Builder b = HttpRequest.newBuilder(java.net.URI.create(jetty.uri() + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (forwardedProto != null) {
            b.header("X-Forwarded-Proto", forwardedProto);
        }
        return b;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> r, BearerError expected) {
        assertThat(r.statusCode()).as("status, body %s", r.body()).isEqualTo(expected.httpStatus());
        assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly(BearerChallenge.format(REALM, expected));
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(r.body()).isEqualTo(BearerHeader.errorBody(expected));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = BearerTokenFilterTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
