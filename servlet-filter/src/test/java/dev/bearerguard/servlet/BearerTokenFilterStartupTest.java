package dev.bearerguard.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.test.JwksServer;
import dev.bearerguard.test.TestKey;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.test.PemKeys;
import dev.bearerguard.test.TokenSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Start-up and code configuration in a real Jetty 12: a bad init-param stops the application with
 * a message naming the parameter; a filter made in code serves without any init-param; HTTPS as the
 * container reports it.
 */
class BearerTokenFilterStartupTest {

    private static final String KEYS = "classpath:keys/trusted.jwks.json";

    private final HttpClient client = HttpClient.newHttpClient();

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            clock-skew            | abc                     | is not a duration
            clock-skew            | 60                      | has no unit
            clock-skew            | 11m                     | clock skew must be between 0 and 10 minutes
            max-lifetime          | soon                    | is not a duration
            algorithms            | ES512, HS256            | is never accepted
            algorithms            | ES999                   | unknown algorithm
            keys                  | /no/such/dir/keys.pem   | cannot read key file
            keys                  | classpath:keys/nope.pem | not found
            keys                  | classpath:keys/main.private.pem | holds a private key
            max-token-size        | ten                     | is not a whole number
            max-token-size        | 10                      | max token size must be between
            replay                | sometimes               | is not one of default, single-use, reusable, off
            replay-cache-size     | 0                       | maximumSize must be at least 1
            replay-store          | mongodb://h:27017       | no replay store is installed for `mongodb:` (installed: memory)
            replay-store          | redis://h:6379/0        | put bearerguard-replay-redis on the class path
            replay-store          | redis://pw@h:6379/0     | holds a user or password before the host
            replay-store          | memory:big              | takes no options
            replay-store-password-env | REDIS_PASSWORD      | is given without replay-store
            profile               | oauth                   | is not one of api, checkout
            require-https         | yes                     | is not true or false
            trust-forwarded-proto | true                    | is true but require-https is not
            realm                 | a"b                     | forbids
            merchant-header       | x merchant              | is not a valid header name
            scope-rules           | GET transactions.read   | expected METHOD PATH-PATTERN
            scope-rules           | get /t/* transactions.read | did you mean `GET`?
            scope-rules           | GET /t/*/x transactions.read | * is allowed only as a whole last segment
            scope-rules           | GET /t/* none transactions.read | must stand alone
            key-restrictions      | unknown-kid merchant-a  | no loaded key has the kid
            key-restrictions      | main-key merchant-a admin | is not full or processing
            scope-vocabulary      | ' '                     | names no resource
            verifier-attribute    | no.such.attribute       | holds no dev.bearerguard.core.TokenVerifier
            clock_skew            | 60s                     | unknown init-param
            audit-level           | loud                    | is not an audit level (off, trace, debug, info, warning, error)
            keys                  | http://keys.example.com/jwks.json | must use https
            keys                  | https://keys.example.com/jwks.json, classpath:keys/trusted.jwks.json | must be the only key location
            keys                  | /no/such/folder/        | does not exist
            keys-refresh-interval | 30s                     | applies to a JWKS URL or a key folder, and `keys` names files
            keys-read-timeout     | 3s                      | applies to a JWKS URL or a key folder, and `keys` names files
            """)
    void initWhenAnInitParamIsBadThenTheApplicationDoesNotStartAndTheMessageNamesIt(
            String param, String value, String problem) {
        Map<String, String> params = new LinkedHashMap<>();
        if (!param.equals("verifier-attribute")) {
            params.put("keys", KEYS);
        }
        params.put(param, value);
        assertThatThrownBy(() -> startWith(params).close())
                .satisfies(e -> assertThat(messages(e))
                        .anySatisfy(m -> assertThat(m).contains("init-param `" + param + "`").contains(problem)));
    }

    @Test
    void initWhenScopeRuleNamesAScopeOutsideTheVocabularyThenItSuggestsTheRightOne() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("keys", KEYS);
        params.put("scope-vocabulary", "payments");
        params.put("scope-rules", "GET /t/* transaction.read");
        assertThatThrownBy(() -> startWith(params).close())
                .satisfies(e -> assertThat(messages(e)).anySatisfy(m -> assertThat(m)
                        .contains("init-param `scope-rules`", "line 1", "did you mean `transactions.read`?")));
    }

    @Test
    void initWhenAWebXmlParamIsBadThenJettyPutsTheWebAppOutOfServiceWithTheMessageNotServedUnprotected() throws Exception {
        try (Jetty jetty = Jetty.webApp("broken-app", Map.of(), false)) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(jetty.uri() + "/anything")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).doesNotContain("principal=");
            assertThat(jetty.startupFailure()).hasValueSatisfying(e -> assertThat(messages(e)).anySatisfy(m ->
                    assertThat(m).startsWith("bearerguard: init-param `clock-skew`: `one minute` is not a duration")));
        }
    }

    @Test
    void initWhenReplayStoreIsGivenWithReplayCacheSizeOrTwoPasswordsThenItRefuses() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("keys", KEYS);
        params.put("replay-store", "memory:");
        params.put("replay-cache-size", "10");
        assertThatThrownBy(() -> startWith(params).close())
                .satisfies(e -> assertThat(messages(e)).anySatisfy(m -> assertThat(m)
                        .contains("init-param `replay-cache-size`", "cannot be combined with replay-store")));
        params.remove("replay-cache-size");
        params.put("replay-store-password-env", "A");
        params.put("replay-store-password-file", "/b");
        assertThatThrownBy(() -> startWith(params).close())
                .satisfies(e -> assertThat(messages(e)).anySatisfy(m -> assertThat(m)
                        .contains("init-param `replay-store-password-file`", "give one")));
        params.remove("replay-store-password-file");
        params.put("replay-store-password-env", "BEARERGUARD_TEST_SURELY_UNSET");
        assertThatThrownBy(() -> startWith(params).close())
                .satisfies(e -> assertThat(messages(e)).anySatisfy(m -> assertThat(m)
                        .contains("init-param `replay-store-password-env`", "BEARERGUARD_TEST_SURELY_UNSET", "is not set")));
    }

    @Test
    void initWhenReplayStoreIsMemoryThenTheFilterRecordsInItAndRefusesAReplay() throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("keys", KEYS);
        params.put("replay-store", "memory:");
        try (Jetty jetty = startWith(params)) {
            String token = TokenSigner.fromPem(resource("keys/main.private.pem")).withKid("main-key")
                    .token().scopes("transactions.read").sign();
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                statuses.add(client.send(HttpRequest.newBuilder(URI.create(jetty.uri() + "/x"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            }
            assertThat(statuses).containsExactly(200, 401);
        }
    }

    @Test
    void initWhenKeysAreMissingThenItSaysTheyAreRequired() {
        assertThatThrownBy(() -> startWith(Map.of("realm", "api")).close())
                .satisfies(e -> assertThat(messages(e)).anySatisfy(m -> assertThat(m)
                        .contains("init-param `keys`", "is required")));
    }

    @Test
    void initWhenVerifierAttributeIsCombinedWithVerifierParamsThenItRefuses() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("verifier-attribute", "v");
        params.put("clock-skew", "10s");
        assertThatThrownBy(() -> startWith(params).close())
                .satisfies(e -> assertThat(messages(e)).anySatisfy(m -> assertThat(m)
                        .contains("init-param `clock-skew`", "cannot be combined with verifier-attribute")));
    }

    @Test
    void initWhenEveryParamIsValidThenTheApplicationServes() throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("keys", KEYS);
        params.put("clock-skew", "PT30S");
        params.put("max-lifetime", "none");
        params.put("profile", "checkout");
        params.put("replay", "reusable");
        params.put("replay-cache-size", "1000");
        params.put("scope-vocabulary", "transactions, reports");
        try (Jetty jetty = startWith(params)) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(jetty.uri() + "/x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"api\"");

            // profile=checkout: a checkout token (no iss, no scopes) passes, and again (replay=reusable).
            String checkout = TokenSigner.fromPem(resource("keys/main.private.pem")).withKid("main-key")
                    .checkoutToken().jti("checkout-1").claim("partner_id", "p").claim("client_id", "c")
                    .claim("customer_id", "cu").claim("invoice_id", "i").sign();
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create(jetty.uri() + "/x"))
                        .header("Authorization", "Bearer " + checkout).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(ok.statusCode()).as("attempt %d: %s", i, ok.body()).isEqualTo(200);
            }
        }
    }

    @Test
    void initWhenKeysIsAJwksUrlThenAKeyPublishedLaterIsAcceptedWithoutARestart() throws Exception {
        KeyPair first = PemKeys.generateP521();
        KeyPair later = PemKeys.generateP521();
        TokenSigner firstSigner = TokenSigner.of(first.getPrivate(), first.getPublic());
        TokenSigner laterSigner = TokenSigner.of(later.getPrivate(), later.getPublic());
        try (JwksServer keys = JwksServer.start()) {
            keys.publish(List.of(new TestKey(firstSigner.kid(), first)));
            Map<String, String> params = new LinkedHashMap<>();
            params.put("keys", keys.uri().toString());
            params.put("keys-refresh-interval", "1ms"); // the wall clock: let an unknown kid fetch at once
            params.put("keys-cache-lifetime", "10m");
            params.put("keys-max-staleness", "2h");
            params.put("keys-connect-timeout", "1s");
            params.put("keys-read-timeout", "2s");
            params.put("key-restrictions", laterSigner.kid() + " merchant-a");
            try (Jetty jetty = startWith(params)) {
                assertThat(keys.requests()).as("the first fetch at start-up").isEqualTo(1);
                assertThat(statusWith(jetty, firstSigner.token().sign())).isEqualTo(200);
                keys.publish(List.of(new TestKey(firstSigner.kid(), first), new TestKey(laterSigner.kid(), later)));
                assertThat(untilNot401(jetty, laterSigner))
                        .as("the new key is found, and its restriction applies (no merchant named)").isEqualTo(403);
            }
        }
    }

    @Test
    void initWhenKeysIsAFolderThenAFileAddedLaterIsUsedWithoutARestart(@TempDir Path dir) throws Exception {
        KeyPair first = PemKeys.generateP521();
        KeyPair later = PemKeys.generateP521();
        Files.writeString(dir.resolve("first.pem"), PemKeys.toPem(first.getPublic()));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("keys", dir + "/");
        params.put("keys-refresh-interval", "1ms");
        try (Jetty jetty = startWith(params)) {
            assertThat(statusWith(jetty, TokenSigner.of(first.getPrivate(), first.getPublic()).token().sign())).isEqualTo(200);
            Files.writeString(dir.resolve("later.pem"), PemKeys.toPem(later.getPublic()));
            assertThat(untilNot401(jetty, TokenSigner.of(later.getPrivate(), later.getPublic()))).isEqualTo(200);
        }
        params.put("keys-connect-timeout", "1s");
        assertThatThrownBy(() -> startWith(params).close()).satisfies(e -> assertThat(messages(e)).anySatisfy(m ->
                assertThat(m).contains("init-param `keys-connect-timeout`", "applies to a JWKS URL, and `keys` names a folder")));
    }

    private int statusWith(Jetty jetty, String token) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(jetty.uri() + "/x")).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * The status of the first answer that is not 401 to a fresh token of {@code signer}'s: on the
     * wall clock a request may land inside the (1 ms) refresh interval of the last load; the next
     * one cannot. Bounded, never slept.
     */
    private int untilNot401(Jetty jetty, TokenSigner signer) throws Exception {
        int status = 401;
        for (int i = 0; i < 100 && status == 401; i++) {
            status = statusWith(jetty, signer.token().sign());
        }
        return status;
    }

    @Test
    void builderWhenConfiguredInCodeThenItServesWithoutInitParams() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2030-01-15T12:00:00Z"), ZoneOffset.UTC);
        KeyPair pair = PemKeys.generateP521();
        TokenSigner signer = TokenSigner.of(pair.getPrivate(), pair.getPublic()).withClock(clock);
        TokenVerifier verifier = TokenVerifier.builder()
                .keys(KeySet.of(TrustedKey.of(pair.getPublic()))).clock(clock).build();
        BearerTokenFilter filter = BearerTokenFilter.builder(verifier)
                .realm("code")
                .scopeRules("GET /tx/* transactions.read")
                .build();
        try (Jetty jetty = Jetty.withFilter(filter)) {
            HttpResponse<String> denied = client.send(HttpRequest.newBuilder(URI.create(jetty.uri() + "/tx/1"))
                    .header("Authorization", "Bearer " + signer.token().scopes("reports.read").sign()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.headers().firstValue("WWW-Authenticate").orElseThrow())
                    .startsWith("Bearer realm=\"code\", error=\"insufficient_scope\"");

            HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create(jetty.uri() + "/tx/1"))
                    .header("Authorization", "Bearer " + signer.token().scopes("transactions.read").sign()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("authType=Bearer read=true");
        }
    }

    @Test
    void builderWhenHttpsRequiredThenPlainRequestsAre400EvenWithAnUntrustedForwardedProto() throws Exception {
        TokenVerifier verifier = TokenVerifier.builder()
                .keys(KeySet.of(TrustedKey.of(PemKeys.generateP521().getPublic()))).build();
        try (Jetty jetty = Jetty.withFilter(BearerTokenFilter.builder(verifier).requireHttps(true).build())) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(jetty.uri() + "/x"))
                    .header("X-Forwarded-Proto", "https").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.headers().firstValue("WWW-Authenticate"))
                    .contains("Bearer realm=\"api\", error=\"invalid_request\", error_description=\"HTTPS is required\"");
        }
    }

    @Test
    void builderWhenForwardedProtoTrustedWithoutRequiringHttpsThenBuildRefuses() {
        TokenVerifier verifier = TokenVerifier.builder()
                .keys(KeySet.of(TrustedKey.of(PemKeys.generateP521().getPublic()))).build();
        assertThatThrownBy(() -> BearerTokenFilter.builder(verifier).trustForwardedProto(true).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trust-forwarded-proto only makes sense with require-https");
    }

    @Test
    void builderWhenAlsoGivenInitParamsThenInitRefuses() {
        TokenVerifier verifier = TokenVerifier.builder()
                .keys(KeySet.of(TrustedKey.of(PemKeys.generateP521().getPublic()))).build();
        FilterHolder holder = new FilterHolder(BearerTokenFilter.builder(verifier).build());
        holder.setInitParameter("realm", "ignored");
        assertThatThrownBy(() -> Jetty.withFilter(holder).close())
                .satisfies(e -> assertThat(messages(e)).anySatisfy(m -> assertThat(m)
                        .contains("configured in code; init-params are not read")));
    }

    @Test
    void builderWhenScopeRuleIsMalformedThenItThrowsNamingTheLine() {
        TokenVerifier verifier = TokenVerifier.builder()
                .keys(KeySet.of(TrustedKey.of(PemKeys.generateP521().getPublic()))).build();
        assertThatThrownBy(() -> BearerTokenFilter.builder(verifier).scopeRules("GET /a/* ok.read\nPUT"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2 `PUT`");
    }

    private static Jetty startWith(Map<String, String> params) throws Exception {
        FilterHolder holder = new FilterHolder(BearerTokenFilter.class);
        params.forEach(holder::setInitParameter);
        return Jetty.withFilter(holder);
    }

    private static String resource(String name) throws java.io.IOException {
        try (java.io.InputStream in = BearerTokenFilterStartupTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static List<String> messages(Throwable e) {
        List<String> out = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            out.add(String.valueOf(t.getMessage()));
            for (Throwable s : t.getSuppressed()) {
                out.add(String.valueOf(s.getMessage()));
            }
        }
        return out;
    }
}
