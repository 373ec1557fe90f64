package dev.bearerguard.sample;

import dev.bearerguard.jaxrs.BindClaim;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** {@code /v1/invoices/{invoiceId}}: only the checkout token's own invoice (claim binding). Thread-safe. */
@Path("invoices/{invoiceId}")
@Produces(MediaType.APPLICATION_JSON)
public final class InvoicesResource {

    private final SampleContext context;

    InvoicesResource(SampleContext context) {
        this.context = context;
    }

    /** The invoice. */
    @GET
    @BindClaim(claim = "invoice_id", pathParam = "invoiceId")
    public Map<String, Object> invoice(@PathParam("invoiceId") String invoiceId) {
        return context.data().invoice(invoiceId).orElseThrow(() -> Problems.notFound("invoice not found"));
    }

    /** The payment options for the invoice's currency. */
    @GET
    @Path("payment-options")
    @BindClaim(claim = "invoice_id", pathParam = "invoiceId")
    public Map<String, Object> paymentOptions(@PathParam("invoiceId") String invoiceId) {
        Map<String, Object> inv = context.data().invoice(invoiceId).orElseThrow(() -> Problems.notFound("invoice not found"));
        return MockData.page(context.data().paymentOptions((String) inv.get("currency")));
    }
}
