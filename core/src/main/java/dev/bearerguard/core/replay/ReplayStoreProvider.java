package dev.bearerguard.core.replay;

import java.util.Set;

/**
 * Opens {@link ReplayStore}s of one kind from a location such as {@code redis://10.0.0.5:6379/0},
 * found through {@link java.util.ServiceLoader} by {@link ReplayStores#open}: a module such as
 * {@code bearerguard-replay-redis} lists its provider in {@code
 * META-INF/services/dev.bearerguard.core.replay.ReplayStoreProvider}, so the adapters configure a
 * shared store by a string and need no code of it. Core itself provides {@code memory:} (this
 * process only).
 *
 * <p>Implementations are thread-safe and have a public no-argument constructor.
 */
public interface ReplayStoreProvider {

    /**
     * The URI schemes this provider opens, lower case (e.g. {@code redis}, {@code rediss}); no two
     * installed providers share one.
     */
    Set<String> schemes();

    /**
     * Opens the store at {@code request.location()}, whose scheme is one of {@link #schemes()}.
     * It may connect lazily; it must not block longer than its connect timeout.
     *
     * @param request the location, the clock and the password
     * @return the store
     * @throws IllegalArgumentException if the location or an option in it is wrong, naming what
     *     is wrong (never a password)
     */
    ReplayStore open(ReplayStoreRequest request);
}
