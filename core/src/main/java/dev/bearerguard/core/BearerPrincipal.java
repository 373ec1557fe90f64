package dev.bearerguard.core;

import java.security.Principal;
import java.util.Objects;
import java.util.Optional;

/**
 * The principal of a request a Bearerguard adapter (the servlet filter or the JAX-RS feature) let
 * through: it carries the verified token. Both adapters use this one type, so an application behind
 * both sees the same principal. Its name is the {@code kid} of the key that signed the token, because under the contract
 * the key, registered by the API owner, is what identifies the caller ({@code iss} only names the
 * calling code).
 *
 * <pre>{@code
 * if (request.getUserPrincipal() instanceof BearerPrincipal p) {
 *     VerifiedToken token = p.token();
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class BearerPrincipal implements Principal {

    private final VerifiedToken token;
    private final String merchantAccount;

    /**
     * A principal acting for no particular merchant account.
     *
     * @param token the verified token
     * @throws NullPointerException if {@code token} is null
     */
    public BearerPrincipal(VerifiedToken token) {
        this(token, null);
    }

    /**
     * @param token           the verified token
     * @param merchantAccount the merchant account the request acts for ({@link
     *                        Authorizer#merchantAccount}: the header's, else the token's pin), or null
     * @throws NullPointerException if {@code token} is null
     */
    public BearerPrincipal(VerifiedToken token, String merchantAccount) {
        this.token = Objects.requireNonNull(token, "token");
        this.merchantAccount = merchantAccount;
    }

    /**
     * The merchant account this request acts for, as both adapters decide it: the merchant-account
     * header's value, or, when the request sends none, the account the token pins ({@code
     * embed.merchant_account_id}); empty when neither names one (the application's default).
     * Act for this account rather than reading the header yourself, so a pinned account applies.
     */
    public Optional<String> merchantAccount() {
        return Optional.ofNullable(merchantAccount);
    }

    /** The verified token. */
    public VerifiedToken token() {
        return token;
    }

    /** The {@code kid} of the key that signed the token. */
    @Override
    public String getName() {
        return token.kid();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BearerPrincipal other && other.token == token
                && Objects.equals(other.merchantAccount, merchantAccount);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(token);
    }

    /** Names the token by {@code kid}, {@code jti} and {@code iss} only. */
    @Override
    public String toString() {
        return "BearerPrincipal[" + token + "]";
    }
}
