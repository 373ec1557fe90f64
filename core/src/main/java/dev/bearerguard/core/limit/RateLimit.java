package dev.bearerguard.core.limit;

import dev.bearerguard.core.DurationSyntax;
import dev.bearerguard.core.VerifiedToken;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How many requests one token may make to one operation: a bucket of {@code requests} that refills
 * {@code requests} every {@code per}, smoothly (50 a minute gives one back every 1.2 s). The
 * contract ({@code docs/contract.md} §1.6) lets an API cap how often one browser token calls
 * payment-creating operations; past the cap the answer is {@code 429} with {@code Retry-After}.
 *
 * <p>Text form ({@link #parse}): {@code 50/1m}, the duration in the project's one syntax ({@link
 * DurationSyntax}: {@code 30s}, {@code 1m}, {@code 1h}, {@code PT1M}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param requests how many requests a full bucket holds, 1 to 1 000 000
 * @param per      how long the bucket takes to refill completely, 1 second to 1 day
 */
public record RateLimit(long requests, Duration per) {

    /** @throws IllegalArgumentException if {@code requests} or {@code per} is out of range */
    public RateLimit {
        Objects.requireNonNull(per, "per");
        if (requests < 1 || requests > 1_000_000) {
            throw new IllegalArgumentException("a rate limit allows 1 to 1000000 requests, not " + requests);
        }
        if (per.compareTo(Duration.ofSeconds(1)) < 0 || per.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("a rate limit's period is 1s to 1d, not " + per);
        }
    }

    /**
     * Reads {@code REQUESTS/DURATION}, e.g. {@code 50/1m}.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static RateLimit parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        int slash = t.indexOf('/');
        if (slash <= 0 || slash == t.length() - 1) {
            throw new IllegalArgumentException("a rate limit is REQUESTS/DURATION, e.g. 50/1m");
        }
        long n;
        try {
            n = Long.parseLong(t.substring(0, slash));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a rate limit is REQUESTS/DURATION, e.g. 50/1m: the count is not a whole number");
        }
        return new RateLimit(n, DurationSyntax.parse(t.substring(slash + 1)));
    }

    /**
     * The decision both adapters make for an operation this limit marks: one request of {@code
     * token} is taken from its bucket for {@code operation} (kept by {@code limiter}, keyed by the
     * operation and {@link VerifiedToken#identity()}: the token's {@code kid} and {@code jti}, or
     * its fingerprint).
     *
     * @param limiter   the store of buckets
     * @param token     the verified token
     * @param operation names the operation (its own bucket per token), e.g. {@code POST /transactions}
     * @return empty to go on; otherwise the 429 answer
     * @throws dev.bearerguard.core.VerifierUnavailableException if the limiter's store cannot be
     *     reached (answer 503)
     */
    public Optional<RateLimitExceeded> check(RateLimiter limiter, VerifiedToken token, String operation) {
        Objects.requireNonNull(limiter, "limiter");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(operation, "operation");
        String key = operation.length() + ":" + operation + ":" + token.identity();
        RateLimiter.Outcome outcome = limiter.tryAcquire(key, this);
        return outcome.allowed() ? Optional.empty() : Optional.of(new RateLimitExceeded(outcome.retryAfter()));
    }

    /** {@code 50/PT1M}. */
    @Override
    public String toString() {
        return requests + "/" + per;
    }
}
