package dev.bearerguard.core.observe;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a key source did, as {@link BearerguardListener#keySource} hears of it: the events a metrics
 * binding counts (fetches, failures, unknown-{@code kid} refusals), times (fetch latency) and gauges
 * (keys in force, age of the set: now minus {@code loadedAt}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param source   the source, for a person: a URL without query or credentials, a folder
 * @param kind     what happened
 * @param keys     how many keys are in force after it (0 when none was ever loaded)
 * @param loadedAt when the key set in force was loaded; null when none was ever loaded
 * @param detail   a short, sanitised description: why a load failed, which {@code kid}s a load
 *                 added or removed, how an unknown {@code kid} was answered; may be empty
 * @param elapsed  how long the fetch or scan took ({@link Kind#LOADED}, {@link Kind#FAILED}), measured on
 *                 the monotonic clock; zero for the other kinds — a latency histogram of the key
 *                 service is the first thing an operator asks for when it slows down, and only the
 *                 source knows when its fetch started
 */
public record KeySourceEvent(String source, Kind kind, int keys, Instant loadedAt, String detail, Duration elapsed) {

    /** What happened. */
    public enum Kind {
        /** A fetch or scan loaded a key set (changed or not). */
        LOADED,
        /** A fetch or scan failed; the last good set stays in force (if any). */
        FAILED,
        /** The last good set is older than the allowed staleness: the source now answers 503. */
        STALE,
        /**
         * A token named a {@code kid} the source does not have, and was refused ({@code
         * unknown_key}); {@code detail} says how: {@value KeySourceEvent#CHECKED} (after a refresh,
         * or against a set loaded within the refresh interval), {@value KeySourceEvent#NEGATIVE}
         * (the {@code kid} was found missing moments ago).
         */
        UNKNOWN_KID
    }

    /** {@link Kind#UNKNOWN_KID} detail: refused against a set at most one refresh interval old. */
    public static final String CHECKED = "checked";
    /** {@link Kind#UNKNOWN_KID} detail: refused from the negative cache of {@code kid}s just found missing. */
    public static final String NEGATIVE = "negative-cache";

    /**
     * @throws NullPointerException     if the source, kind, detail or elapsed is null
     * @throws IllegalArgumentException if {@code keys} or {@code elapsed} is negative
     */
    public KeySourceEvent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(elapsed, "elapsed");
        if (keys < 0 || elapsed.isNegative()) {
            throw new IllegalArgumentException("keys and elapsed must not be negative");
        }
    }
}
