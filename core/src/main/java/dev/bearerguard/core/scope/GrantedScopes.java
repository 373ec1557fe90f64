package dev.bearerguard.core.scope;

import java.util.List;
import java.util.Set;

/**
 * What a token's {@code scopes} claim grants, following the contract ({@code docs/contract.md}
 * §1.5):
 *
 * <ul>
 *   <li>a scope grants itself, compared exactly;</li>
 *   <li>{@code *.read} grants {@code <any resource>.read}, {@code *.write} grants {@code <any
 *       resource>.write}; write never implies read;</li>
 *   <li>{@code embed} grants {@code embed} and nothing else: it satisfies only a requirement that
 *       names it (an operation listing {@code transactions.write|embed}). Wildcards never grant
 *       {@code embed}, and {@code embed} never grants a wildcard or a resource scope;</li>
 *   <li>nothing else: {@code buyers.read} does not grant {@code buyers.billing-details.read}.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class GrantedScopes {

    /** Grants nothing (an empty {@code scopes} array, or a checkout token). */
    public static final GrantedScopes NONE = new GrantedScopes(List.of());

    private final List<String> declared;
    private final Set<String> set;

    private GrantedScopes(List<String> declared) {
        this.declared = declared;
        this.set = Set.copyOf(declared);
    }

    /**
     * @param declared the token's {@code scopes}, as written
     * @throws NullPointerException if the list or a scope is null
     */
    public static GrantedScopes of(List<String> declared) {
        return new GrantedScopes(List.copyOf(declared));
    }

    /** The scopes as the token declared them. */
    public List<String> declared() {
        return declared;
    }

    /** Whether the token declares the {@code embed} scope (a browser token: see the contract §1.6). */
    public boolean isEmbed() {
        return set.contains(Scope.EMBED);
    }

    /** Whether the token grants {@code required}. */
    public boolean grants(String required) {
        if (set.contains(required)) {
            return true;
        }
        int dot = required.lastIndexOf('.');
        if (dot <= 0) {
            return false; // embed and other dotless scopes: only an exact match
        }
        String action = required.substring(dot + 1);
        if (!action.equals("read") && !action.equals("write")) {
            return false;
        }
        return set.contains("*." + action);
    }

    @Override
    public String toString() {
        return declared.toString();
    }
}
