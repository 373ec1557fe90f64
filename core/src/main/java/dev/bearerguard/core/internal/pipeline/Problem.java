package dev.bearerguard.core.internal.pipeline;

import dev.bearerguard.core.Reason;
import java.util.Objects;

/**
 * What a check found wrong with a token: the machine-readable reason and a description that never
 * holds the token or a claim's value.
 *
 * @param reason      the reason
 * @param description the description (RFC 6750 characters only)
 */
public record Problem(Reason reason, String description) {

    /** @throws NullPointerException if either is null */
    public Problem {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(description, "description");
    }
}
