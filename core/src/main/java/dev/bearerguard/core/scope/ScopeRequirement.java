package dev.bearerguard.core.scope;

import java.util.List;
import java.util.Objects;

/**
 * The scopes a request needs: all of them, or any one of them. {@link #none()} needs only a valid
 * token.
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
}
