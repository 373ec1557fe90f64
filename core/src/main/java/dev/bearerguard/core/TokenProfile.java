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
    CHECKOUT
}
