package dev.bearerguard.core.replay;

import java.time.Instant;

/**
 * Remembers the {@code jti}s the verifier has accepted until they expire.
 *
 * <p>Implementations must be thread-safe, and {@link #record} must be atomic: of two concurrent
 * calls with the same {@code jti}, exactly one sees {@link Outcome#FIRST_USE}. An implementation
 * that cannot answer (full, store down) throws {@link dev.bearerguard.core.VerifierUnavailableException}:
 * it fails closed, never open.
 */
public interface ReplayCache {

    /** What {@link #record} found. */
    enum Outcome {
        /** The {@code jti} was not live; it is now recorded. */
        FIRST_USE,
        /** The {@code jti} is live and was recorded by the same token (same fingerprint). */
        SAME_TOKEN,
        /** The {@code jti} is live and was recorded by a different token. */
        OTHER_TOKEN
    }

    /**
     * Records {@code jti} as used by the token with {@code fingerprint} until {@code until}, unless
     * it is already live.
     *
     * @param jti         the token's {@code jti}
     * @param fingerprint a 64-bit digest of the whole token, telling tokens apart
     * @param until       when the entry may be forgotten (the token's {@code exp} plus skew)
     * @return what was found
     * @throws dev.bearerguard.core.VerifierUnavailableException if the cache cannot record (full,
     *     or its store is unreachable)
     */
    Outcome record(String jti, long fingerprint, Instant until);
}
