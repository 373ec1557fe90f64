package dev.bearerguard.core.limit;

import dev.bearerguard.core.BearerHeader;
import java.time.Duration;
import java.util.Objects;

/**
 * The answer to a request over its token's rate limit, written the same by both adapters: status
 * {@value #STATUS}, {@code Retry-After} in whole seconds, the project's JSON error body, {@code
 * Cache-Control: no-store} and no {@code WWW-Authenticate} (the token is good; it is only early).
 *
 * <p>Immutable and thread-safe.
 *
 * @param retryAfter how long until the bucket holds a request again (positive)
 */
public record RateLimitExceeded(Duration retryAfter) {

    /** {@code 429 Too Many Requests} (RFC 6585 §4). */
    public static final int STATUS = 429;

    /** @throws IllegalArgumentException if {@code retryAfter} is not positive */
    public RateLimitExceeded {
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isZero() || retryAfter.isNegative()) {
            throw new IllegalArgumentException("retry-after must be positive");
        }
    }

    /** The {@code Retry-After} value: the wait rounded up to whole seconds, at least 1 (RFC 9110 §10.2.3). */
    public long retryAfterSeconds() {
        long s = retryAfter.getSeconds();
        return retryAfter.getNano() > 0 ? s + 1 : Math.max(1, s);
    }

    /** The JSON body: {@code {"type":"error","code":"too_many_requests","status":429,"message":…}}. */
    public String body() {
        return BearerHeader.errorBody(STATUS, "too many requests with this token; retry after "
                + retryAfterSeconds() + " s");
    }
}
