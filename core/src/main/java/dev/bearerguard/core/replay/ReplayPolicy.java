package dev.bearerguard.core.replay;

/**
 * When a {@code jti} may be presented again. The verifier records a {@code jti} only after every
 * other check passed, so a forged token cannot burn a real one.
 */
public enum ReplayPolicy {
    /**
     * The contract's default: a token without the {@code embed} scope is single-use; a token with
     * it is reusable until it expires (and its {@code jti} is taken: no other token may use it).
     * Checkout tokens (no scopes) are reusable.
     */
    DEFAULT,
    /** Every token is accepted once. */
    SINGLE_USE,
    /** A token may be presented again until it expires; another token reusing its {@code jti} is refused. */
    REUSABLE,
    /** No replay check (the cache is not consulted). */
    OFF
}
