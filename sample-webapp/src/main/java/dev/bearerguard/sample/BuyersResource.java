package dev.bearerguard.sample;

import dev.bearerguard.jaxrs.RequiresScope;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** {@code /api/buyers} and a buyer's billing details (a dotted resource of its own). Thread-safe. */
@Path("buyers")
@Produces(MediaType.APPLICATION_JSON)
public final class BuyersResource {

    private final SampleContext context;

    BuyersResource(SampleContext context) {
        this.context = context;
    }

    /** Every buyer. */
    @GET
    @RequiresScope("buyers.read")
    public Map<String, Object> list() {
        return MockData.page(context.data().buyers());
    }

    /** Creates a buyer from {@code external_identifier} and {@code display_name}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("buyers.write")
    public Response create(Map<String, Object> body) {
        if (body == null) {
            throw Problems.badRequest("a JSON object is required");
        }
        String ext = BodyRules.string(body, "external_identifier");
        String name = BodyRules.string(body, "display_name");
        if (ext == null && name == null) {
            throw Problems.badRequest("give external_identifier or display_name");
        }
        return Response.status(201).entity(context.data().createBuyer(ext, name)).build();
    }

    /** A buyer's billing details: needs {@code buyers.billing-details.read}, which {@code buyers.read} does not grant. */
    @GET
    @Path("{id}/billing-details")
    @RequiresScope("buyers.billing-details.read")
    public Map<String, Object> billingDetails(@PathParam("id") String id) {
        return context.data().billingDetails(id).orElseThrow(() -> Problems.notFound("buyer not found"));
    }
}
