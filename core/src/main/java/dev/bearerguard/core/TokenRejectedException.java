package dev.bearerguard.core;

import java.util.Objects;

/**
 * The token (or the request carrying it) is at fault: the caller gets a 400, 401 or 403.
 *
 * <p>The message is the error's description, which never contains the token or a claim value; no
 * stack trace is captured (refusals are routine and cheap). Where the verifier got far enough to
 * read them, {@link #kid()}, {@link #jti()} and {@link #issuer()} name the token for logs.
 */
public final class TokenRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final BearerError error;
    private final String kid;
    private final String jti;
    private final String issuer;

    /** A refusal with no token identification (e.g. malformed input). */
    public TokenRejectedException(BearerError error) {
        this(error, null, null, null);
    }

    /**
     * A refusal naming the token it is about.
     *
     * @param error  the error
     * @param kid    the header's {@code kid}, or null
     * @param jti    the {@code jti} claim, or null
     * @param issuer the {@code iss} claim, or null
     */
    public TokenRejectedException(BearerError error, String kid, String jti, String issuer) {
        super(Objects.requireNonNull(error, "error").description(), null, false, false);
        this.error = error;
        this.kid = kid;
        this.jti = jti;
        this.issuer = issuer;
    }

    /** The RFC 6750 error. */
    public BearerError error() {
        return error;
    }

    /** Shortcut for {@code error().reason()}. */
    public Reason reason() {
        return error.reason();
    }

    /** The token's {@code kid}, if it was read before the refusal. */
    public java.util.Optional<String> kid() {
        return java.util.Optional.ofNullable(kid);
    }

    /** The token's {@code jti}, if it was read before the refusal. */
    public java.util.Optional<String> jti() {
        return java.util.Optional.ofNullable(jti);
    }

    /** The token's {@code iss}, if it was read before the refusal. */
    public java.util.Optional<String> issuer() {
        return java.util.Optional.ofNullable(issuer);
    }

    /**
     * A log line that is safe to write: reason, {@code kid}, {@code jti} and {@code iss}. They come
     * from an unverified token here, so they pass through {@link Sanitizer#field}.
     */
    public String toLogString() {
        return "reason=" + error.reason().value() + " " + Sanitizer.ids(kid, jti, issuer);
    }

}
