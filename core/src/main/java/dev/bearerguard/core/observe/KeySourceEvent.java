package dev.bearerguard.core.observe;

import java.time.Instant;
import java.util.Objects;

/**
 * What a key source did, as {@link BearerguardListener#keySource} hears of it.
 *
 * @param source   the source, for a person (a URL without credentials, a folder)
 * @param kind     what happened
 * @param keys     how many keys are in force after it
 * @param loadedAt when the key set in force was loaded (its age is now minus this); null when none
 *                 was ever loaded
 * @param detail   a short, sanitised description (why a fetch failed); may be empty
 */
public record KeySourceEvent(String source, Kind kind, int keys, Instant loadedAt, String detail) {

    /** What happened. */
    public enum Kind {
        /** A fetch or scan loaded a key set (changed or not). */
        LOADED,
        /** A fetch or scan failed; the last good set stays in force (if any). */
        FAILED,
        /** The last good set is older than the allowed staleness: the source now answers 503. */
        STALE,
        /** A token named a {@code kid} the source does not have (refused, maybe after a refresh). */
        UNKNOWN_KID
    }

    /** @throws NullPointerException if the source, kind or detail is null */
    public KeySourceEvent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }
}
