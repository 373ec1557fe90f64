package dev.bearerguard.jaxrs;

import static dev.bearerguard.jaxrs.Fixture.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Security annotations on interfaces and base classes apply, as JAX-RS annotations do: a resource
 * implementing an annotated interface must not silently lose its scope.
 */
class AnnotationInheritanceTest {

    private final Fixture fixture = new Fixture();
    private Harness harness;

    public interface ReportsApi {
        @GET
        @RequiresScope("reports.read")
        String get();
    }

    @Path("/interface")
    public static class ReportsImpl implements ReportsApi {
        @Override
        public String get() {
            return "impl";
        }
    }

    @RequiresScope("reports.read")
    public abstract static class ScopedBase {
        @GET
        public String get() {
            return "base";
        }
    }

    @Path("/superclass")
    public static class FromScopedBase extends ScopedBase {
    }

    public static class MethodScopedBase {
        @GET
        @RequiresScope("reports.read")
        public String get() {
            return "base";
        }

        @GET
        @Path("open")
        @PermitAll
        public String open() {
            return "open";
        }
    }

    @Path("/override")
    public static class Overriding extends MethodScopedBase {
        @Override
        public String get() {
            return "override";
        }

        @Override
        @RequiresScope("buyers.read")
        public String open() {
            return "closed now";
        }
    }

    public interface Crud<T> {
        @POST
        @Consumes(MediaType.TEXT_PLAIN)
        @RequiresScope("buyers.write")
        String create(T body);
    }

    @Path("/generic")
    public static class Buyers implements Crud<String> {
        @Override
        public String create(String body) {
            return "created " + body;
        }
    }

    @BeforeEach
    void start() {
        harness = Harness.inMemory(new ResourceConfig(ReportsImpl.class, FromScopedBase.class, Overriding.class,
                Buyers.class)
                .register(BearerguardFeature.withVerifier(fixture.verifier().build())));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private int status(String path, String token) {
        var b = harness.target(path).request();
        return (token == null ? b.get() : b.header("Authorization", bearer(token)).get()).getStatus();
    }

    @Test
    void scopeOnTheImplementedInterfaceMethodIsEnforced() {
        assertThat(status("interface", fixture.token("buyers.read"))).isEqualTo(403);
        assertThat(status("interface", fixture.token("reports.read"))).isEqualTo(200);
    }

    @Test
    void scopeOnTheSuperclassIsEnforced() {
        assertThat(status("superclass", fixture.token("buyers.read"))).isEqualTo(403);
        assertThat(status("superclass", fixture.token("reports.read"))).isEqualTo(200);
    }

    @Test
    void scopeOnTheOverriddenMethodIsEnforcedWhenTheOverrideHasNone() {
        assertThat(status("override", fixture.token("buyers.read"))).isEqualTo(403);
        assertThat(status("override", fixture.token("reports.read"))).isEqualTo(200);
    }

    @Test
    void scopeOnAGenericInterfaceMethodIsEnforced() {
        Entity<String> body = Entity.entity("ada", MediaType.TEXT_PLAIN);
        assertThat(harness.target("generic").request().header("Authorization", bearer(fixture.token("buyers.read")))
                .post(body).getStatus()).isEqualTo(403);
        assertThat(harness.target("generic").request().header("Authorization", bearer(fixture.token("buyers.write")))
                .post(body).readEntity(String.class)).isEqualTo("created ada");
    }

    @Test
    void anOverridesOwnAnnotationWinsOverTheOverriddenOne() {
        assertThat(status("override/open", null)).isEqualTo(401);
        assertThat(status("override/open", fixture.token("buyers.read"))).isEqualTo(200);
    }
}
