package dev.bearerguard.core.replay;

/**
 * Remembers the {@code jti}s the verifier has accepted until the time check would refuse their
 * tokens anyway.
 *
 * <h2>Rules every implementation follows</h2>
 * The abstract {@code ReplayCacheContractTest} (module {@code bearerguard-contract-tests}) checks
 * them; an implementation is done when it passes it against the real store.
 * <ul>
 *   <li><b>Atomic first use.</b> Of any number of concurrent calls with the same {@code jti}
 *       exactly one sees {@link Outcome#FIRST_USE}; the others see {@link Outcome#SAME_TOKEN} or
 *       {@link Outcome#OTHER_TOKEN} by the record's fingerprint.</li>
 *   <li><b>The window boundary.</b> A record lives at least until {@link ReplayRecord#until()} on
 *       the store's clock (the verifier's clock for an in-memory store). A call whose {@code until}
 *       is already reached answers {@link Outcome#EXPIRED} and records nothing, so no token is ever
 *       accepted without a record that outlives its window.</li>
 *   <li><b>Fail closed.</b> A store that cannot decide — full, over a key's fair share, unreachable,
 *       slow past its timeout, or unsure because it lost its data — throws {@link
 *       dev.bearerguard.core.VerifierUnavailableException} (answered 503). It never answers
 *       {@code FIRST_USE} for a {@code jti} it cannot vouch for. A live {@code jti} is still
 *       answered as live when the store is full.</li>
 *   <li><b>Thread-safe</b>, and no token material ({@code jti}, fingerprint) in an exception
 *       message or log line.</li>
 * </ul>
 */
@FunctionalInterface
public interface ReplayCache {

    /** What {@link #record} found. */
    enum Outcome {
        /** The {@code jti} was not live; it is now recorded until the record's {@code until}. */
        FIRST_USE,
        /** The {@code jti} is live and was recorded by the same token (same fingerprint). */
        SAME_TOKEN,
        /** The {@code jti} is live and was recorded by a different token. */
        OTHER_TOKEN,
        /** The record's {@code until} is already reached: nothing was recorded; the token is expired. */
        EXPIRED
    }

    /**
     * Records {@code record.jti()} as used by the token {@code record.fingerprint()} names, unless it
     * is already live.
     *
     * @param record what to remember
     * @return what was found
     * @throws dev.bearerguard.core.VerifierUnavailableException if the cache cannot decide (full,
     *     over the key's share, or its store is unreachable or unsure)
     */
    Outcome record(ReplayRecord record);

    /**
     * Whether the store can answer now (reachable, not lost its data unnoticed), for readiness
     * probes ({@link dev.bearerguard.core.TokenVerifier#health()}). Must be cheap: report what the
     * last calls saw, or a bounded ping. The default — an in-memory store — is always ready.
     */
    default dev.bearerguard.core.observe.Health health() {
        return dev.bearerguard.core.observe.Health.READY;
    }
}
