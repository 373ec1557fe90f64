package dev.bearerguard.jaxrs;

import static dev.bearerguard.jaxrs.Fixture.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.core.TokenProfile;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Claim binding with checkout tokens (contract §2): one customer, one invoice. */
class BindClaimTest {

    private final Fixture fixture = new Fixture();
    private Harness harness;

    @Path("/customers/{customerId}")
    @BindClaim(claim = "customer_id", pathParam = "customerId")
    public static class Invoices {
        @GET
        @Path("invoices/{invoiceId}")
        @BindClaim(claim = "invoice_id", pathParam = "invoiceId")
        public String invoice(@PathParam("customerId") String customer, @PathParam("invoiceId") String invoice) {
            return customer + "/" + invoice;
        }

        @GET
        public String customer(@PathParam("customerId") String customer) {
            return customer;
        }
    }

    @Path("/sessions/{id}")
    public static class Sessions {
        @GET
        @BindClaim(claim = "checkout_session_id", pathParam = "id", required = false)
        public String session(@PathParam("id") String id) {
            return id;
        }
    }

    @Test
    void bindClaimWhenNotRequiredThenATokenWithoutTheClaimPassesAndOneWithItIsHeldToIt() {
        try (Harness api = Harness.inMemory(new ResourceConfig(Sessions.class)
                .register(BearerguardFeature.withVerifier(fixture.verifier().build())))) {
            String sessionB = fixture.signer.token().scopes("embed").claim("checkout_session_id", "B").sign();
            assertThat(api.target("sessions/B").request().header("Authorization", bearer(sessionB)).get().getStatus())
                    .isEqualTo(200);
            Response other = api.target("sessions/A").request().header("Authorization", bearer(sessionB)).get();
            assertThat(other.getStatus()).isEqualTo(403);
            assertThat(other.getHeaderString("WWW-Authenticate")).contains("another checkout_session_id");
            String none = fixture.signer.token().scopes("embed").sign();
            assertThat(api.target("sessions/A").request().header("Authorization", bearer(none)).get().getStatus())
                    .isEqualTo(200);
        }
    }

    @BeforeEach
    void start() {
        harness = Harness.inMemory(new ResourceConfig(Invoices.class).register(
                BearerguardFeature.withVerifier(fixture.verifier().profile(TokenProfile.CHECKOUT).build())));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private String checkoutToken(String customer, String invoice) {
        return fixture.signer.checkoutToken().claim("partner_id", "p-1").claim("client_id", "c-1")
                .claim("customer_id", customer).claim("invoice_id", invoice).sign();
    }

    private Response get(String path, String token) {
        return harness.target(path).request().header("Authorization", bearer(token)).get();
    }

    @Test
    void bindClaimWhenPathMatchesTheTokensClaimsThenAllowedAndTokenReusable() {
        String token = checkoutToken("cus-1", "inv-9");
        assertThat(get("customers/cus-1/invoices/inv-9", token).readEntity(String.class)).isEqualTo("cus-1/inv-9");
        assertThat(get("customers/cus-1/invoices/inv-9", token).getStatus()).isEqualTo(200);
    }

    @Test
    void bindClaimWhenAnotherInvoiceThen403NamingTheClaimButNotItsValue() {
        Response r = get("customers/cus-1/invoices/inv-10", checkoutToken("cus-1", "inv-9"));
        assertThat(r.getStatus()).isEqualTo(403);
        assertThat(r.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer realm=\"api\", error=\"insufficient_scope\", "
                + "error_description=\"the request is about another invoice_id than the token's\"");
        assertThat(r.readEntity(String.class)).doesNotContain("inv-9").doesNotContain("inv-10");
    }

    @Test
    void bindClaimOnTheClassAppliesToEveryMethod() {
        assertThat(get("customers/cus-2", checkoutToken("cus-1", "inv-9")).getStatus()).isEqualTo(403);
        assertThat(get("customers/cus-1", checkoutToken("cus-1", "inv-9")).getStatus()).isEqualTo(200);
        Response r = get("customers/cus-2/invoices/inv-9", checkoutToken("cus-1", "inv-9"));
        assertThat(r.getHeaderString("WWW-Authenticate")).contains("another customer_id");
    }

    @Test
    void bindClaimComparesTheDecodedPathParameter() {
        assertThat(get("customers/cus%2D1/invoices/inv%20%239", checkoutToken("cus-1", "inv #9")).getStatus())
                .isEqualTo(200);
    }

    @Test
    void bindClaimWhenTheValueDiffersOnlyInCaseThen403() {
        assertThat(get("customers/CUS-1", checkoutToken("cus-1", "inv-9")).getStatus()).isEqualTo(403);
    }
}
