package dev.bearerguard.core.replay;

import dev.bearerguard.core.Sanitizer;
import dev.bearerguard.core.limit.InMemoryRateLimiter;
import java.util.Set;

/**
 * {@code memory:} — the replay cache and rate limiter of this process ({@link CaffeineReplayCache},
 * {@link InMemoryRateLimiter}), with their defaults; for one instance only. Found by {@link
 * ReplayStores} like any other provider.
 *
 * <p>Thread-safe.
 */
public final class InMemoryStoreProvider implements ReplayStoreProvider {

    /** For {@link java.util.ServiceLoader}. */
    public InMemoryStoreProvider() {
    }

    @Override
    public Set<String> schemes() {
        return Set.of("memory");
    }

    /** @throws IllegalArgumentException if the location is more than {@code memory:} */
    @Override
    public ReplayStore open(ReplayStoreRequest request) {
        String rest = request.location().substring(request.location().indexOf(':') + 1);
        if (!rest.isEmpty() && !rest.equals("//")) {
            throw new IllegalArgumentException("the in-memory replay store takes no options: write `memory:`, not `"
                    + Sanitizer.text(request.location()) + "`");
        }
        return ReplayStore.of(CaffeineReplayCache.create(request.clock(), CaffeineReplayCache.DEFAULT_MAXIMUM_SIZE),
                InMemoryRateLimiter.create(request.clock()));
    }
}
