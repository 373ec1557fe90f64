package dev.bearerguard.core;

import java.util.List;
import java.util.Objects;

/**
 * An RFC 6750 bearer-token error: what went wrong, in a form both adapters can write out.
 *
 * <p>The description is plain text chosen by the library; it never contains the token or a
 * claim's value. Characters RFC 6750 §3 forbids in attribute values (outside {@code %x20-21 /
 * %x23-5B / %x5D-7E}, i.e. control characters, {@code "} and {@code \}) are refused at
 * construction, so a {@code BearerError} can always be written into a header unescaped.
 *
 * <p>Immutable and thread-safe.
 *
 * @param reason      the machine-readable reason; it determines the {@link #code()}
 * @param description a short human-readable explanation, may be empty
 * @param scopes      for {@code insufficient_scope}, the scopes the request needed; else empty
 */
public record BearerError(Reason reason, String description, List<String> scopes) implements java.io.Serializable {

    /**
     * @throws IllegalArgumentException if the description or a scope holds a character RFC 6750
     *                                  forbids
     */
    public BearerError {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(description, "description");
        scopes = List.copyOf(scopes);
        requireLegal(description, "description");
        for (String s : scopes) {
            requireLegal(s, "scope");
            if (s.isEmpty() || s.indexOf(' ') >= 0) {
                throw new IllegalArgumentException("a scope must be non-empty and hold no space");
            }
        }
    }

    /** An error with a description and no scopes. */
    public static BearerError of(Reason reason, String description) {
        return new BearerError(reason, description, List.of());
    }

    /** The RFC 6750 error code. */
    public ErrorCode code() {
        return reason.errorCode();
    }

    /** The HTTP status to answer with. */
    public int httpStatus() {
        return reason.errorCode().httpStatus();
    }

    private static void requireLegal(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == 0x20 || c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
            if (!ok) {
                throw new IllegalArgumentException(what + " holds a character RFC 6750 forbids at index " + i);
            }
        }
    }

    @Override
    public String toString() {
        return code().value() + "/" + reason.value() + ": " + description;
    }
}
