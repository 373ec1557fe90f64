package dev.bearerguard.jaxrs.internal;

import dev.bearerguard.core.Authorizer;
import dev.bearerguard.core.TokenVerifier;
import java.util.Objects;

/**
 * What {@code BearerguardFeature} was configured with, shared by its filters and mappers.
 * Immutable and thread-safe.
 *
 * @param verifier       the token verifier
 * @param realm          the realm written in challenges (may be empty)
 * @param merchantHeader the request header naming the targeted merchant account
 * @param authorizer     the merchant / access-level / scope decision
 */
public record Settings(TokenVerifier verifier, String realm, String merchantHeader, Authorizer authorizer) {

    /** The request property (servlet request attribute) holding a token already verified for the request. */
    public static final String TOKEN_PROPERTY = "dev.bearerguard.core.VerifiedToken";

    /** @throws NullPointerException if any member is null */
    public Settings {
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(merchantHeader, "merchantHeader");
        Objects.requireNonNull(authorizer, "authorizer");
    }
}
