package dev.bearerguard.jaxrs.internal;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;

/**
 * Reads each resource method's security annotations once, at deployment, and binds its
 * authentication and authorization filters: no reflection per request. An annotation that names
 * an unknown scope or contradicts another fails the deployment. Immutable and thread-safe.
 */
@ConstrainedTo(RuntimeType.SERVER)
public final class PolicyBinder implements DynamicFeature {

    private final Settings settings;

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
        MethodPolicy policy = MethodPolicy.read(type, method, settings.verifier().vocabulary());
        context.register(new AuthenticationFilter(settings, policy), Priorities.AUTHENTICATION);
        context.register(new AuthorizationFilter(settings, policy), Priorities.AUTHORIZATION);
    }
}
