package dev.bearerguard.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.test.TestTls;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.test.PemKeys;
import dev.bearerguard.test.TokenSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code require-https} decides TLS from the connection, over real sockets: a real TLS connection
 * passes; plain HTTP fails even when the client writes {@code https://} in an absolute-form request
 * target (which Jetty's {@code isSecure()} believes) or sends {@code X-Forwarded-Proto} to a server
 * that does not trust it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BearerTokenFilterHttpsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-15T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path dir;

    private TokenSigner signer;
    private TokenVerifier verifier;
    private TestTls tls;
    private Jetty strict;
    private Jetty behindProxy;

    @BeforeAll
    void start() throws Exception {
        KeyPair pair = PemKeys.generateP521();
        signer = TokenSigner.of(pair.getPrivate(), pair.getPublic()).withClock(CLOCK);
        verifier = TokenVerifier.builder().keys(KeySet.of(TrustedKey.of(pair.getPublic()))).clock(CLOCK).build();
        tls = TestTls.selfSigned(dir);
        strict = Jetty.withFilterAndTls(BearerTokenFilter.builder(verifier).requireHttps(true).build(), tls);
        behindProxy = Jetty.withFilterBehindProxy(BearerTokenFilter.builder(verifier).requireHttps(true).build());
    }

    @AfterAll
    void stop() throws Exception {
        strict.close();
        behindProxy.close();
    }

    @Test
    void requireHttpsWhenTheConnectionIsTlsThenTheRequestPasses() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(tls.clientContext()).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(strict.tlsUri() + "/x"))
                .header("Authorization", "Bearer " + signer.token().sign()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void requireHttpsWhenPlainHttpWritesAnHttpsRequestTargetThen400() throws Exception {
        String target = "https://127.0.0.1:" + strict.port() + "/app/x";
        assertThat(TestTls.rawRequest(strict.port(), "GET", target, List.of("Authorization: Bearer " + signer.token().sign())))
                .isEqualTo(400);
        assertThat(TestTls.rawRequest(strict.port(), "GET", "/app/x", List.of("Authorization: Bearer " + signer.token().sign())))
                .isEqualTo(400);
    }

    @Test
    void requireHttpsWhenTheContainerTakesTheSchemeFromAnUntrustedForwardedHeaderThen400() throws Exception {
        // Jetty's ForwardedRequestCustomizer makes isSecure() true from X-Forwarded-Proto; a client
        // can send that header itself, so without trust-forwarded-proto it counts for nothing.
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(behindProxy.uri() + "/x"))
                .header("X-Forwarded-Proto", "https")
                .header("Authorization", "Bearer " + signer.token().sign()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
    }

    @Test
    void trustForwardedProtoWhenBehindAProxyThenItsLastValueDecides() throws Exception {
        try (Jetty jetty = Jetty.withFilterBehindProxy(BearerTokenFilter.builder(verifier)
                .requireHttps(true).trustForwardedProto(true).build())) {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create(jetty.uri() + "/x"))
                    .header("X-Forwarded-Proto", "http, https")
                    .header("Authorization", "Bearer " + signer.token().sign()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create(jetty.uri() + "/x"))
                    .header("X-Forwarded-Proto", "https, http")
                    .header("Authorization", "Bearer " + signer.token().sign()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(400);
        }
    }
}
