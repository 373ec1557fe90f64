package dev.bearerguard.jaxrs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A per-token rate limit on a resource method: each token (by its key's {@code kid} and its {@code
 * jti}, or its fingerprint without {@code jti}) may make {@link #requests()} calls to the method per
 * {@link #per()}, from a bucket that refills smoothly (50 a minute gives one back every 1.2 s).
 * Past it the feature answers {@code 429 Too Many Requests} with {@code Retry-After} in whole
 * seconds, the JSON error body, {@code Cache-Control: no-store} and no {@code WWW-Authenticate}.
 *
 * <pre>{@code
 * @POST @RequiresScope(anyOf = {"transactions.write", "embed"})
 * @RateLimited(requests = 50, per = "1m")      // per token, against card enumeration
 * public Response create(NewTx tx) { … }
 * }</pre>
 *
 * <p>The count is taken after the token and its scopes passed, so only requests the method would
 * serve are counted. The method's annotation wins over its class's (a class annotation limits each
 * method on its own). A limit on a {@code @PermitAll} or {@code @DenyAll} method fails the
 * deployment, as does a bad {@link #per()}. The buckets live where the feature's {@link
 * dev.bearerguard.core.limit.RateLimiter} keeps them ({@link BearerguardFeature#rateLimiter}):
 * in memory on the verifier's clock by default.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RateLimited {

    /** How many calls a full bucket holds (1 to 1 000 000). */
    long requests();

    /** How long the bucket takes to refill: {@code 30s}, {@code 1m}, {@code 1h}, {@code PT1M} (1 s to 1 day). */
    String per();
}
