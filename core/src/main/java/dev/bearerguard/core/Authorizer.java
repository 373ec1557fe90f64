package dev.bearerguard.core;

import dev.bearerguard.core.keys.AccessLevel;
import dev.bearerguard.core.keys.KeyRestrictions;
import dev.bearerguard.core.scope.Scope;
import dev.bearerguard.core.scope.ScopeRequirement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The authorization step after verification: does this verified token allow this request? It
 * checks, in order, the token's merchant-account pin ({@code embed.merchant_account_id}), the
 * key's merchant-account restriction, the key's access level, and the token's scopes, and answers
 * with the first failure as a 403 {@link BearerError}. Both adapters call it, and their {@code
 * isUserInRole} answers through {@link #hasRole}, so the three always agree.
 *
 * <p>Immutable and thread-safe.
 */
public final class Authorizer {

    /**
     * The resources a {@link AccessLevel#PROCESSING_ONLY} key may reach by default: those used to
     * take payments.
     *
     * <pre>
     * transactions, checkout-sessions, payment-methods, payment-options, buyers,
     * buyers.billing-details, card-scheme-definitions, payment-method-definitions,
     * payment-service-definitions, digital-wallets
     * </pre>
     */
    public static final Set<String> DEFAULT_PROCESSING_RESOURCES = Set.of(
            "transactions", "checkout-sessions", "payment-methods", "payment-options", "buyers",
            "buyers.billing-details", "card-scheme-definitions", "payment-method-definitions",
            "payment-service-definitions", "digital-wallets");

    private static final Authorizer DEFAULT = new Authorizer(DEFAULT_PROCESSING_RESOURCES);

    private final Set<String> processingResources;

    private Authorizer(Set<String> processingResources) {
        this.processingResources = Set.copyOf(processingResources);
    }

    /** An authorizer with {@link #DEFAULT_PROCESSING_RESOURCES}. */
    public static Authorizer defaults() {
        return DEFAULT;
    }

    /** An authorizer with another set of processing resources. */
    public static Authorizer withProcessingResources(Set<String> resources) {
        return new Authorizer(resources);
    }

    /** The resources a processing-only key may reach. */
    public Set<String> processingResources() {
        return processingResources;
    }

    /**
     * The merchant account a request acts for: the merchant-account header's value when the
     * request sends one, else the account the token pins ({@code embed.merchant_account_id}), else
     * none. Both adapters hand this to the application ({@link BearerPrincipal#merchantAccount()}).
     * It does not judge: {@link #check} refuses a header that differs from the pin.
     *
     * @param token  the verified token
     * @param header the merchant-account header's value, or null when the request sends none
     * @return the account to act for, or empty for "the application's default"
     */
    public static Optional<String> merchantAccount(VerifiedToken token, String header) {
        if (header != null) {
            return Optional.of(header);
        }
        return token.embed().flatMap(EmbedPins::merchantAccountId);
    }

    /**
     * Decides a request.
     *
     * @param token           the verified token
     * @param required        the scopes the request needs
     * @param merchantAccount the merchant-account header's value, or null when the request sends
     *                        none (a token that pins an account then acts for it)
     * @return empty to allow; otherwise the 403 error
     */
    public Optional<BearerError> check(VerifiedToken token, ScopeRequirement required, String merchantAccount) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(required, "required");
        Optional<String> pinned = token.embed().flatMap(EmbedPins::merchantAccountId);
        if (pinned.isPresent() && merchantAccount != null && !pinned.get().equals(merchantAccount)) {
            return Optional.of(EmbedPins.merchantMismatch());
        }
        String effective = merchantAccount != null ? merchantAccount : pinned.orElse(null);
        KeyRestrictions r = token.key().restrictions();
        if (!r.allowsMerchant(effective)) {
            return Optional.of(new BearerError(Reason.MERCHANT_NOT_ALLOWED, effective == null
                    ? "the token's key is restricted to some merchant accounts and the request names none"
                    : "the token's key may not act for this merchant account", List.of()));
        }
        if (r.accessLevel() == AccessLevel.PROCESSING_ONLY) {
            for (String s : required.scopes()) {
                // embed is listed only on operations of the embedded checkout, which takes payments.
                String resource = new Scope(s).resource();
                if (!s.equals(Scope.EMBED) && !processingResources.contains(resource)) {
                    return Optional.of(new BearerError(Reason.ACCESS_LEVEL,
                            "the token's key is restricted to processing", List.of()));
                }
            }
        }
        if (!required.isSatisfiedBy(token.scopes())) {
            return Optional.of(new BearerError(Reason.INSUFFICIENT_SCOPE,
                    required.mode() == ScopeRequirement.Mode.ANY_OF
                            ? "the token grants none of the scopes this request accepts"
                            : "the token lacks a scope this request needs",
                    required.scopes()));
        }
        return Optional.empty();
    }

    /**
     * As {@link #check(VerifiedToken, ScopeRequirement, String)} for several requirements that
     * must all hold (a route's {@code a b|c}, or {@code @RequiresScope} next to {@code
     * @RolesAllowed}); answers the first failure. An empty list needs only a valid token (the
     * merchant checks still run).
     */
    public Optional<BearerError> check(VerifiedToken token, List<ScopeRequirement> required, String merchantAccount) {
        if (required.isEmpty()) {
            return check(token, ScopeRequirement.none(), merchantAccount);
        }
        for (ScopeRequirement r : required) {
            Optional<BearerError> e = check(token, r, merchantAccount);
            if (e.isPresent()) {
                return e;
            }
        }
        return Optional.empty();
    }

    /**
     * The answer of both adapters' {@code isUserInRole(role)}: the role read in the requirement
     * text form ({@code transactions.read}, or {@code transactions.write|embed} for "any of"),
     * decided by {@link #check} for this request's merchant account. A role that is not a
     * well-formed scope or term is never granted.
     *
     * @param token           the verified token
     * @param role            the role asked about
     * @param merchantAccount the merchant-account header's value, or null
     */
    public boolean hasRole(VerifiedToken token, String role, String merchantAccount) {
        if (role == null) {
            return false;
        }
        ScopeRequirement r;
        try {
            r = ScopeRequirement.parse(role);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return check(token, r, merchantAccount).isEmpty();
    }

    /**
     * Claim binding: whether the request is about the token's own customer, invoice or other
     * claim. A token without the claim, or with another value, is refused.
     *
     * @param token  the verified token
     * @param claim  the claim name, e.g. {@code invoice_id}
     * @param actual the value the request names, e.g. a path parameter
     * @return empty when it matches; otherwise a 403 error naming the claim (not its value)
     */
    public static Optional<BearerError> checkClaim(VerifiedToken token, String claim, String actual) {
        return checkClaim(token, claim, actual, true);
    }

    /**
     * Claim binding, with the claim optional or not: as {@link #checkClaim(VerifiedToken, String,
     * String)}, except that with {@code required} false a token that does not carry the claim at
     * all passes (the application then decides, e.g. a token without {@code checkout_session_id}
     * may use the session it created). A token that carries the claim is always held to it.
     *
     * @param required whether a token without the claim is refused
     */
    public static Optional<BearerError> checkClaim(VerifiedToken token, String claim, String actual, boolean required) {
        if (!required && !token.claims().containsKey(claim)) {
            return Optional.empty();
        }
        Optional<String> v = token.stringClaim(claim);
        if (v.isPresent() && v.get().equals(actual)) {
            return Optional.empty();
        }
        String name = Sanitizer.identifier(claim);
        return Optional.of(new BearerError(Reason.CLAIM_MISMATCH,
                "the request is about another " + name + " than the token's", List.of()));
    }
}
