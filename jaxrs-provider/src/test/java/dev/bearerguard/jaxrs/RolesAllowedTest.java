package dev.bearerguard.jaxrs;

import static dev.bearerguard.jaxrs.Fixture.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code @RolesAllowed} with scopes as roles: 401 and 403 stay apart. */
class RolesAllowedTest {

    private final Fixture fixture = new Fixture();
    private Harness harness;

    @Path("/buyers")
    @RolesAllowed("buyers.read")
    public static class Buyers {
        @GET
        public String list() {
            return "buyers";
        }

        @GET
        @Path("edit")
        @RolesAllowed({"buyers.write", "*.write"})
        public String edit() {
            return "edit";
        }
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private Response get(String path, String token) {
        var b = harness.target(path).request();
        return token == null ? b.get() : b.header("Authorization", bearer(token)).get();
    }

    @Test
    void rolesAllowedWhenTokenGrantsTheScopeThenAllowed() {
        harness = Harness.inMemory(new ResourceConfig(Buyers.class)
                .register(BearerguardFeature.withVerifier(fixture.verifier().build())));
        assertThat(get("buyers", fixture.token("buyers.read")).readEntity(String.class)).isEqualTo("buyers");
        assertThat(get("buyers", fixture.token("*.read")).getStatus()).isEqualTo(200);
    }

    @Test
    void rolesAllowedWhenNoTokenThen401NotTheJersey403() {
        harness = Harness.inMemory(new ResourceConfig(Buyers.class)
                .register(BearerguardFeature.withVerifier(fixture.verifier().build())));
        Response r = get("buyers", null);
        assertThat(r.getStatus()).isEqualTo(401);
        assertThat(r.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer realm=\"api\"");
    }

    @Test
    void rolesAllowedWhenTokenLacksTheScopeThen403WithTheContractsChallenge() {
        harness = Harness.inMemory(new ResourceConfig(Buyers.class)
                .register(BearerguardFeature.withVerifier(fixture.verifier().build())));
        Response r = get("buyers", fixture.token("transactions.read"));
        assertThat(r.getStatus()).isEqualTo(403);
        assertThat(r.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer realm=\"api\", error=\"insufficient_scope\", "
                + "error_description=\"the token grants none of the scopes this request accepts\", scope=\"buyers.read\"");
    }

    @Test
    void rolesAllowedIsAnyOfAndTheMethodWins() {
        harness = Harness.inMemory(new ResourceConfig(Buyers.class)
                .register(BearerguardFeature.withVerifier(fixture.verifier().build())));
        assertThat(get("buyers/edit", fixture.token("*.write")).getStatus()).isEqualTo(200);
        assertThat(get("buyers/edit", fixture.token("buyers.read")).getStatus()).isEqualTo(403);
    }

    @Test
    void jerseysRolesAllowedFeatureAlongsideAsksTheBearerSecurityContextAndKeeps401() {
        harness = Harness.inMemory(new ResourceConfig(Buyers.class).register(RolesAllowedDynamicFeature.class)
                .register(BearerguardFeature.withVerifier(fixture.verifier().build())));
        assertThat(get("buyers", null).getStatus()).isEqualTo(401);
        assertThat(get("buyers", fixture.token("buyers.read")).getStatus()).isEqualTo(200);
        assertThat(get("buyers", fixture.token("buyers.write")).getStatus()).isEqualTo(403);
    }
}
