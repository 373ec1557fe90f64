package dev.bearerguard.core.limit;

import java.time.Duration;
import java.util.Objects;

/**
 * The store of rate-limit buckets, one per key: the seam behind per-token rate limits ({@link
 * RateLimit#check}). The default, {@link InMemoryRateLimiter}, keeps them in this process; several
 * server instances share one store (the one that holds their replay records), e.g. Bucket4j's
 * Lettuce-based proxy manager: {@code proxyManager.builder().build(key, () -> configurationOf(limit))
 * .tryConsumeAndReturnRemaining(1)} answers exactly what {@link #tryAcquire} needs.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface RateLimiter {

    /**
     * Takes one request from the bucket {@code key}, made for {@code limit} when it does not exist
     * yet. One key always comes with the same limit.
     *
     * @param key   the bucket's key (an operation and a token; not a secret, but do not log it)
     * @param limit the bucket's size and refill
     * @return whether the request may go on, and if not, how long until it could
     * @throws dev.bearerguard.core.VerifierUnavailableException if the store cannot be reached:
     *     the adapters answer 503, never letting the request through unlimited
     */
    Outcome tryAcquire(String key, RateLimit limit);

    /**
     * What {@link #tryAcquire} decided.
     *
     * @param allowed    whether the request may go on
     * @param retryAfter when refused, how long until the bucket holds a request again (positive);
     *                   {@link Duration#ZERO} when allowed
     */
    record Outcome(boolean allowed, Duration retryAfter) {

        private static final Outcome ALLOWED = new Outcome(true, Duration.ZERO);

        /** @throws IllegalArgumentException if a refusal has no positive wait, or a permit has one */
        public Outcome {
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (allowed != retryAfter.isZero() || retryAfter.isNegative()) {
                throw new IllegalArgumentException("a refusal waits a positive time, a permit none");
            }
        }

        /** The request may go on. */
        public static Outcome allow() {
            return ALLOWED;
        }

        /** The request is refused; the bucket holds one again after {@code retryAfter}. */
        public static Outcome refuse(Duration retryAfter) {
            return new Outcome(false, retryAfter);
        }
    }
}
