package dev.bearerguard.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.keys.KeyRestrictions;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.replay.CaffeineReplayCache;
import dev.bearerguard.test.PemKeys;
import dev.bearerguard.test.TokenSigner;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz target for the JAX-RS feature in the contract application ({@link
 * JdkHttpBearerContractTest#application}) on Jersey's {@link ApplicationHandler}: no container, no
 * socket. Fuzzed methods, paths, {@code Authorization}, merchant and forwarding headers, with
 * genuine, mutated and foreign tokens. Properties: never a 500 or 503 (the verifier here cannot
 * fail), never a stack trace; every 401 and 403 (and the feature's 400s) carry the RFC 6750
 * challenge and the JSON error body; a 200 only for a genuine token, answering its {@code jti}
 * (or Jersey's own answer to {@code OPTIONS}, the allowed methods).
 * Inputs in {@code BearerguardFeatureFuzzTestInputs/request/}.
 */
class BearerguardFeatureFuzzTest {

    static final Instant NOW = Instant.parse("2030-01-15T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final URI BASE = URI.create("http://localhost/");
    static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH");
    static final List<String> PATHS = List.of("contract/read", "contract/write", "contract/open", "contract/",
            "", "contract/read/../open", "contract//open", "contract/open;x=1", "contract/%72ead", "other");
    static final List<String> SCHEMES = List.of("Bearer ", "bearer ", "BEARER\t", "Basic ", "Bearer", "", "Bearer  ");

    static ApplicationHandler app;
    static TokenSigner forger;
    static final List<String> genuine = new ArrayList<>();
    static final List<String> jtis = new ArrayList<>();

    @BeforeAll
    static void start() {
        KeyPair main = PemKeys.generateP521();
        KeyPair restricted = PemKeys.generateP521();
        TokenSigner signer = TokenSigner.of(main.getPrivate(), main.getPublic()).withClock(CLOCK);
        TokenSigner restrictedSigner = TokenSigner.of(restricted.getPrivate(), restricted.getPublic()).withClock(CLOCK);
        forger = TokenSigner.of(PemKeys.generateP521().getPrivate(), main.getPublic()).withClock(CLOCK);
        TokenVerifier verifier = TokenVerifier.builder()
                .keys(KeySet.of(TrustedKey.of(main.getPublic()),
                        TrustedKey.of(restricted.getPublic()).withRestrictions(KeyRestrictions.merchants("m-a"))))
                .clock(CLOCK).maxTokenSize(4096)
                .replayCache(CaffeineReplayCache.create(CLOCK, CaffeineReplayCache.DEFAULT_MAXIMUM_SIZE)).build();
        List<String[]> kinds = List.of(new String[] {"transactions.read"}, new String[] {"transactions.write"},
                new String[] {"embed"}, new String[] {}, new String[] {"*.read", "*.write"});
        for (int i = 0; i < 40; i++) {
            String jti = "fuzz-" + i;
            TokenSigner s = i % 7 == 6 ? restrictedSigner : signer;
            genuine.add(s.token().jti(jti).scopes(kinds.get(i % kinds.size())).sign());
            jtis.add(jti);
        }
        app = new ApplicationHandler(JdkHttpBearerContractTest.application(verifier));
    }

    @FuzzTest(maxDuration = "60s")
    void request(FuzzedDataProvider data) throws Exception {
        String method = data.consumeBoolean() ? data.pickValue(METHODS) : token(data.consumeAsciiString(8), "GET");
        String path = data.consumeBoolean() ? data.pickValue(PATHS) : "contract/" + target(data.consumeString(30));
        ContainerRequest request = new ContainerRequest(BASE, BASE.resolve(path), method, null,
                new MapPropertiesDelegate(), app.getConfiguration());
        StringBuilder described = new StringBuilder(method).append(' ').append(path);
        int authorizations = data.consumeInt(0, 2);
        String sent = null;
        for (int i = 0; i < authorizations; i++) {
            String credential;
            switch (data.consumeInt(0, 4)) {
                case 0 -> credential = sent = genuine.get(data.consumeInt(0, genuine.size() - 1));
                case 1 -> {
                    String original = genuine.get(data.consumeInt(0, genuine.size() - 1));
                    credential = mutate(original, data);
                    // A "mutation" that leaves the credential as it was on the wire — the same
                    // character put back, or a space or tab at an end, which HTTP strips from a
                    // header value (RFC 9110 §5.5) — is still the genuine token.
                    if (withoutOws(credential).equals(original)) {
                        sent = original;
                    }
                }
                case 2 -> credential = forger.token().jti("forged").sign();
                default -> credential = data.consumeString(60);
            }
            request.header("Authorization", data.pickValue(SCHEMES) + credential);
            described.append(" [authorization]");
        }
        int merchants = data.consumeInt(0, 2);
        for (int i = 0; i < merchants; i++) {
            request.header("x-gr4vy-merchant-account-id",
                    data.consumeBoolean() ? data.pickValue(List.of("m-a", "m-b", "")) : data.consumeString(20));
        }
        if (data.consumeBoolean()) {
            request.header("X-Forwarded-Proto", data.consumeString(10));
        }
        if (data.consumeBoolean()) {
            request.header(token(data.consumeAsciiString(10), "X-Any"), data.consumeString(40));
        }

        ContainerResponse r = app.apply(request).get(30, TimeUnit.SECONDS);
        int status = r.getStatus();
        String body = r.hasEntity() ? String.valueOf(r.getEntity()) : "";
        assertThat(status).as("status for %s (body %s)", described, body).isNotIn(500, 502, 503, 504);
        assertThat(body).doesNotContain("\tat ", "Exception", "at dev.bearerguard");
        String challenge = r.getHeaderString("WWW-Authenticate");
        if (status == 401 || status == 403) {
            assertThat(challenge).as("challenge on %s to %s", status, described).startsWith("Bearer realm=\"contract\"");
        }
        if (challenge != null) {
            assertThat(status).isIn(400, 401, 403);
            if (!method.equals("HEAD")) {
                assertThat(body).as("body to %s", described).startsWith("{\"type\":\"error\",\"code\":\"").endsWith("\"}");
            }
            assertThat(r.getHeaderString("Cache-Control")).contains("no-store");
        }
        if (status == 200 && method.equals("OPTIONS")) {
            // Jersey answers OPTIONS itself with the allowed methods (no resource method runs, no token
            // is needed, nothing protected is returned): CORS pre-flights work without credentials.
            assertThat(jtis).doesNotContain(body);
        } else if (status == 200 && !body.isEmpty()) {
            assertThat(sent).as("200 without a genuine token for %s", described).isNotNull();
            assertThat(jtis).contains(body);
            assertThat(genuine.get(jtis.indexOf(body))).isEqualTo(sent);
        }
    }

    /** {@code s} without the spaces and tabs at its ends (HTTP's optional white space). */
    static String withoutOws(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && (s.charAt(a) == ' ' || s.charAt(a) == '\t')) {
            a++;
        }
        while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == '\t')) {
            b--;
        }
        return s.substring(a, b);
    }

    /** One character of the token replaced, inserted or removed: never re-signed. */
    private static String mutate(String token, FuzzedDataProvider data) {
        int at = data.consumeInt(0, token.length() - 1);
        char c = data.consumeChar();
        return switch (data.consumeInt(0, 2)) {
            case 0 -> token.substring(0, at) + c + token.substring(at + 1);
            case 1 -> token.substring(0, at) + c + token.substring(at);
            default -> token.substring(0, at) + token.substring(at + 1);
        };
    }

    /** A token (RFC 9110 tchar) or the fallback when nothing is left. */
    private static String token(String s, String fallback) {
        String t = s.replaceAll("[^A-Za-z0-9!#$%&'*+.^_`|~-]", "");
        return t.isEmpty() ? fallback : t;
    }

    /** A path segment: legal URI characters kept, the rest percent-encoded. */
    private static String target(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", (int) c));
            }
        }
        return sb.toString();
    }
}
