package dev.bearerguard.core;

/**
 * The server, not the token, failed: the replay store is full or down, the keys cannot be read, a
 * key server did not answer. Adapters answer 503 Service Unavailable (never 401), because the
 * caller did nothing wrong and may retry.
 */
public final class VerifierUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed, safe to log (no token material) */
    public VerifierUnavailableException(String message) {
        super(message);
    }

    /**
     * @param message what failed, safe to log (no token material)
     * @param cause   the underlying failure
     */
    public VerifierUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
