package dev.bearerguard.jaxrs;

import static dev.bearerguard.jaxrs.Fixture.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.core.BearerHeader;
import dev.bearerguard.core.TokenRejectedException;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.VerifiedToken;
import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The servlet filter verified the token first and stored it in the request attribute {@code
 * dev.bearerguard.core.VerifiedToken}; the JAX-RS feature must reuse it: one verification, one
 * replay entry. Simulated with a pre-matching filter that runs before the feature's filters.
 */
class ServletThenJaxrsTest {

    private final Fixture fixture = new Fixture();
    private Harness harness;

    @Path("/tx")
    public static class Transactions {
        @GET
        @RequiresScope("transactions.read")
        public String list(@Context SecurityContext security) {
            return "jti=" + BearerSecurity.requireToken(security).jti().orElseThrow();
        }

        @GET
        @Path("public")
        @PermitAll
        public String open(@Context SecurityContext security) {
            return "jti=" + BearerSecurity.tokenOf(security).flatMap(VerifiedToken::jti).orElse("none");
        }
    }

    /** Stands in for the servlet filter: verifies and stores the token under the agreed name. */
    @PreMatching
    @Priority(1)
    static final class ServletFilterStandIn implements ContainerRequestFilter {
        private final TokenVerifier verifier;

        ServletFilterStandIn(TokenVerifier verifier) {
            this.verifier = verifier;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            try {
                VerifiedToken t = verifier.verify(BearerHeader.extract(request.getHeaders().get("Authorization")));
                request.setProperty("dev.bearerguard.core.VerifiedToken", t);
            } catch (TokenRejectedException e) {
                // the servlet filter would answer itself; this stand-in leaves it to the feature
            }
        }
    }

    /** Puts something that is not a VerifiedToken under the agreed name. */
    @PreMatching
    static final class Impostor implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            request.setProperty("dev.bearerguard.core.VerifiedToken", "trust me");
        }
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private Response get(String path, String token) {
        return harness.target(path).request().header("Authorization", bearer(token)).get();
    }

    @Test
    void tokenVerifiedByTheServletFilterIsReusedWithOneVerificationAndOneReplayEntry() {
        TokenVerifier verifier = fixture.verifier().build();
        harness = Harness.inMemory(new ResourceConfig(Transactions.class)
                .register(new ServletFilterStandIn(verifier))
                .register(BearerguardFeature.withVerifier(verifier)));
        String token = fixture.signer.token().scopes("transactions.read").jti("once").sign();

        Response r = get("tx", token);

        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.readEntity(String.class)).isEqualTo("jti=once");
        assertThat(fixture.keyLookups).hasValue(1);
        assertThat(fixture.replayRecords).hasValue(1);
    }

    @Test
    void tokenVerifiedByTheServletFilterIsStillAuthorizedByTheAnnotations() {
        TokenVerifier verifier = fixture.verifier().build();
        harness = Harness.inMemory(new ResourceConfig(Transactions.class)
                .register(new ServletFilterStandIn(verifier))
                .register(BearerguardFeature.withVerifier(verifier)));
        assertThat(get("tx", fixture.token("buyers.read")).getStatus()).isEqualTo(403);
        assertThat(fixture.replayRecords).hasValue(1);
    }

    @Test
    void tokenVerifiedByTheServletFilterIsVisibleOnPermitAllMethods() {
        TokenVerifier verifier = fixture.verifier().build();
        harness = Harness.inMemory(new ResourceConfig(Transactions.class)
                .register(new ServletFilterStandIn(verifier))
                .register(BearerguardFeature.withVerifier(verifier)));
        assertThat(get("tx/public", fixture.signer.token().jti("seen").sign()).readEntity(String.class))
                .isEqualTo("jti=seen");
    }

    @Test
    void withoutTheServletFilterTheFeatureVerifiesOnce() {
        harness = Harness.inMemory(new ResourceConfig(Transactions.class)
                .register(BearerguardFeature.withVerifier(fixture.verifier().build())));
        assertThat(get("tx", fixture.token("transactions.read")).getStatus()).isEqualTo(200);
        assertThat(fixture.keyLookups).hasValue(1);
        assertThat(fixture.replayRecords).hasValue(1);
    }

    @Test
    void somethingElseUnderTheAttributeNameIsIgnoredAndTheHeaderIsVerified() {
        harness = Harness.inMemory(new ResourceConfig(Transactions.class)
                .register(new Impostor())
                .register(BearerguardFeature.withVerifier(fixture.verifier().build())));
        assertThat(get("tx", "garbage").getStatus()).isEqualTo(401);
        assertThat(get("tx", fixture.token("transactions.read")).getStatus()).isEqualTo(200);
    }
}
