package dev.bearerguard.replay.redis;

import dev.bearerguard.core.VerifierUnavailableException;
import dev.bearerguard.core.limit.RateLimit;
import dev.bearerguard.core.limit.RateLimiter;
import dev.bearerguard.core.limit.Buckets;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import java.time.Duration;
import java.util.Objects;

/**
 * The rate-limit buckets of a {@link RedisReplayStore}, shared by every instance: Bucket4j's
 * compare-and-swap proxy manager on the store's Lettuce connection, on the verifier's clock. A
 * bucket is the key {@code <prefix>l:<digest of the bucket's key>}, and expires once it would be
 * full again. A store that cannot answer fails closed (503), never letting a request through
 * unlimited.
 *
 * <p>Thread-safe.
 */
final class RedisRateLimiter implements RateLimiter {

    /** A bucket lives until it would have refilled completely (plus a second), then is full anyway. */
    static final ExpirationAfterWriteStrategy EXPIRY =
            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(1));

    private final RedisReplayStore store;

    RedisRateLimiter(RedisReplayStore store) {
        this.store = store;
    }

    @Override
    public Outcome tryAcquire(String key, RateLimit limit) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(limit, "limit");
        RedisReplayStore.Link link = store.link();
        byte[] name = Keys.bytes(store.settings.prefix() + "l:" + Keys.b64(Keys.digest(key)));
        BucketConfiguration configuration = Buckets.configuration(limit);
        ConsumptionProbe probe;
        try {
            probe = link.buckets().builder().build(name, () -> configuration).tryConsumeAndReturnRemaining(1);
        } catch (VerifierUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new VerifierUnavailableException("the rate-limit store failed: " + RedisReplayStore.describe(e), e);
        }
        if (probe.isConsumed()) {
            return Outcome.allow();
        }
        return Outcome.refuse(Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill())));
    }
}
