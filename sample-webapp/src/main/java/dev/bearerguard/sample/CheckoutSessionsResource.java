package dev.bearerguard.sample;

import dev.bearerguard.jaxrs.RequiresScope;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/checkout/sessions}: sessions holding {@code cart_items} and {@code metadata} that
 * expire one hour after creation; {@code PUT} replaces their contents without extending them. An
 * expired session answers 404 as an unknown one. Thread-safe.
 */
@Path("checkout/sessions")
@Produces(MediaType.APPLICATION_JSON)
public final class CheckoutSessionsResource {

    private final SampleContext context;

    CheckoutSessionsResource(SampleContext context) {
        this.context = context;
    }

    /** Creates a session. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("checkout-sessions.write")
    public Response create(Map<String, Object> body) {
        Map<String, Object> b = body == null ? Map.of() : body;
        check(b);
        return Response.status(201).entity(context.data().createSession(b.get("cart_items"), b.get("metadata"))).build();
    }

    /** A live session. */
    @GET
    @Path("{id}")
    @RequiresScope("checkout-sessions.read")
    public Map<String, Object> one(@PathParam("id") String id) {
        return context.data().liveSession(id).orElseThrow(() -> Problems.notFound("checkout session not found or expired"));
    }

    /** Replaces a live session's cart items and metadata; its {@code expires_at} does not move. */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("checkout-sessions.write")
    public Map<String, Object> update(@PathParam("id") String id, Map<String, Object> body) {
        Map<String, Object> b = body == null ? Map.of() : body;
        check(b);
        return context.data().updateSession(id, b.get("cart_items"), b.get("metadata"))
                .orElseThrow(() -> Problems.notFound("checkout session not found or expired"));
    }

    private static void check(Map<String, Object> b) {
        if (b.get("cart_items") != null && !(b.get("cart_items") instanceof List)) {
            throw Problems.badRequest("cart_items must be an array");
        }
        if (b.get("metadata") != null && !(b.get("metadata") instanceof Map)) {
            throw Problems.badRequest("metadata must be an object");
        }
    }
}
