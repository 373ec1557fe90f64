package dev.bearerguard.core;

import java.util.Locale;
import java.util.Objects;

/**
 * The server, not the token, failed: the replay store is full or down, the keys cannot be read, a
 * key server did not answer. Adapters answer 503 Service Unavailable (never 401), because the
 * caller did nothing wrong and may retry. {@link #kind()} says which part failed, so metrics and
 * the audit log can tell a key-service outage from a full replay store without reading messages.
 */
public final class VerifierUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Which part of the server could not answer: a stable vocabulary ({@link #value()}) for metric
     * tags and the audit log's {@code reason} of a 503.
     */
    public enum Kind {
        /** The key source: no key set loaded yet, the last good one too old, the key service slow or down. */
        KEY_SOURCE,
        /** The replay store: unreachable, timed out, lost its data, answered something unexpected. */
        REPLAY_STORE,
        /** The replay store is full of live records and refuses new ones (it fails closed). */
        REPLAY_STORE_FULL,
        /** The token's key holds its full share of the replay store; other keys go on. */
        REPLAY_KEY_SHARE,
        /** The store of rate-limit buckets failed. */
        RATE_LIMIT_STORE,
        /** The Java platform lacks an algorithm the verifier needs. */
        PLATFORM,
        /** Something else (a seam that did not say). */
        OTHER;

        /** The lower-case name, e.g. {@code replay_store_full}: the tag value and audit {@code reason}. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Which part failed. */
    private final Kind kind;

    /** @param message what failed, safe to log (no token material); the kind is {@link Kind#OTHER} */
    public VerifierUnavailableException(String message) {
        this(Kind.OTHER, message);
    }

    /**
     * @param message what failed, safe to log (no token material)
     * @param cause   the underlying failure; the kind is {@link Kind#OTHER}
     */
    public VerifierUnavailableException(String message, Throwable cause) {
        this(Kind.OTHER, message, cause);
    }

    /**
     * @param kind    which part failed
     * @param message what failed, safe to log (no token material)
     * @throws NullPointerException if {@code kind} is null
     */
    public VerifierUnavailableException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /**
     * @param kind    which part failed
     * @param message what failed, safe to log (no token material)
     * @param cause   the underlying failure
     * @throws NullPointerException if {@code kind} is null
     */
    public VerifierUnavailableException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** Which part of the server failed. */
    public Kind kind() {
        return kind;
    }
}
