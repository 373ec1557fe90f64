package dev.bearerguard.sample;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Mints checkout tokens (contract §2) for one customer and one invoice, signed by the server's own
 * issuing key. Used by {@code POST /v1/checkout-auth/init} and by the checkout page's merchant back
 * end. Stateless and thread-safe.
 */
final class CheckoutTokens {

    private CheckoutTokens() {
    }

    /** Why a checkout token was not minted. */
    record Refusal(int status, String message) {
    }

    /**
     * @return the answer body ({@code token}, {@code expires_at}, {@code expires_in}), or a refusal
     *     when the invoice is unknown or not the customer's
     */
    static Result mint(SampleContext c, String clientId, Object customerId, Object invoiceId) {
        if (!(customerId instanceof String customer) || customer.isEmpty()
                || !(invoiceId instanceof String invoice) || invoice.isEmpty()) {
            return new Result(Optional.empty(), Optional.of(new Refusal(400, "customer_id and invoice_id are required strings")));
        }
        Optional<Map<String, Object>> inv = c.data().invoice(invoice);
        if (inv.isEmpty() || c.data().customer(customer).isEmpty()) {
            return new Result(Optional.empty(), Optional.of(new Refusal(404, "unknown customer or invoice")));
        }
        if (!customer.equals(inv.get().get("customer_id"))) {
            return new Result(Optional.empty(), Optional.of(new Refusal(400, "the invoice is not the customer's")));
        }
        Instant now = c.clock().instant();
        Instant exp = now.plus(c.checkoutTokenLifetime());
        String token = c.checkoutSigner().checkoutToken()
                .claim("partner_id", "partner_" + clientId)
                .claim("client_id", clientId)
                .claim("customer_id", customer)
                .claim("invoice_id", invoice)
                .claim("jti", UUID.randomUUID().toString())
                .expiresAt(exp)
                .sign();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", token);
        body.put("customer_id", customer);
        body.put("invoice_id", invoice);
        body.put("expires_at", Instant.ofEpochSecond(exp.getEpochSecond()).toString());
        body.put("expires_in", c.checkoutTokenLifetime().toSeconds());
        return new Result(Optional.of(body), Optional.empty());
    }

    /** Either a body or a refusal. */
    record Result(Optional<Map<String, Object>> body, Optional<Refusal> refusal) {
    }
}
