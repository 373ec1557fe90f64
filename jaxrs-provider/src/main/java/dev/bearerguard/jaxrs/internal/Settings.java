package dev.bearerguard.jaxrs.internal;

import dev.bearerguard.core.Authorizer;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.http.RequestGuard;
import dev.bearerguard.core.limit.RateLimiter;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What {@code BearerguardFeature} was configured with, shared by its filters and mappers: the
 * core's {@link RequestGuard}, which makes every per-request decision. Immutable and thread-safe.
 *
 * @param guard the request guard
 */
public record Settings(RequestGuard guard) {

    /** The request property (servlet request attribute) holding a token already verified for the request. */
    public static final String TOKEN_PROPERTY = RequestGuard.TOKEN_ATTRIBUTE;

    /** @throws NullPointerException if the guard is null */
    public Settings {
        Objects.requireNonNull(guard, "guard");
    }

    /**
     * The defaults for {@code verifier}: realm {@code api}, the reference merchant header, default
     * authorizer, HTTP allowed, rate-limit buckets in memory on the verifier's clock.
     */
    public static Settings defaults(TokenVerifier verifier) {
        return new Settings(RequestGuard.builder(verifier).adapter("jaxrs").build());
    }

    /**
     * A copy with a changed guard (the same rate-limit store unless the change sets another).
     *
     * @throws IllegalArgumentException if the change makes the guard invalid
     */
    public Settings with(UnaryOperator<RequestGuard.Builder> change) {
        return new Settings(change.apply(guard.toBuilder()).build());
    }

    /** The verifier. */
    public TokenVerifier verifier() {
        return guard.verifier();
    }

    /** The realm. */
    public String realm() {
        return guard.realm();
    }

    /** The merchant header. */
    public String merchantHeader() {
        return guard.merchantHeader();
    }

    /** The authorizer. */
    public Authorizer authorizer() {
        return guard.authorizer();
    }

    /** Whether HTTPS is required. */
    public boolean requireHttps() {
        return guard.requireHttps();
    }

    /** Whether the last X-Forwarded-Proto counts. */
    public boolean trustForwardedProto() {
        return guard.trustForwardedProto();
    }

    /** The rate-limit store. */
    public RateLimiter rateLimiter() {
        return guard.rateLimiter();
    }
}
