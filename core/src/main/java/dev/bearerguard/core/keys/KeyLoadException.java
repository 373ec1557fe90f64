package dev.bearerguard.core.keys;

/**
 * A key could not be loaded: unreadable file, unknown format, a private key where a public one
 * belongs, a weak or off-curve key. Thrown at start-up, never while verifying; the message names
 * the source and the problem, never key material.
 */
public final class KeyLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and where */
    public KeyLoadException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and where
     * @param cause   the underlying failure
     */
    public KeyLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
