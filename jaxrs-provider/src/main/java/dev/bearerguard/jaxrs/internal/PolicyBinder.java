package dev.bearerguard.jaxrs.internal;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Reads each resource method's security annotations once, at deployment, and binds its
 * guard filter: no reflection per request. An annotation that names
 * an unknown scope or contradicts another fails the deployment. Immutable and thread-safe.
 */
@ConstrainedTo(RuntimeType.SERVER)
public final class PolicyBinder implements DynamicFeature {

    private static final System.Logger LOG = System.getLogger("dev.bearerguard.jaxrs");

    private final Settings settings;
    /**
     * Policies already read. Jersey offers sub-resource methods to dynamic features again when it
     * rebuilds a locator's model at run time; this keeps that from re-reading annotations. Bounded
     * by the application's resource methods.
     */
    private final ConcurrentMap<Key, MethodPolicy> policies = new ConcurrentHashMap<>();

    private record Key(Class<?> type, Method method) {
    }

    /** @param settings the feature's settings */
    public PolicyBinder(Settings settings) {
        this.settings = settings;
    }

    /**
     * @throws IllegalStateException naming the method, when its annotations are refused
     */
    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        Class<?> type = resourceInfo.getResourceClass();
        Method method = resourceInfo.getResourceMethod();
        if (type == null || method == null) {
            return;
        }
        MethodPolicy policy = policies.computeIfAbsent(new Key(type, method), k -> read(type, method));
        context.register(new GuardFilter(settings, policy), Priorities.AUTHENTICATION);
    }

    private MethodPolicy read(Class<?> type, Method method) {
        MethodPolicy policy = MethodPolicy.read(type, method, settings.verifier().vocabulary());
        if (MethodPolicy.isUnannotatedSubResource(type, method)) {
            LOG.log(System.Logger.Level.WARNING, "bearerguard: " + policy.where() + " is a sub-resource method "
                    + "without a security annotation: annotations on its locator do not reach it, so it needs "
                    + "only a valid token; annotate the sub-resource class or method");
        }
        return policy;
    }
}
