package dev.bearerguard.core;

/** The two claim profiles of the contract. A verifier is built for one of them. */
public enum TokenProfile {
    /**
     * API tokens (contract §1): {@code iss}, {@code nbf}, {@code exp}, {@code jti} and {@code
     * scopes} required; {@code embed} and {@code checkout_session_id} optional.
     */
    API,
    /**
     * Checkout tokens (contract §2): {@code exp}, {@code partner_id}, {@code client_id}, {@code
     * customer_id} and {@code invoice_id} required; {@code nbf}, {@code iat}, {@code jti} checked when
     * present; no scopes: such a token reaches only its own customer and invoice.
     */
    CHECKOUT;

    /**
     * Reads {@code api} or {@code checkout} (any case) from configuration.
     *
     * @throws IllegalArgumentException naming the value and the choices
     */
    public static TokenProfile parse(String text) {
        String v = text == null ? "" : text.strip();
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "api" -> API;
            case "checkout" -> CHECKOUT;
            default -> throw new IllegalArgumentException("`" + Sanitizer.text(v) + "` is not one of api, checkout");
        };
    }
}
