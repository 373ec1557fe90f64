package dev.bearerguard.sample;

import dev.bearerguard.jaxrs.RequiresScope;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** {@code /api/payment-options}: what a checkout may offer; an embed token may list it. Thread-safe. */
@Path("payment-options")
@Produces(MediaType.APPLICATION_JSON)
public final class PaymentOptionsResource {

    private final SampleContext context;

    PaymentOptionsResource(SampleContext context) {
        this.context = context;
    }

    /** The options for a currency. */
    @GET
    @RequiresScope(anyOf = {"payment-options.read", "embed"})
    public Map<String, Object> list(@QueryParam("currency") String currency) {
        if (currency != null && currency.length() > 3) {
            throw Problems.badRequest("currency must be an ISO 4217 code such as USD");
        }
        return MockData.page(context.data().paymentOptions(currency));
    }
}
