package dev.bearerguard.sample;

import dev.bearerguard.core.BuyerAccess;
import dev.bearerguard.core.VerifiedToken;
import dev.bearerguard.jaxrs.BearerSecurity;
import dev.bearerguard.jaxrs.RateLimited;
import dev.bearerguard.jaxrs.RequiresScope;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.math.BigDecimal;
import java.util.Map;

/**
 * {@code /api/transactions}: list (server tokens only), read one (also an embed token, for its own
 * buyer) and create (also an embed token, held to its pins and to 50 a minute). Thread-safe.
 */
@Path("transactions")
@Produces(MediaType.APPLICATION_JSON)
public final class TransactionsResource {

    private final SampleContext context;

    TransactionsResource(SampleContext context) {
        this.context = context;
    }

    /**
     * The transactions of the merchant account the request acts for (all of them without one),
     * of the buyer the token pins when it pins one.
     */
    @GET
    @RequiresScope("transactions.read")
    public Map<String, Object> list(@Context SecurityContext security) {
        BuyerAccess buyers = BearerSecurity.requireToken(security).buyerAccess();
        return MockData.page(context.data().transactions(BearerSecurity.merchantAccount(security).orElse(null)).stream()
                .filter(t -> buyers.allows(MockData.buyerOf(t)[0], MockData.buyerOf(t)[1])).toList());
    }

    /**
     * One transaction of the merchant account the request acts for (any of them without one); an
     * embed token reads only its pinned buyer's (403 otherwise).
     */
    @GET
    @Path("{id}")
    @RequiresScope(anyOf = {"transactions.read", "embed"})
    public Map<String, Object> one(@PathParam("id") String id, @Context SecurityContext security) {
        String merchant = BearerSecurity.merchantAccount(security).orElse(null);
        Map<String, Object> t = context.data().transaction(id)
                .filter(x -> merchant == null || merchant.equals(x.get("merchant_account_id")))
                .orElseThrow(() -> Problems.notFound("transaction not found"));
        String[] buyer = MockData.buyerOf(t);
        BearerSecurity.requireToken(security).buyerAccess().require(buyer[0], buyer[1]);
        return t;
    }

    /**
     * Creates a captured transaction in the merchant account the request acts for. With an embed
     * token the pins apply: a pinned field the body omits takes the pinned value, one it changes is
     * a 403 naming it, and the buyer is one pin.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(anyOf = {"transactions.write", "embed"})
    @RateLimited(requests = 50, per = "1m")
    public Response create(@Context SecurityContext security, Map<String, Object> body) {
        if (body == null) {
            throw Problems.badRequest("a JSON object is required");
        }
        VerifiedToken token = BearerSecurity.requireToken(security);
        Map<String, Object> values = token.embed().map(p -> p.apply(body)).orElse(body);

        if (!(values.get("amount") instanceof Number n) || !isWholeAmount(n)) {
            throw Problems.badRequest("amount must be a whole number of minor units from 0 to 99999999");
        }
        if (!(values.get("currency") instanceof String currency) || !currency.matches("[A-Z]{3}")) {
            throw Problems.badRequest("currency must be an ISO 4217 code such as USD");
        }
        String buyerId = BodyRules.string(values, "buyer_id");
        String buyerExt = BodyRules.string(values, "buyer_external_identifier");
        if (buyerId != null && !context.data().hasBuyer(buyerId)) {
            throw Problems.badRequest("buyer_id names no buyer");
        }
        if (buyerId == null && buyerExt != null && !context.data().hasBuyerExternalIdentifier(buyerExt)) {
            throw Problems.badRequest("buyer_external_identifier names no buyer");
        }
        BodyRules.metadata(values.get("metadata"));
        BodyRules.cartItems(values.get("cart_items"));
        Map<String, Object> tx = context.data().createTransaction(new BigDecimal(n.toString()).longValueExact(), currency,
                buyerId, buyerExt, values.get("metadata"), values.get("cart_items"),
                BearerSecurity.merchantAccount(security).orElse(null));
        return Response.status(201).entity(tx).build();
    }

    private static boolean isWholeAmount(Number n) {
        try {
            BigDecimal d = new BigDecimal(n.toString());
            return d.signum() >= 0 && d.compareTo(BigDecimal.valueOf(99_999_999)) <= 0 && d.stripTrailingZeros().scale() <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
