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
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;

/**
 * Fails closed where no method policy was bound (a resource method the runtime did not offer to
 * the {@code DynamicFeature}): such a request needs a valid token, as an unannotated method does.
 * Registered globally just after {@code Priorities.AUTHENTICATION}; costs one property read when
 * the method's own filters ran.
 *
 * <p>It also guards the {@code OPTIONS} answers a runtime writes by itself. Jersey routes an
 * {@code OPTIONS} request without an {@code @OPTIONS} method to a generated resource method, which
 * the request filter above sees; RESTEasy answers it while matching, before any post-matching
 * request filter runs. So, as a response filter, an {@code OPTIONS} answer that no Bearerguard
 * filter decided on is checked as an unannotated method would be, and replaced by the refusal if
 * the token does not pass: the same 401 on every runtime.
 *
 * <p>Immutable and thread-safe.
 */
@ConstrainedTo(RuntimeType.SERVER)
public final class SafetyNetFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Annotation[] NO_ANNOTATIONS = new Annotation[0];

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

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(AuthenticationFilter.DECIDED_PROPERTY) != null
                || !HttpMethod.OPTIONS.equals(request.getMethod())) {
            return;
        }
        // A request can no longer be aborted, nor given a security context, once it has an answer:
        // run the same two checks on a view of it that keeps the refusal instead.
        Response[] refusal = new Response[1];
        ContainerRequestContext view = (ContainerRequestContext) Proxy.newProxyInstance(
                ContainerRequestContext.class.getClassLoader(), new Class<?>[] {ContainerRequestContext.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "abortWith" -> refusal[0] = (Response) args[0];
                        case "setSecurityContext" -> { } // nothing runs after this filter to read it
                        default -> {
                            try {
                                return method.invoke(request, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    }
                    return null;
                });
        if (authentication.authenticate(view)) {
            authorization.authorize(view);
        }
        if (refusal[0] != null) {
            response.setStatus(refusal[0].getStatus());
            response.getHeaders().clear(); // the runtime's Allow header included: it was not the caller's to see
            refusal[0].getHeaders().forEach((name, values) -> response.getHeaders().put(name, new ArrayList<>(values)));
            response.setEntity(refusal[0].getEntity(), NO_ANNOTATIONS, refusal[0].getMediaType());
        }
    }
}
