package dev.bearerguard.jaxrs.internal;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

/**
 * Fails closed where no method policy was bound (a resource method the runtime did not offer to
 * the {@code DynamicFeature}): such a request needs a valid token, as an unannotated method does.
 * Registered globally just after {@code Priorities.AUTHENTICATION}; costs one property read when
 * the method's own filters ran. Immutable and thread-safe.
 */
@ConstrainedTo(RuntimeType.SERVER)
public final class SafetyNetFilter implements ContainerRequestFilter {

    private final AuthenticationFilter authentication;
    private final AuthorizationFilter authorization;

    /** @param settings the feature's settings */
    public SafetyNetFilter(Settings settings) {
        MethodPolicy policy = MethodPolicy.authenticated("(resource method without a bound policy)");
        this.authentication = new AuthenticationFilter(settings, policy);
        this.authorization = new AuthorizationFilter(settings, policy);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getProperty(AuthenticationFilter.DECIDED_PROPERTY) != null) {
            return;
        }
        if (authentication.authenticate(request)) {
            authorization.authorize(request);
        }
    }
}
