package dev.bearerguard.jaxrs;

import static dev.bearerguard.jaxrs.Fixture.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.core.VerifiedToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Embed pins enforced in one line of resource code; a change is a 403 naming the field. */
class EmbedPinsResourceTest {

    private final Fixture fixture = new Fixture();
    private Harness harness;

    @Path("/transactions")
    public static class Transactions {
        @POST
        @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
        @RequiresScope(anyOf = {"transactions.write", "embed"})
        public String create(@Context SecurityContext security, @FormParam("amount") BigDecimal amount,
                @FormParam("currency") String currency) {
            VerifiedToken token = BearerSecurity.requireToken(security);
            Map<String, Object> request = new HashMap<>();
            request.put("amount", amount);
            request.put("currency", currency);
            Map<String, Object> values = token.embed().map(p -> p.apply(request)).orElse(request);
            return "charged " + values.get("amount") + " " + values.get("currency");
        }
    }

    @BeforeEach
    void start() {
        harness = Harness.inMemory(new ResourceConfig(Transactions.class)
                .register(BearerguardFeature.withVerifier(fixture.verifier().build()).realm("checkout")));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private Response post(String token, String amount, String currency) {
        return harness.target("transactions").request().header("Authorization", bearer(token))
                .post(Entity.form(new Form().param("amount", amount).param("currency", currency)));
    }

    private String embedToken() {
        return fixture.signer.token().scopes("embed").embed("amount", 1299).embed("currency", "EUR").sign();
    }

    @Test
    void pinsWhenRequestRepeatsThePinnedValuesThenAllowedAgainAndAgain() {
        String token = embedToken();
        assertThat(post(token, "1299.00", "EUR").readEntity(String.class)).isEqualTo("charged 1299 EUR");
        assertThat(post(token, "1299", "EUR").getStatus()).isEqualTo(200);
    }

    @Test
    void pinsWhenAmountChangedThen403NamingTheFieldNotTheValue() {
        Response r = post(embedToken(), "1", "EUR");
        assertThat(r.getStatus()).isEqualTo(403);
        assertThat(r.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer realm=\"checkout\", "
                + "error=\"insufficient_scope\", error_description=\"request changes the value pinned by the token: amount\"");
        assertThat(r.getHeaderString("Cache-Control")).isEqualTo("no-store");
        assertThat(r.readEntity(String.class)).contains("pinned by the token: amount").doesNotContain("1299");
    }

    @Test
    void pinsWhenCurrencyChangedThen403NamingCurrency() {
        Response r = post(embedToken(), "1299", "USD");
        assertThat(r.getStatus()).isEqualTo(403);
        assertThat(r.getHeaderString("WWW-Authenticate")).endsWith("pinned by the token: currency\"");
    }

    @Test
    void pinsWhenTheRequestOmitsAPinnedFieldThenThePinnedValueIsUsed() {
        Response r = harness.target("transactions").request().header("Authorization", bearer(embedToken()))
                .post(Entity.form(new Form().param("amount", "1299")));
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.readEntity(String.class)).isEqualTo("charged 1299 EUR");
    }

    @Test
    void pinsWhenTokenPinsNothingThenAnyValueIsAccepted() {
        assertThat(post(fixture.token("transactions.write"), "5", "USD").getStatus()).isEqualTo(200);
    }
}
