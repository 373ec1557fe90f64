package dev.bearerguard.core.scope;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a token's {@code scopes} claim grants, following the contract:
 *
 * <ul>
 *   <li>a scope grants itself, compared exactly;</li>
 *   <li>{@code *.read} grants {@code <any resource>.read}, {@code *.write} grants {@code <any
 *       resource>.write}; write never implies read;</li>
 *   <li>{@code embed} also grants every scope of the {@link EmbedBundle};</li>
 *   <li>nothing else: {@code buyers.read} does not grant {@code buyers.billing-details.read}.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class GrantedScopes {

    /** Grants nothing (an empty {@code scopes} array, or a checkout token). */
    public static final GrantedScopes NONE = new GrantedScopes(List.of(), Set.of());

    private final List<String> declared;
    private final Set<String> effective;

    private GrantedScopes(List<String> declared, Set<String> effective) {
        this.declared = declared;
        this.effective = effective;
    }

    /**
     * @param declared the token's {@code scopes}, as written
     * @param bundle   what {@code embed} expands to
     */
    public static GrantedScopes of(List<String> declared, EmbedBundle bundle) {
        List<String> d = List.copyOf(declared);
        Set<String> e = new HashSet<>(d);
        if (e.contains(Scope.EMBED)) {
            e.addAll(bundle.scopes());
        }
        return new GrantedScopes(d, Set.copyOf(e));
    }

    /** The scopes as the token declared them. */
    public List<String> declared() {
        return declared;
    }

    /** Whether the token grants {@code required}. */
    public boolean grants(String required) {
        if (effective.contains(required)) {
            return true;
        }
        int dot = required.lastIndexOf('.');
        if (dot <= 0) {
            return false;
        }
        String action = required.substring(dot + 1);
        if (!action.equals("read") && !action.equals("write")) {
            return false;
        }
        return effective.contains("*." + action);
    }

    @Override
    public String toString() {
        return declared.toString();
    }
}
