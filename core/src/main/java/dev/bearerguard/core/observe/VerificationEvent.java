package dev.bearerguard.core.observe;

import dev.bearerguard.core.Reason;
import dev.bearerguard.core.VerifierUnavailableException;
import java.util.Objects;

/**
 * One token verification, as {@link BearerguardListener#verified} hears of it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param outcome     accepted, refused (the token's fault) or unavailable (the server's)
 * @param reason      for a refusal, why; else null
 * @param kid         the {@code kid} the token named, when it was read (unverified for refusals); else null
 * @param cached      whether the verified-token cache answered (no signature math)
 * @param nanos       how long the verification took, in nanoseconds
 * @param unavailable for an unavailable answer, which part of the server failed; else null
 */
public record VerificationEvent(Outcome outcome, Reason reason, String kid, boolean cached, long nanos,
        VerifierUnavailableException.Kind unavailable) {

    /** How a verification ended. */
    public enum Outcome {
        /** The token passed every check. */
        ACCEPTED,
        /** The token is at fault (401). */
        REFUSED,
        /** The server could not decide (503): key source or replay store down, store full. */
        UNAVAILABLE
    }

    /**
     * @throws IllegalArgumentException if a refusal has no reason or another outcome has one, or an
     *                                  unavailable answer has no kind or another outcome has one
     */
    public VerificationEvent {
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == Outcome.REFUSED) != (reason != null)) {
            throw new IllegalArgumentException("a reason goes with a refusal, and only with one");
        }
        if ((outcome == Outcome.UNAVAILABLE) != (unavailable != null)) {
            throw new IllegalArgumentException("a kind of failure goes with an unavailable answer, and only with one");
        }
    }

    /**
     * An event whose unavailable answer (if it is one) is of kind {@link VerifierUnavailableException.Kind#OTHER}.
     *
     * @throws IllegalArgumentException if a refusal has no reason or another outcome has one
     */
    public VerificationEvent(Outcome outcome, Reason reason, String kid, boolean cached, long nanos) {
        this(outcome, reason, kid, cached, nanos,
                outcome == Outcome.UNAVAILABLE ? VerifierUnavailableException.Kind.OTHER : null);
    }
}
