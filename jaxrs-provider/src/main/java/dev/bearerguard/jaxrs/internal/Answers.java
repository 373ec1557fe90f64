package dev.bearerguard.jaxrs.internal;

import dev.bearerguard.core.BearerChallenge;
import dev.bearerguard.core.BearerError;
import dev.bearerguard.core.BearerHeader;
import dev.bearerguard.core.limit.RateLimitExceeded;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Writes the contract's answers (§3): status, {@code WWW-Authenticate} from {@link
 * BearerChallenge#format}, the JSON body from {@link BearerHeader#errorBody}, and {@code
 * Cache-Control: no-store}, exactly as the servlet filter does. Stateless and thread-safe.
 */
public final class Answers {

    /** As the servlet filter writes it: {@code application/json;charset=UTF-8}. */
    private static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8");

    private Answers() {
    }

    /** The 400, 401 or 403 answer to a bearer error. */
    public static Response of(String realm, BearerError error) {
        return Response.status(error.httpStatus())
                .header(HttpHeaders.WWW_AUTHENTICATE, BearerChallenge.format(realm, error))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .type(JSON)
                .entity(BearerHeader.errorBody(error))
                .build();
    }

    /**
     * The 429 answer to a token over its rate limit: {@code Retry-After} in whole seconds, the JSON
     * body, no challenge (the token is good).
     */
    public static Response tooManyRequests(RateLimitExceeded over) {
        return Response.status(RateLimitExceeded.STATUS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(over.retryAfterSeconds()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .type(JSON)
                .entity(over.body())
                .build();
    }

    /**
     * The 503 answer when the verifier cannot decide (key source or replay store down). No
     * challenge: the caller's credentials are not at fault and it may retry.
     */
    public static Response unavailable() {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .type(JSON)
                .entity(BearerHeader.errorBody(503, "the token cannot be checked right now; try again later"))
                .build();
    }

    /**
     * The 500 answer when verification failed in an unexpected way (a bug, not an outage): a JSON
     * body without a stack trace or exception text, no challenge.
     */
    public static Response failure() {
        return Response.status(Response.Status.INTERNAL_SERVER_ERROR)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .type(JSON)
                .entity(BearerHeader.errorBody(500, "internal error"))
                .build();
    }
}
