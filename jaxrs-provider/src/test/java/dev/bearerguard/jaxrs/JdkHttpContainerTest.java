package dev.bearerguard.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The feature on a real HTTP container (the JDK HTTP server, loopback), seen by a raw HTTP client.
 * One container for the class: stopping the JDK server waits out idle keep-alive connections.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdkHttpContainerTest {

    private final Fixture fixture = new Fixture();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Harness harness;

    @Path("/tx")
    @RequiresScope("transactions.read")
    public static class Transactions {
        @GET
        public String list(@Context SecurityContext security) {
            return "jti=" + BearerSecurity.requireToken(security).jti().orElseThrow();
        }

        @GET
        @Path("invoices/{invoiceId}")
        @BindClaim(claim = "invoice_id", pathParam = "invoiceId")
        public String invoice(@PathParam("invoiceId") String id) {
            return id;
        }
    }

    @BeforeAll
    void start() {
        harness = Harness.jdkHttp(new ResourceConfig(Transactions.class)
                .register(BearerguardFeature.withVerifier(fixture.verifier().build()).realm("payments")));
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    private HttpResponse<String> send(String path, String... authorization) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(harness.baseUri() + path))
                .timeout(Duration.ofSeconds(10)).GET();
        for (String a : authorization) {
            b.header("Authorization", a);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void realContainerWhenNoTokenThen401WithChallengeBodyAndNoStore() throws Exception {
        HttpResponse<String> r = send("tx");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"payments\"");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(r.body()).isEqualTo("{\"type\":\"error\",\"code\":\"unauthorized\",\"status\":401,\"message\":\"bearer token required\"}");
    }

    @Test
    void realContainerWhenValidTokenThen200() throws Exception {
        HttpResponse<String> r = send("tx", "bearer " + fixture.signer.token().scopes("transactions.read").jti("j-7").sign());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("jti=j-7");
    }

    @Test
    void realContainerWhenScopeMissingThen403() throws Exception {
        HttpResponse<String> r = send("tx", "Bearer " + fixture.token("buyers.read"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"payments\", "
                + "error=\"insufficient_scope\", error_description=\"the token lacks a scope this request needs\", "
                + "scope=\"transactions.read\"");
    }

    @Test
    void realContainerWhenTwoAuthorizationHeadersThen400() throws Exception {
        HttpResponse<String> r = send("tx", "Bearer " + fixture.token(), "Bearer " + fixture.token());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).contains("error=\"invalid_request\""));
    }

    @Test
    void realContainerWhenClaimBindingFailsThen403() throws Exception {
        String token = fixture.signer.token().scopes("transactions.read").claim("invoice_id", "inv-1").sign();
        assertThat(send("tx/invoices/inv-2", "Bearer " + token).statusCode()).isEqualTo(403);
    }
}
