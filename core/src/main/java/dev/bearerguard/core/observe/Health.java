package dev.bearerguard.core.observe;

import java.util.List;
import java.util.Objects;

/**
 * Whether a part of the verifier can decide now — a key source with a key set fresh enough, a
 * replay store that answers — for a readiness probe: a server that is not ready answers 503 to
 * tokens, so a load balancer should send it no traffic.
 *
 * <p>Immutable and thread-safe.
 *
 * @param ready    whether it can decide now
 * @param problems why not, one sentence each (sanitised, no secrets); empty when ready
 */
public record Health(boolean ready, List<String> problems) {

    /** Ready, nothing to report. */
    public static final Health READY = new Health(true, List.of());

    /** @throws IllegalArgumentException if a ready health lists problems or an unready one none */
    public Health {
        problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
        if (ready != problems.isEmpty()) {
            throw new IllegalArgumentException("a health lists problems exactly when it is not ready");
        }
    }

    /** Not ready, for {@code problem}. */
    public static Health notReady(String problem) {
        return new Health(false, List.of(problem));
    }

    /** Ready only if every part is; the problems of all of them. */
    public static Health of(Health... parts) {
        List<String> all = new java.util.ArrayList<>();
        for (Health h : parts) {
            all.addAll(h.problems());
        }
        return all.isEmpty() ? READY : new Health(false, all);
    }
}
