package dev.bearerguard.replay.redis;

import dev.bearerguard.core.replay.ReplayStore;
import dev.bearerguard.core.replay.ReplayStoreProvider;
import dev.bearerguard.core.replay.ReplayStoreRequest;
import java.util.Set;

/**
 * Opens {@link RedisReplayStore}s for {@code ReplayStores.open}: the schemes {@code redis},
 * {@code rediss} (TLS), {@code redis-sentinel}, {@code rediss-sentinel}, {@code redis-cluster} and
 * {@code rediss-cluster}, with the options of {@link RedisReplayStore#builder} in the query and the
 * request's password and clock. Listed in {@code META-INF/services}.
 *
 * <p>Thread-safe.
 */
public final class RedisStoreProvider implements ReplayStoreProvider {

    /** For {@link java.util.ServiceLoader}. */
    public RedisStoreProvider() {
    }

    @Override
    public Set<String> schemes() {
        return RedisLocation.SCHEMES;
    }

    @Override
    public ReplayStore open(ReplayStoreRequest request) {
        RedisReplayStore.Builder b = RedisReplayStore.builder(request.location()).clock(request.clock());
        request.password().ifPresent(b::password);
        return b.build();
    }
}
