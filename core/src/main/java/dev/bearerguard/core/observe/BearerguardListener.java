package dev.bearerguard.core.observe;

import java.util.List;
import java.util.Objects;

/**
 * Where the verifier, the request guard of both adapters, the replay store and the key sources
 * report what they decided, for metrics and audit logs: one interface, every method a no-op by
 * default, so a binding overrides what it needs. {@link #NONE} is the default everywhere and costs
 * nothing on the hot path (no clock is read, no event is made, when it is the listener).
 *
 * <h2>Rules every listener follows</h2>
 * Called on the request thread, synchronously: return quickly and never block (hand slow work to
 * your own executor). Never throw: an exception from a listener is caught and dropped by the
 * caller, so a broken metrics binding can never refuse or accept a request. Thread-safe. Events
 * carry no token, signature or secret; their {@code kid}, {@code jti} and {@code iss} come from
 * tokens (unverified ones for refusals) and go through {@link dev.bearerguard.core.Sanitizer}
 * before they are logged.
 */
public interface BearerguardListener {

    /** The listener that does nothing (the default). */
    BearerguardListener NONE = new BearerguardListener() {
        @Override
        public String toString() {
            return "BearerguardListener.NONE";
        }
    };

    /** A token was verified: accepted, refused or unavailable, with its timing. */
    default void verified(VerificationEvent event) {
    }

    /** The replay store answered a record, or failed to. */
    default void replayRecorded(ReplayEvent event) {
    }

    /** An adapter's request guard answered a request. */
    default void requestDecided(RequestEvent event) {
    }

    /** A key source loaded, refreshed or failed to refresh its keys, or met an unknown {@code kid}. */
    default void keySource(KeySourceEvent event) {
    }

    /**
     * A listener that tells each of {@code listeners}, in order; one that throws does not stop the
     * others.
     */
    static BearerguardListener all(BearerguardListener... listeners) {
        List<BearerguardListener> list = List.of(listeners);
        list.forEach(l -> Objects.requireNonNull(l, "listener"));
        if (list.isEmpty()) {
            return NONE;
        }
        if (list.size() == 1) {
            return list.get(0);
        }
        return new BearerguardListener() {
            @Override
            public void verified(VerificationEvent event) {
                for (BearerguardListener l : list) {
                    Listeners.safely(() -> l.verified(event));
                }
            }

            @Override
            public void replayRecorded(ReplayEvent event) {
                for (BearerguardListener l : list) {
                    Listeners.safely(() -> l.replayRecorded(event));
                }
            }

            @Override
            public void requestDecided(RequestEvent event) {
                for (BearerguardListener l : list) {
                    Listeners.safely(() -> l.requestDecided(event));
                }
            }

            @Override
            public void keySource(KeySourceEvent event) {
                for (BearerguardListener l : list) {
                    Listeners.safely(() -> l.keySource(event));
                }
            }
        };
    }
}
