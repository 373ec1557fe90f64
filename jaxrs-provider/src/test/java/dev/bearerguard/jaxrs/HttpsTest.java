package dev.bearerguard.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.test.TestTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code requireHttps()} decides TLS from the connection, over real sockets: Jersey as a servlet in
 * Jetty exposes the connection's cipher suite as a request property, so a real TLS connection
 * passes; an absolute-form {@code https://} request target over plain HTTP (which sets the request
 * URI's scheme and the runtime's {@code isSecure()}) is refused, and so is a request whose URI alone
 * says {@code https} on a runtime without a servlet request, which can never claim TLS by itself.
 */
class HttpsTest {

    @TempDir
    Path dir;

    private final Fixture fixture = new Fixture();

    private ResourceConfig app() {
        return new ResourceConfig(BearerguardFeatureTest.Plain.class)
                .register(BearerguardFeature.withVerifier(fixture.verifier().build()).requireHttps());
    }

    @Test
    void requireHttpsWhenJerseyInJettyOverTlsThenPassesAndTheSecurityContextSaysSecure() throws Exception {
        TestTls tls = TestTls.selfSigned(dir);
        try (JettyJersey server = JettyJersey.start(app(), null, tls)) {
            HttpClient client = HttpClient.newBuilder().sslContext(tls.clientContext()).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.tlsUri() + "/plain"))
                    .header("Authorization", "Bearer " + fixture.token()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).endsWith("secure=true");
        }
    }

    @Test
    void requireHttpsWhenJerseyInJettyGetsAnHttpsRequestTargetOverPlainHttpThen400() throws Exception {
        try (JettyJersey server = JettyJersey.start(app(), null)) {
            String target = "https://127.0.0.1:" + server.port() + "/app/plain";
            assertThat(TestTls.rawRequest(server.port(), "GET", target, List.of("Authorization: Bearer " + fixture.token())))
                    .isEqualTo(400);
        }
        assertThat(fixture.replayRecords).as("no token was burnt").hasValue(0);
    }

    @Test
    void requireHttpsWhenOnlyTheRequestUriSaysHttpsThen400() {
        // The in-memory container builds https:// request URIs (and says isSecure) without any
        // connection: neither counts, only the connection's TLS would.
        try (Harness harness = Harness.inMemory(app(), URI.create("https://localhost:0/"))) {
            assertThat(harness.target("plain").getUri().getScheme()).isEqualTo("https");
            assertThat(harness.target("plain").request().header("Authorization", "Bearer " + fixture.token()).get()
                    .getStatus()).isEqualTo(400);
        }
    }
}
