package dev.bearerguard.servlet;

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
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz target for the servlet filter in its contract application ({@code contract-app/WEB-INF/web.xml})
 * on Jetty 12, through a {@link LocalConnector} (raw HTTP in memory, no socket): fuzzed methods,
 * paths, {@code Authorization}, merchant and forwarding headers, with genuine, mutated and foreign
 * tokens. Properties: never a 500 or 503 (the verifier here cannot fail), never a stack trace;
 * every 401 and 403 (and the filter's 400s) carry the RFC 6750 challenge and the JSON error body;
 * a 200 from the protected application only for a genuine token, answering its {@code jti}.
 * Inputs in {@code BearerTokenFilterFuzzTestInputs/request/}.
 */
class BearerTokenFilterFuzzTest {

    static final Instant NOW = Instant.parse("2030-01-15T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "TRACE");
    static final List<String> PATHS = List.of("/app/contract/read", "/app/contract/write", "/app/contract/open",
            "/app/contract/", "/app/", "/app/contract/read/../open", "/app//contract/open", "/app/contract/open;x=1",
            "/app/contract/%72ead", "/other");
    static final List<String> SCHEMES = List.of("Bearer ", "bearer ", "BEARER\t", "Basic ", "Bearer", "", "Bearer  ");

    static Server server;
    static LocalConnector connector;
    static TokenSigner signer;
    static TokenSigner restrictedSigner;
    static TokenSigner forger;
    static final List<String> genuine = new ArrayList<>();
    static final List<String> jtis = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        KeyPair main = PemKeys.generateP521();
        KeyPair restricted = PemKeys.generateP521();
        signer = TokenSigner.of(main.getPrivate(), main.getPublic()).withClock(CLOCK);
        restrictedSigner = TokenSigner.of(restricted.getPrivate(), restricted.getPublic()).withClock(CLOCK);
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
        server = new Server();
        connector = new LocalConnector(server);
        server.addConnector(connector);
        WebAppContext context = new WebAppContext();
        context.setContextPath("/app");
        context.setBaseResourceAsPath(Path.of(BearerTokenFilterFuzzTest.class.getResource("/contract-app").toURI()));
        context.setParentLoaderPriority(true);
        context.setAttribute("contract.verifier", verifier);
        server.setHandler(context);
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @FuzzTest(maxDuration = "60s")
    void request(FuzzedDataProvider data) throws Exception {
        String method = data.consumeBoolean() ? data.pickValue(METHODS) : token(data.consumeAsciiString(8), "GET");
        String path = data.consumeBoolean() ? data.pickValue(PATHS) : "/app/contract/" + target(data.consumeString(30));
        StringBuilder raw = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: localhost\r\n");
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
                    if (withoutOws(line(credential)).equals(original)) {
                        sent = original;
                    }
                }
                case 2 -> credential = forger.token().jti("forged").sign();
                default -> credential = data.consumeString(60);
            }
            raw.append("Authorization: ").append(data.pickValue(SCHEMES)).append(line(credential)).append("\r\n");
        }
        int merchants = data.consumeInt(0, 2);
        for (int i = 0; i < merchants; i++) {
            raw.append("x-gr4vy-merchant-account-id: ")
                    .append(data.consumeBoolean() ? data.pickValue(List.of("m-a", "m-b", "")) : line(data.consumeString(20)))
                    .append("\r\n");
        }
        if (data.consumeBoolean()) {
            raw.append("X-Forwarded-Proto: ").append(line(data.consumeString(10))).append("\r\n");
        }
        if (data.consumeBoolean()) {
            raw.append(token(data.consumeAsciiString(10), "X-Any")).append(": ").append(line(data.consumeString(40))).append("\r\n");
        }
        raw.append("Content-Length: 0\r\nConnection: close\r\n\r\n");

        HttpTester.Response r = HttpTester.parseResponse(connector.getResponse(raw.toString()));
        assertThat(r).as("an answer to %s", raw).isNotNull();
        int status = r.getStatus();
        String body = r.getContent() == null ? "" : r.getContent();
        assertThat(status).as("status for %s", raw).isNotIn(500, 502, 503, 504);
        assertThat(body).doesNotContain("\tat ", "Exception", "at dev.bearerguard");
        String challenge = r.get("WWW-Authenticate");
        // Jetty's default descriptor forbids TRACE itself (403, before any filter): the one refusal not ours.
        boolean containerTrace = status == 403 && method.equals("TRACE") && challenge == null;
        if ((status == 401 || status == 403) && !containerTrace) {
            assertThat(challenge).as("challenge on %s to %s (body %s)", status, raw, body).startsWith("Bearer realm=\"contract\"");
        }
        if (challenge != null) {
            assertThat(status).isIn(400, 401, 403);
            if (!method.equals("HEAD")) { // a HEAD answer has no body
                assertThat(body).as("body to %s", raw).startsWith("{\"type\":\"error\",\"code\":\"").endsWith("\"}");
            }
            assertThat(r.get("Cache-Control")).contains("no-store");
        }
        if (status == 200 && !body.isEmpty() && path.startsWith("/app/contract")) {
            assertThat(sent).as("200 without a genuine token for %s", raw).isNotNull();
            assertThat(jtis).contains(body);
            assertThat(genuine.get(jtis.indexOf(body))).isEqualTo(sent);
        }
    }

    /**
     * The fuzzer's finding of 2026-12-02 ("200 without a genuine token for POST
     * /app/contract/open;x=1"): the credential it had "mutated" was the genuine token with white
     * space at its end, which the container strips from the header value, so the token was
     * genuine and the 200 right; the oracle now says so ({@link #withoutOws}). Pinned here: the
     * stripped token is accepted, and a token changed inside is not.
     */
    @org.junit.jupiter.api.Test
    void requestWhenTheTokenHasWhiteSpaceAtItsEndThenItIsTheGenuineToken() throws Exception {
        String token = genuine.get(genuine.size() - 1);
        String raw = "GET /app/contract/open;x=1 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + " \t\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        HttpTester.Response r = HttpTester.parseResponse(connector.getResponse(raw));
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getContent()).isEqualTo(jtis.get(genuine.size() - 1));
        String changed = token.substring(0, 40) + (token.charAt(40) == 'A' ? 'B' : 'A') + token.substring(41);
        HttpTester.Response refused = HttpTester.parseResponse(connector.getResponse(raw.replace(token, changed)));
        assertThat(refused.getStatus()).isEqualTo(401);
        assertThat(withoutOws(" \tx\t ")).isEqualTo("x");
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

    /** Header text without line breaks (a line break would be a new header, or a new request). */
    private static String line(String s) {
        return s.replace('\r', ' ').replace('\n', ' ');
    }

    /** A token (RFC 9110 tchar) or the fallback when nothing is left. */
    private static String token(String s, String fallback) {
        String t = s.replaceAll("[^A-Za-z0-9!#$%&'*+.^_`|~-]", "");
        return t.isEmpty() ? fallback : t;
    }

    /** A path segment: legal request-target characters kept, the rest percent-encoded. */
    private static String target(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~!$&'()*+,;=:@/%".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", (int) c));
            }
        }
        return sb.toString();
    }
}
