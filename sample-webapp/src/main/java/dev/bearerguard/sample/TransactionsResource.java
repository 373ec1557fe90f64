package dev.bearerguard.sample;

import dev.bearerguard.core.EmbedPins;
import dev.bearerguard.core.VerifiedToken;
import dev.bearerguard.jaxrs.BearerSecurity;
import dev.bearerguard.jaxrs.RequiresScope;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/transactions}: list, read and create (with embed pins honoured). Thread-safe. */
@Path("transactions")
@Produces(MediaType.APPLICATION_JSON)
public final class TransactionsResource {

    private final SampleContext context;

    TransactionsResource(SampleContext context) {
        this.context = context;
    }

    /** The transactions of the merchant account the header names (all of them without it). */
    @GET
    @RequiresScope("transactions.read")
    public Map<String, Object> list(@Context HttpHeaders headers) {
        return MockData.page(context.data().transactions(headers.getHeaderString(context.merchantHeader())));
    }

    /** One transaction, of the merchant account the header names (any of them without it). */
    @GET
    @Path("{id}")
    @RequiresScope("transactions.read")
    public Map<String, Object> one(@PathParam("id") String id, @Context HttpHeaders headers) {
        String merchant = headers.getHeaderString(context.merchantHeader());
        return context.data().transaction(id)
                .filter(t -> merchant == null || merchant.equals(t.get("merchant_account_id")))
                .orElseThrow(() -> Problems.notFound("transaction not found"));
    }

    /**
     * Creates a captured transaction. With an embed token, {@code amount}, {@code currency}, the
     * buyer, {@code metadata} and {@code cart_items} must repeat the token's pins (403 naming the
     * first field that does not).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("transactions.write")
    public Response create(@Context SecurityContext security, @Context HttpHeaders headers, Map<String, Object> body) {
        if (body == null) {
            throw Problems.badRequest("a JSON object is required");
        }
        VerifiedToken token = BearerSecurity.requireToken(security);
        token.embed().ifPresent(pins -> pins.requireAll(pinnedFields(body)));

        if (!(body.get("amount") instanceof Number n) || !isWholeAmount(n)) {
            throw Problems.badRequest("amount must be a whole number of minor units from 0 to 99999999");
        }
        if (!(body.get("currency") instanceof String currency) || !currency.matches("[A-Z]{3}")) {
            throw Problems.badRequest("currency must be an ISO 4217 code such as USD");
        }
        String buyerId = body.get("buyer_id") instanceof String s ? s : null;
        String buyerExt = body.get("buyer_external_identifier") instanceof String s ? s : null;
        if (buyerId != null && !context.data().hasBuyer(buyerId)) {
            throw Problems.badRequest("buyer_id names no buyer");
        }
        if (buyerId == null && buyerExt != null && !context.data().hasBuyerExternalIdentifier(buyerExt)) {
            throw Problems.badRequest("buyer_external_identifier names no buyer");
        }
        Map<String, Object> tx = context.data().createTransaction(n.longValue(), currency, buyerId, buyerExt,
                body.get("metadata"), body.get("cart_items"), headers.getHeaderString(context.merchantHeader()));
        return Response.status(201).entity(tx).build();
    }

    private static boolean isWholeAmount(Number n) {
        try {
            BigDecimal d = new BigDecimal(n.toString());
            return d.stripTrailingZeros().scale() <= 0 && d.signum() >= 0 && d.compareTo(BigDecimal.valueOf(99_999_999)) <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The members of the body that embed pins can name (absent ones left out: "not repeated"). */
    private static Map<String, Object> pinnedFields(Map<String, Object> body) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String f : EmbedPins.PINNED_FIELDS) {
            if (body.containsKey(f) && body.get(f) != null) {
                m.put(f, body.get(f));
            }
        }
        return m;
    }
}
