package dev.bearerguard.core.internal.pipeline;

import java.time.Duration;
import java.time.Instant;

/**
 * The time window of the contract, in one place: a token is valid from {@code nbf − skew} until
 * {@code exp + skew}, with a fractional {@code nbf} rounded down and a fractional {@code exp}
 * rounded up to the whole second. The same {@link #acceptedUntil} is the end of the window for the
 * time check and the end of the token's replay record, so no token is accepted after its record is
 * gone.
 *
 * <p>Immutable and thread-safe.
 */
public final class TimeWindow {

    private final long skewSeconds;

    /** @param skew the clock skew allowed at both ends, whole seconds */
    public TimeWindow(Duration skew) {
        this.skewSeconds = skew.getSeconds();
    }

    /** The first instant at which a token expiring at {@code exp} is refused as expired. */
    public Instant acceptedUntil(Instant exp) {
        long up = exp.getEpochSecond() + (exp.getNano() > 0 ? 1 : 0);
        // exp is below 10^11 s (the milliseconds check), so this cannot overflow.
        return Instant.ofEpochSecond(up + skewSeconds);
    }

    /**
     * The first instant at which a token valid from {@code nbf} is accepted: {@code nbf} in whole
     * seconds minus the skew, the same rule as {@link #notYetValid}. A replay store that lost its
     * data compares it with the moment of the loss: a token whose {@code nbf} lies up to one skew
     * after the loss may have been accepted (and recorded) before it.
     */
    public Instant acceptedFrom(Instant nbf) {
        return Instant.ofEpochSecond(nbf.getEpochSecond() - skewSeconds);
    }

    /** Whether a token expiring at {@code exp} is expired at {@code now}. */
    public boolean expired(Instant now, Instant exp) {
        return !now.isBefore(acceptedUntil(exp));
    }

    /** Whether a token valid from {@code nbf} (null: no {@code nbf}) is not yet valid at {@code now}. */
    public boolean notYetValid(Instant now, Instant nbf) {
        return nbf != null && now.getEpochSecond() + skewSeconds < nbf.getEpochSecond();
    }
}
