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
    OFF;

    /** The spellings {@link #parse} reads, for help texts. */
    public static final String CHOICES = "default, single-use, reusable, off";

    /**
     * Reads {@code default}, {@code single-use}, {@code reusable} or {@code off} (any case) from
     * configuration.
     *
     * @throws IllegalArgumentException naming the value and the choices
     */
    public static ReplayPolicy parse(String text) {
        String v = text == null ? "" : text.strip();
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "default" -> DEFAULT;
            case "single-use" -> SINGLE_USE;
            case "reusable" -> REUSABLE;
            case "off" -> OFF;
            default -> throw new IllegalArgumentException("`" + dev.bearerguard.core.Sanitizer.text(v)
                    + "` is not one of " + CHOICES);
        };
    }

    /** How {@link #parse} spells this policy ({@code single-use}). */
    public String spelling() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
