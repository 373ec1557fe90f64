package dev.bearerguard.core.observe;

import dev.bearerguard.core.Reason;
import dev.bearerguard.core.VerifierUnavailableException;
import java.util.Objects;

/**
 * One request answered by an adapter's request guard, as {@link BearerguardListener#requestDecided}
 * hears of it: the fields of the audit log.
 *
 * <p>Immutable and thread-safe.
 *
 * @param adapter the adapter ({@code servlet}, {@code jaxrs})
 * @param method  the HTTP method
 * @param path    the path inside the application (untrusted text)
 * @param status  the status answered (200 for a request let through)
 * @param outcome what the guard decided
 * @param reason  for a refusal, why; else null
 * @param kid     the token's {@code kid}, when read; else null
 * @param jti     the token's {@code jti}, when read; else null
 * @param iss     the token's {@code iss}, when read; else null
 * @param unavailable for {@link Outcome#UNAVAILABLE}, which part of the server failed; else null
 */
public record RequestEvent(String adapter, String method, String path, int status, Outcome outcome, Reason reason,
        String kid, String jti, String iss, VerifierUnavailableException.Kind unavailable) {

    /** What the guard decided. */
    public enum Outcome {
        /** Let through with a verified token. */
        ACCEPTED,
        /** Let through without looking for a token (a public operation). */
        PUBLIC,
        /** Refused: 400, 401 or 403. */
        REFUSED,
        /** The server could not decide: 503. */
        UNAVAILABLE,
        /** Over the token's rate limit: 429. */
        RATE_LIMITED,
        /** A seam failed unexpectedly (a bug, not an outage): 500. */
        FAILED
    }

    /**
     * @throws NullPointerException     if the adapter, method, path or outcome is null
     * @throws IllegalArgumentException if an unavailable answer has no kind, or another outcome has one
     */
    public RequestEvent {
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == Outcome.UNAVAILABLE) != (unavailable != null)) {
            throw new IllegalArgumentException("a kind of failure goes with an unavailable answer, and only with one");
        }
    }

    /** An event whose unavailable answer (if it is one) is of kind {@link VerifierUnavailableException.Kind#OTHER}. */
    public RequestEvent(String adapter, String method, String path, int status, Outcome outcome, Reason reason,
            String kid, String jti, String iss) {
        this(adapter, method, path, status, outcome, reason, kid, jti, iss,
                outcome == Outcome.UNAVAILABLE ? VerifierUnavailableException.Kind.OTHER : null);
    }
}
