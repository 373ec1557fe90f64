package dev.bearerguard.core;

import java.util.Objects;

/**
 * One finding of {@link TokenVerifier#explain}: what one step of the verification pipeline made of
 * the token. The message names what was checked, never the token or a secret (claim values that
 * the token holds may appear in it, sanitised, since the person explaining a token holds it).
 *
 * <p>Immutable and thread-safe.
 *
 * @param status  passed, failed, not checked (an earlier step failed, or the step records state) or
 *                unavailable (a key source or store could not answer)
 * @param step    the step's name ({@code header}, {@code key}, {@code window}, {@code signature} …)
 * @param reason  for {@link Status#FAILED}, the reason {@code verify} would refuse with; else null
 * @param message what the step found, in a sentence
 */
public record Finding(Status status, String step, Reason reason, String message) {

    /** What a step made of the token. */
    public enum Status {
        /** The step ran and the token passed it. */
        PASSED,
        /** The step ran and the token fails it: {@code verify} refuses such a token. */
        FAILED,
        /** The step could not run (what it needs is missing), or does not run when explaining. */
        NOT_CHECKED,
        /** The step could not decide: a key source or store did not answer ({@code verify}: 503). */
        UNAVAILABLE
    }

    /** @throws IllegalArgumentException if a failed finding has no reason, or another has one */
    public Finding {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(message, "message");
        if ((status == Status.FAILED) != (reason != null)) {
            throw new IllegalArgumentException("a reason goes with a failed finding, and only with one");
        }
    }

    @Override
    public String toString() {
        return status.name().toLowerCase(java.util.Locale.ROOT) + " " + step + ": " + message
                + (reason != null ? " (" + reason.value() + ")" : "");
    }
}
