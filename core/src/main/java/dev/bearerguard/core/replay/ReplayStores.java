package dev.bearerguard.core.replay;

import dev.bearerguard.core.Sanitizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Opens a {@link ReplayStore} from its location — the one entry point every configuration (web.xml,
 * the sample's {@code --replay-store}, code) goes through, so a shared store such as Redis plugs in
 * by putting its module on the class path: {@code replay-store = redis://127.0.0.1:6379/0}.
 *
 * <p>The installed {@link ReplayStoreProvider}s are found with {@link ServiceLoader}, through the
 * thread's context class loader (a web application's) and this class's own. Core provides {@code
 * memory:}, the in-memory cache and rate limiter of this process.
 *
 * <p>Stateless and thread-safe.
 */
public final class ReplayStores {

    private ReplayStores() {
    }

    /**
     * Opens the store {@code request} names.
     *
     * @param request the location, clock and password
     * @return the store; close it when the application stops
     * @throws IllegalArgumentException if no installed provider opens the location's scheme (naming
     *     the schemes that are installed), or the provider refuses the location
     */
    public static ReplayStore open(ReplayStoreRequest request) {
        Map<String, ReplayStoreProvider> providers = providers();
        ReplayStoreProvider p = providers.get(request.scheme());
        if (p == null) {
            throw new IllegalArgumentException("no replay store is installed for `" + Sanitizer.field(request.scheme())
                    + ":` (installed: " + String.join(", ", providers.keySet())
                    + (request.scheme().startsWith("redis") ? "; put bearerguard-replay-redis on the class path" : "")
                    + ")");
        }
        return p.open(request);
    }

    /** The schemes of the installed providers, sorted ({@code memory, redis, rediss, …}). */
    public static List<String> schemes() {
        return new ArrayList<>(providers().keySet());
    }

    private static Map<String, ReplayStoreProvider> providers() {
        Map<String, ReplayStoreProvider> out = new TreeMap<>();
        List<ClassLoader> loaders = new ArrayList<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            loaders.add(context);
        }
        if (ReplayStores.class.getClassLoader() != context) {
            loaders.add(ReplayStores.class.getClassLoader());
        }
        for (ClassLoader loader : loaders) {
            try {
                for (ReplayStoreProvider p : ServiceLoader.load(ReplayStoreProvider.class, loader)) {
                    for (String scheme : p.schemes()) {
                        out.putIfAbsent(scheme, p);
                    }
                }
            } catch (ServiceConfigurationError e) {
                throw new IllegalStateException("a replay store provider could not be loaded: " + e.getMessage(), e);
            }
        }
        return out;
    }
}
