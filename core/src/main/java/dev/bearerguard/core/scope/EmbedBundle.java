package dev.bearerguard.core.scope;

import java.util.Set;

/**
 * The scopes the {@code embed} scope expands to: everything an embedded checkout calls.
 *
 * <p>Immutable and thread-safe.
 *
 * @param scopes the scopes granted by {@code embed}
 */
public record EmbedBundle(Set<String> scopes) {

    /**
     * The default bundle: what an embedded checkout calls to show payment options, take a payment
     * and follow it, and no administrative resource.
     *
     * <pre>
     * transactions.read, transactions.write, checkout-sessions.read, checkout-sessions.write,
     * payment-options.read, payment-methods.read, payment-methods.write, digital-wallets.read,
     * card-scheme-definitions.read, payment-method-definitions.read
     * </pre>
     */
    public static final EmbedBundle DEFAULT = new EmbedBundle(Set.of(
            "transactions.read", "transactions.write",
            "checkout-sessions.read", "checkout-sessions.write",
            "payment-options.read",
            "payment-methods.read", "payment-methods.write",
            "digital-wallets.read",
            "card-scheme-definitions.read",
            "payment-method-definitions.read"));

    /** @throws IllegalArgumentException if a scope is malformed or is {@code embed} itself */
    public EmbedBundle {
        scopes = Set.copyOf(scopes);
        for (String s : scopes) {
            new Scope(s);
            if (Scope.EMBED.equals(s)) {
                throw new IllegalArgumentException("the embed bundle cannot contain embed itself");
            }
        }
    }
}
