package dev.bearerguard.jaxrs.internal;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Annotation;
import java.util.ArrayList;

/**
 * Fails closed where no method policy was bound (a resource method the runtime did not offer to
 * the {@code DynamicFeature}): such a request needs a valid token, as an unannotated method does.
 * Registered globally just after {@code Priorities.AUTHENTICATION}; costs one property read when
 * the method's own filter ran.
 *
 * <p>It also guards the {@code OPTIONS} answers a runtime writes by itself. Jersey routes an
 * {@code OPTIONS} request without an {@code @OPTIONS} method to a generated resource method, which
 * the request filter above sees; RESTEasy answers it while matching, before any post-matching
 * request filter runs. So, as a response filter, an {@code OPTIONS} answer that no Bearerguard
 * filter decided on is asked of the guard as an unannotated method would be, and replaced by the
 * refusal if the token does not pass: the same 401 on every runtime.
 *
 * <p>Immutable and thread-safe.
 */
@ConstrainedTo(RuntimeType.SERVER)
public final class SafetyNetFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Annotation[] NO_ANNOTATIONS = new Annotation[0];

    private final GuardFilter guard;

    /** @param settings the feature's settings */
    public SafetyNetFilter(Settings settings) {
        this.guard = new GuardFilter(settings, MethodPolicy.authenticated("(resource method without a bound policy)"));
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getProperty(GuardFilter.DECIDED_PROPERTY) == null) {
            guard.filter(request);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(GuardFilter.DECIDED_PROPERTY) != null
                || !HttpMethod.OPTIONS.equals(request.getMethod())) {
            return;
        }
        // The request has its answer already and can no longer be aborted: ask the guard, and
        // replace the answer with the refusal if there is one.
        Response refusal = guard.refusalOrNull(request);
        if (refusal != null) {
            response.setStatus(refusal.getStatus());
            response.getHeaders().clear(); // the runtime's Allow header included: it was not the caller's to see
            refusal.getHeaders().forEach((name, values) -> response.getHeaders().put(name, new ArrayList<>(values)));
            response.setEntity(refusal.getEntity(), NO_ANNOTATIONS, refusal.getMediaType());
        }
    }
}
