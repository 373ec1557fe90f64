package dev.bearerguard.sample;

import dev.bearerguard.core.BearerError;
import dev.bearerguard.core.PinMismatchException;
import dev.bearerguard.core.Reason;
import dev.bearerguard.core.VerifiedToken;
import dev.bearerguard.jaxrs.BearerSecurity;
import dev.bearerguard.jaxrs.BindClaim;
import dev.bearerguard.jaxrs.RequiresScope;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/checkout/sessions}: sessions holding {@code cart_items} and {@code metadata} that
 * expire one hour after creation; {@code PUT} replaces their contents without extending them. An
 * expired session answers 404 as an unknown one. An embed token reaches them too, bound to its own
 * session: one carrying {@code checkout_session_id} reads and updates that session only (403 for
 * another, by {@code @BindClaim}); one without may create a session and use the sessions it
 * created. Thread-safe.
 */
@Path("checkout/sessions")
@Produces(MediaType.APPLICATION_JSON)
public final class CheckoutSessionsResource {

    private final SampleContext context;

    CheckoutSessionsResource(SampleContext context) {
        this.context = context;
    }

    /** Creates a session, owned by the token that made it. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(anyOf = {"checkout-sessions.write", "embed"})
    public Response create(@Context SecurityContext security, Map<String, Object> body) {
        VerifiedToken token = BearerSecurity.requireToken(security);
        Map<String, Object> b = values(token, body);
        return Response.status(201).entity(context.data().createSession(b.get("cart_items"), b.get("metadata"),
                token.identity())).build();
    }

    /** A live session. */
    @GET
    @Path("{id}")
    @RequiresScope(anyOf = {"checkout-sessions.read", "embed"})
    @BindClaim(claim = "checkout_session_id", pathParam = "id", required = false)
    public Map<String, Object> one(@Context SecurityContext security, @PathParam("id") String id) {
        requireOwnSession(BearerSecurity.requireToken(security), id);
        return context.data().liveSession(id).orElseThrow(() -> Problems.notFound("checkout session not found or expired"));
    }

    /** Replaces a live session's cart items and metadata; its {@code expires_at} does not move. */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(anyOf = {"checkout-sessions.write", "embed"})
    @BindClaim(claim = "checkout_session_id", pathParam = "id", required = false)
    public Map<String, Object> update(@Context SecurityContext security, @PathParam("id") String id,
            Map<String, Object> body) {
        VerifiedToken token = BearerSecurity.requireToken(security);
        requireOwnSession(token, id);
        Map<String, Object> b = values(token, body);
        return context.data().updateSession(id, b.get("cart_items"), b.get("metadata"))
                .orElseThrow(() -> Problems.notFound("checkout session not found or expired"));
    }

    /**
     * An embed token without {@code checkout_session_id} may use only the sessions it created (one
     * with the claim was bound to its session by {@code @BindClaim}); a server token any session.
     */
    private void requireOwnSession(VerifiedToken token, String id) {
        if (token.scopes().isEmbed() && token.checkoutSessionId().isEmpty()
                && !context.data().ownsSession(id, token.identity())) {
            throw new PinMismatchException(new BearerError(Reason.CLAIM_MISMATCH,
                    "the request is about another checkout_session_id than the token's", List.of()));
        }
    }

    /** The body with the token's pins applied (cart items and metadata), checked against the storage bounds. */
    private static Map<String, Object> values(VerifiedToken token, Map<String, Object> body) {
        Map<String, Object> b = body == null ? Map.of() : body;
        Map<String, Object> v = token.embed().map(p -> p.apply(b)).orElse(b);
        BodyRules.cartItems(v.get("cart_items"));
        BodyRules.metadata(v.get("metadata"));
        return v;
    }
}
