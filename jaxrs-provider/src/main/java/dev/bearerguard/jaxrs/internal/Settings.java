package dev.bearerguard.jaxrs.internal;

import dev.bearerguard.core.Authorizer;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.limit.InMemoryRateLimiter;
import dev.bearerguard.core.limit.RateLimiter;
import java.util.Objects;

/**
 * What {@code BearerguardFeature} was configured with, shared by its filters and mappers.
 * Immutable and thread-safe.
 *
 * @param verifier       the token verifier
 * @param realm          the realm written in challenges (may be empty)
 * @param merchantHeader the request header naming the targeted merchant account
 * @param authorizer     the merchant / access-level / scope decision
 * @param requireHttps   whether requests that did not arrive over TLS are refused (400)
 * @param trustForwardedProto with {@code requireHttps}: whether the last {@code X-Forwarded-Proto}
 *                       value {@code https} also counts as TLS (behind a proxy that sets it)
 * @param rateLimiter    the store of {@code @RateLimited} buckets
 */
public record Settings(TokenVerifier verifier, String realm, String merchantHeader, Authorizer authorizer,
        boolean requireHttps, boolean trustForwardedProto, RateLimiter rateLimiter) {

    /** The request property (servlet request attribute) holding a token already verified for the request. */
    public static final String TOKEN_PROPERTY = "dev.bearerguard.core.VerifiedToken";

    /** @throws NullPointerException if any member is null */
    public Settings {
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(merchantHeader, "merchantHeader");
        Objects.requireNonNull(authorizer, "authorizer");
        Objects.requireNonNull(rateLimiter, "rateLimiter");
        if (trustForwardedProto && !requireHttps) {
            throw new IllegalArgumentException("trusting X-Forwarded-Proto only makes sense when HTTPS is required");
        }
    }

    /**
     * The defaults for {@code verifier}: realm {@code api}, the reference merchant header, default
     * authorizer, HTTP allowed, rate-limit buckets in memory on the verifier's clock.
     */
    public static Settings defaults(TokenVerifier verifier, String merchantHeader) {
        return new Settings(verifier, "api", merchantHeader, Authorizer.defaults(), false, false,
                InMemoryRateLimiter.create(verifier.clock()));
    }

    /** A copy with another rate limiter. */
    public Settings withRateLimiter(RateLimiter r) {
        return new Settings(verifier, realm, merchantHeader, authorizer, requireHttps, trustForwardedProto, r);
    }

    /** A copy with another realm. */
    public Settings withRealm(String realm) {
        return new Settings(verifier, realm, merchantHeader, authorizer, requireHttps, trustForwardedProto, rateLimiter);
    }

    /** A copy with another merchant header. */
    public Settings withMerchantHeader(String header) {
        return new Settings(verifier, realm, header, authorizer, requireHttps, trustForwardedProto, rateLimiter);
    }

    /** A copy with another authorizer. */
    public Settings withAuthorizer(Authorizer a) {
        return new Settings(verifier, realm, merchantHeader, a, requireHttps, trustForwardedProto, rateLimiter);
    }

    /** A copy with other HTTPS rules. */
    public Settings withHttps(boolean require, boolean trustForwarded) {
        return new Settings(verifier, realm, merchantHeader, authorizer, require, trustForwarded, rateLimiter);
    }

}
