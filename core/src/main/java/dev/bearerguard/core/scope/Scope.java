package dev.bearerguard.core.scope;

import java.util.Objects;

/**
 * A scope string split at its <b>last</b> dot into resource and action:
 * {@code buyers.billing-details.read} is resource {@code buyers.billing-details}, action {@code
 * read}. A scope without a dot ({@code embed}) has an empty action.
 *
 * <p>Scopes compare exactly: no case folding, no Unicode normalization. Immutable and thread-safe.
 *
 * @param value the scope string as written
 */
public record Scope(String value) {

    /** The scope granting every token holder everything the embedded checkout needs. */
    public static final String EMBED = "embed";

    /** @throws IllegalArgumentException if the value is empty or holds whitespace or a control character */
    public Scope {
        Objects.requireNonNull(value, "value");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("a scope must be non-empty printable ASCII without spaces, quotes or backslashes");
        }
    }

    /** Whether {@code s} is a legal RFC 6749 §3.3 scope-token ({@code %x21 / %x23-5B / %x5D-7E}). */
    public static boolean isWellFormed(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E))) {
                return false;
            }
        }
        return true;
    }

    /** The part before the last dot, or the whole value when there is no dot. */
    public String resource() {
        int dot = value.lastIndexOf('.');
        return dot < 0 ? value : value.substring(0, dot);
    }

    /** The part after the last dot, or {@code ""} when there is no dot. */
    public String action() {
        int dot = value.lastIndexOf('.');
        return dot < 0 ? "" : value.substring(dot + 1);
    }

    @Override
    public String toString() {
        return value;
    }
}
