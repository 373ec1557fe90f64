package dev.bearerguard.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.bearerguard.core.scope.ScopeVocabulary;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

/** A typo in a scope fails the deployment, with a message, when a vocabulary is configured. */
class VocabularyDeploymentTest {

    private final Fixture fixture = new Fixture();

    @Path("/tx")
    public static class Typo {
        @GET
        @RequiresScope("transaction.read")
        public String list() {
            return "list";
        }
    }

    @Path("/tx")
    public static class Correct {
        @GET
        @RequiresScope("transactions.read")
        public String list() {
            return "list";
        }
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    @Test
    void deploymentWhenAnnotationHasATypoThenFailsNamingMethodAndSuggestion() {
        BearerguardFeature feature = BearerguardFeature.withVerifier(
                fixture.verifier().vocabulary(ScopeVocabulary.PAYMENTS).build());
        Throwable t = catchThrowable(() -> Harness.inMemory(new ResourceConfig(Typo.class).register(feature)).close());
        assertThat(t).isNotNull();
        assertThat(rootCause(t)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Typo.class.getName() + "#list")
                .hasMessageContaining("scope `transaction.read`: no such resource in the vocabulary")
                .hasMessageContaining("did you mean `transactions.read`?");
    }

    @Test
    void deploymentWhenAnnotationsMatchTheVocabularyThenStarts() {
        BearerguardFeature feature = BearerguardFeature.withVerifier(
                fixture.verifier().vocabulary(ScopeVocabulary.PAYMENTS).build());
        try (Harness h = Harness.inMemory(new ResourceConfig(Correct.class).register(feature))) {
            assertThat(h.target("tx").request().get().getStatus()).isEqualTo(401);
        }
    }

    @Test
    void deploymentWithoutVocabularyAcceptsAnyWellFormedScope() {
        BearerguardFeature feature = BearerguardFeature.withVerifier(fixture.verifier().build());
        try (Harness h = Harness.inMemory(new ResourceConfig(Typo.class).register(feature))) {
            assertThat(h.target("tx").request().get().getStatus()).isEqualTo(401);
        }
    }
}
