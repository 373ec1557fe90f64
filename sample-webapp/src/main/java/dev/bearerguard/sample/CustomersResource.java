package dev.bearerguard.sample;

import dev.bearerguard.jaxrs.BindClaim;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** {@code /v1/customers/{customerId}}: only the checkout token's own customer (claim binding). Thread-safe. */
@Path("customers/{customerId}")
@Produces(MediaType.APPLICATION_JSON)
public final class CustomersResource {

    private final SampleContext context;

    CustomersResource(SampleContext context) {
        this.context = context;
    }

    /** The customer. */
    @GET
    @BindClaim(claim = "customer_id", pathParam = "customerId")
    public Map<String, Object> customer(@PathParam("customerId") String customerId) {
        return context.data().customer(customerId).orElseThrow(() -> Problems.notFound("customer not found"));
    }
}
