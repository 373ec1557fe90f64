package dev.bearerguard.sample;

import dev.bearerguard.core.BearerError;
import dev.bearerguard.core.BearerHeader;
import dev.bearerguard.core.Reason;
import dev.bearerguard.core.TokenRejectedException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/checkout-auth/init}: trades an OAuth access token (from {@code /oauth/token}) and
 * a {@code customer_id} and {@code invoice_id} for a checkout token. The access token is opaque, not
 * a JWT, so the Bearerguard feature does not look at it ({@code @PermitAll}); this method checks it
 * and answers with the same RFC 6750 challenges. Thread-safe.
 */
@Path("checkout-auth/init")
@Produces(MediaType.APPLICATION_JSON)
public final class CheckoutAuthResource {

    private final SampleContext context;

    CheckoutAuthResource(SampleContext context) {
        this.context = context;
    }

    /** Mints a checkout token for the body's customer and invoice. */
    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public Response init(@Context HttpHeaders headers, Map<String, Object> body) {
        String accessToken;
        try {
            accessToken = BearerHeader.extract(headers.getRequestHeader(HttpHeaders.AUTHORIZATION));
        } catch (TokenRejectedException e) {
            return Problems.bearer(context.realm(), e.error());
        }
        Optional<AccessTokens.Grant> grant = context.accessTokens().lookup(accessToken);
        if (grant.isEmpty()) {
            return Problems.bearer(context.realm(), BearerError.of(Reason.UNKNOWN_KEY, "unknown or expired access token"));
        }
        Map<String, Object> b = body == null ? Map.of() : body;
        CheckoutTokens.Result r = CheckoutTokens.mint(context, grant.get().clientId(), b.get("customer_id"),
                b.get("invoice_id"));
        if (r.refusal().isPresent()) {
            int status = r.refusal().get().status();
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Problems.body(status, status == 404 ? "not_found" : "bad_request", r.refusal().get().message()))
                    .build();
        }
        return Response.ok(r.body().get()).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
