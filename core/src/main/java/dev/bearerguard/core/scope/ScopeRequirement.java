package dev.bearerguard.core.scope;

import dev.bearerguard.core.Sanitizer;
import java.util.List;
import java.util.Objects;

/**
 * The scopes a request needs: all of them, or any one of them. {@link #none()} needs only a valid
 * token.
 *
 * <p>The text form, shared by the servlet filter's {@code scope-rules}, the CLI's {@code --scope}
 * and {@link #toString()}: a term {@code a|b|c} is "any one of {@code a}, {@code b}, {@code c}"
 * (the way an operation lists {@code transactions.write|embed}); a term without {@code |} is one
 * scope, and several such terms together are "all of them". {@code |} therefore cannot be part of
 * a scope name written in these places (RFC 6749 would allow it; no vocabulary uses it).
 *
 * <p>Immutable and thread-safe.
 *
 * @param mode   all-of or any-of
 * @param scopes the scopes, in the order they are reported in an {@code insufficient_scope} answer
 */
public record ScopeRequirement(Mode mode, List<String> scopes) {

    /** How the scopes combine. */
    public enum Mode {
        /** Every scope is needed. */
        ALL_OF,
        /** One scope suffices. */
        ANY_OF
    }

    private static final ScopeRequirement NONE = new ScopeRequirement(Mode.ALL_OF, List.of());

    /** @throws IllegalArgumentException if a scope is malformed, or any-of is given no scope */
    public ScopeRequirement {
        Objects.requireNonNull(mode, "mode");
        scopes = List.copyOf(scopes);
        for (String s : scopes) {
            new Scope(s);
        }
        if (mode == Mode.ANY_OF && scopes.isEmpty()) {
            throw new IllegalArgumentException("any-of needs at least one scope");
        }
    }

    /** Only a valid token is needed. */
    public static ScopeRequirement none() {
        return NONE;
    }

    /** Every one of {@code scopes} is needed. */
    public static ScopeRequirement allOf(String... scopes) {
        return new ScopeRequirement(Mode.ALL_OF, List.of(scopes));
    }

    /** One of {@code scopes} suffices. */
    public static ScopeRequirement anyOf(String... scopes) {
        return new ScopeRequirement(Mode.ANY_OF, List.of(scopes));
    }

    /**
     * Reads one term of the text form: {@code a|b} is {@link #anyOf} its alternatives, {@code a}
     * alone is {@link #allOf}{@code (a)}.
     *
     * @param term the term, without spaces
     * @return the requirement
     * @throws IllegalArgumentException if an alternative is empty ({@code a||b}, {@code |a}) or
     *     not a well-formed scope, naming it
     */
    public static ScopeRequirement parse(String term) {
        Objects.requireNonNull(term, "term");
        if (term.indexOf('|') < 0) {
            if (!Scope.isWellFormed(term)) {
                throw new IllegalArgumentException("`" + Sanitizer.text(term) + "` is not a well-formed scope");
            }
            return allOf(term);
        }
        String[] parts = term.split("\\|", -1);
        for (String p : parts) {
            if (p.isEmpty()) {
                throw new IllegalArgumentException("`" + Sanitizer.text(term) + "` has an empty alternative");
            }
            if (!Scope.isWellFormed(p)) {
                throw new IllegalArgumentException("`" + Sanitizer.text(p) + "` is not a well-formed scope");
            }
        }
        return anyOf(parts);
    }

    /** Whether {@code scope} is one of this requirement's scopes, as written. */
    public boolean names(String scope) {
        return scopes.contains(scope);
    }

    /** Whether nothing beyond a valid token is needed. */
    public boolean isNone() {
        return scopes.isEmpty();
    }

    /** Whether {@code granted} satisfies this requirement. */
    public boolean isSatisfiedBy(GrantedScopes granted) {
        if (mode == Mode.ALL_OF) {
            for (String s : scopes) {
                if (!granted.grants(s)) {
                    return false;
                }
            }
            return true;
        }
        for (String s : scopes) {
            if (granted.grants(s)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The text form: {@code a b} for all-of, {@code a|b} for any-of, {@code none} for {@link
     * #none()}.
     */
    @Override
    public String toString() {
        if (scopes.isEmpty()) {
            return "none";
        }
        return String.join(mode == Mode.ALL_OF ? " " : "|", scopes);
    }
}
