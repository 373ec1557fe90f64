package dev.bearerguard.core.observe;

import dev.bearerguard.core.VerifierUnavailableException;
import dev.bearerguard.core.replay.ReplayCache;

/**
 * One call of the replay store, as {@link BearerguardListener#replayRecorded} hears of it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param outcome what the store answered; null when it failed (threw)
 * @param kid     the key whose token was recorded
 * @param nanos   how long the store took, in nanoseconds
 * @param failure when the store failed, how ({@link VerifierUnavailableException#kind()}, or {@link
 *                VerifierUnavailableException.Kind#OTHER} for any other exception); else null
 */
public record ReplayEvent(ReplayCache.Outcome outcome, String kid, long nanos, VerifierUnavailableException.Kind failure) {

    /** @throws IllegalArgumentException unless exactly one of the outcome and the failure is given */
    public ReplayEvent {
        if ((outcome == null) == (failure == null)) {
            throw new IllegalArgumentException("a replay event has an outcome or a failure, not both");
        }
    }

    /** An answer of the store (no failure). */
    public ReplayEvent(ReplayCache.Outcome outcome, String kid, long nanos) {
        this(outcome, kid, nanos, outcome == null ? VerifierUnavailableException.Kind.OTHER : null);
    }

    /** Whether the store failed to answer (full, over the key's share, down, timed out). */
    public boolean failed() {
        return outcome == null;
    }
}
