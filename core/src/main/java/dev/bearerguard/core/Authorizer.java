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
 * checks, in order, the key's merchant-account restriction, the key's access level, and the
 * token's scopes, and answers with the first failure as a 403 {@link BearerError}.
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
     * Decides a request.
     *
     * @param token           the verified token
     * @param required        the scopes the request needs
     * @param merchantAccount the merchant account the request targets (from the configured
     *                        header), or null when it names none
     * @return empty to allow; otherwise the 403 error
     */
    public Optional<BearerError> check(VerifiedToken token, ScopeRequirement required, String merchantAccount) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(required, "required");
        KeyRestrictions r = token.key().restrictions();
        if (!r.allowsMerchant(merchantAccount)) {
            return Optional.of(new BearerError(Reason.MERCHANT_NOT_ALLOWED, merchantAccount == null
                    ? "the token's key is restricted to some merchant accounts and the request names none"
                    : "the token's key may not act for this merchant account", List.of()));
        }
        if (r.accessLevel() == AccessLevel.PROCESSING_ONLY) {
            for (String s : required.scopes()) {
                String resource = new Scope(s).resource();
                if (!processingResources.contains(resource)) {
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
     * Claim binding: whether the request is about the token's own customer, invoice or other
     * claim. A token without the claim, or with another value, is refused.
     *
     * @param token  the verified token
     * @param claim  the claim name, e.g. {@code invoice_id}
     * @param actual the value the request names, e.g. a path parameter
     * @return empty when it matches; otherwise a 403 error naming the claim (not its value)
     */
    public static Optional<BearerError> checkClaim(VerifiedToken token, String claim, String actual) {
        Optional<String> v = token.stringClaim(claim);
        if (v.isPresent() && v.get().equals(actual)) {
            return Optional.empty();
        }
        String name = Sanitizer.identifier(claim);
        return Optional.of(new BearerError(Reason.CLAIM_MISMATCH,
                "the request is about another " + name + " than the token's", List.of()));
    }
}
