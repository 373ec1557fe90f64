package dev.bearerguard.core.keys;

import java.util.Objects;
import java.util.Set;

/**
 * What a key is allowed to act for: a set of merchant accounts (empty means all of them) and an
 * {@link AccessLevel}. Enforced by the authorization step, not by signature verification.
 *
 * <p>Immutable and thread-safe.
 *
 * @param merchantAccounts the merchant account ids the key may target; empty means every account
 * @param accessLevel      full access or processing only
 */
public record KeyRestrictions(Set<String> merchantAccounts, AccessLevel accessLevel) {

    /** Every merchant account, full access: the default for a key loaded without restrictions. */
    public static final KeyRestrictions UNRESTRICTED = new KeyRestrictions(Set.of(), AccessLevel.FULL);

    /** @throws IllegalArgumentException if an account id is empty */
    public KeyRestrictions {
        merchantAccounts = Set.copyOf(merchantAccounts);
        Objects.requireNonNull(accessLevel, "accessLevel");
        for (String m : merchantAccounts) {
            if (m.isEmpty()) {
                throw new IllegalArgumentException("merchant account id must not be empty");
            }
        }
    }

    /** Restricted to the given merchant accounts, full access. */
    public static KeyRestrictions merchants(String... accounts) {
        return new KeyRestrictions(Set.of(accounts), AccessLevel.FULL);
    }

    /** Whether every merchant account is allowed. */
    public boolean allMerchants() {
        return merchantAccounts.isEmpty();
    }

    /**
     * Whether a request targeting {@code merchantAccount} is allowed. A key restricted to some
     * merchant accounts must name one of them: a request naming none ({@code null}) is refused,
     * because the server would otherwise pick a default account the key may not act for.
     */
    public boolean allowsMerchant(String merchantAccount) {
        if (merchantAccounts.isEmpty()) {
            return true;
        }
        return merchantAccount != null && merchantAccounts.contains(merchantAccount);
    }

    /** A copy with another access level. */
    public KeyRestrictions withAccessLevel(AccessLevel level) {
        return new KeyRestrictions(merchantAccounts, level);
    }
}
