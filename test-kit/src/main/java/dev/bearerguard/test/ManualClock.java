package dev.bearerguard.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A {@link Clock} a test moves by hand, so that no test depends on the wall clock: the code under
 * test reads it, the test {@link #advance}s or {@link #set}s it. Always in UTC.
 *
 * <p>Thread-safe: request and worker threads may read it while the test moves it (the reading is
 * volatile; concurrent {@code advance} calls add up).
 */
public final class ManualClock extends Clock {

    private volatile Instant now;

    /** @param start the first reading */
    public ManualClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /** Starts at 2026-03-01T10:00:00Z. */
    public ManualClock() {
        this(Instant.parse("2026-03-01T10:00:00Z"));
    }

    /** Moves the clock forward (or, with a negative {@code d}, back) by {@code d}. */
    public synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    /** Sets the reading to {@code instant}. */
    public synchronized void set(Instant instant) {
        now = Objects.requireNonNull(instant, "instant");
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** This clock itself: it is always UTC, and a copy in another zone would stop moving with it. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
