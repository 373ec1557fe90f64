package dev.bearerguard.core.observe;

import dev.bearerguard.core.replay.ReplayCache;

/**
 * One call of the replay store, as {@link BearerguardListener#replayRecorded} hears of it.
 *
 * @param outcome what the store answered; null when it failed (threw)
 * @param kid     the key whose token was recorded
 * @param nanos   how long the store took, in nanoseconds
 */
public record ReplayEvent(ReplayCache.Outcome outcome, String kid, long nanos) {

    /** Whether the store failed to answer (full, over the key's share, down, timed out). */
    public boolean failed() {
        return outcome == null;
    }
}
