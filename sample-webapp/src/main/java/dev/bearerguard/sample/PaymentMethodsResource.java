package dev.bearerguard.sample;

import dev.bearerguard.core.VerifiedToken;
import dev.bearerguard.jaxrs.BearerSecurity;
import dev.bearerguard.jaxrs.RequiresScope;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code GET /api/buyers/payment-methods?buyer_id=…} (or {@code buyer_external_identifier=…}): a
 * buyer's stored payment methods, as the reference API's "list payment methods for a buyer". An
 * embed token sees its pinned buyer's only: the query may leave the buyer out (the pin applies)
 * and naming another buyer is a 403. Thread-safe.
 */
@Path("buyers/payment-methods")
@Produces(MediaType.APPLICATION_JSON)
public final class PaymentMethodsResource {

    private final SampleContext context;

    PaymentMethodsResource(SampleContext context) {
        this.context = context;
    }

    /** The buyer's stored payment methods. */
    @GET
    @RequiresScope(anyOf = {"buyers.read", "embed"})
    public Map<String, Object> list(@Context SecurityContext security, @QueryParam("buyer_id") String buyerId,
            @QueryParam("buyer_external_identifier") String externalIdentifier) {
        VerifiedToken token = BearerSecurity.requireToken(security);
        Map<String, Object> query = new HashMap<>();
        query.put("buyer_id", buyerId);
        query.put("buyer_external_identifier", externalIdentifier);
        Map<String, Object> values = token.embed().map(p -> p.apply(query)).orElse(query);
        String id = (String) values.get("buyer_id");
        String ext = (String) values.get("buyer_external_identifier");
        token.buyerAccess().require(id, ext); // an embed token: its pinned buyer only (no buyer without a pin)
        if (id == null && ext == null) {
            throw Problems.badRequest("give buyer_id or buyer_external_identifier");
        }
        Map<String, Object> buyer = context.data().findBuyer(id, ext).orElseThrow(() -> Problems.notFound("buyer not found"));
        token.buyerAccess().require((String) buyer.get("id"), (String) buyer.get("external_identifier"));
        return MockData.page(context.data().paymentMethods((String) buyer.get("id")));
    }
}
