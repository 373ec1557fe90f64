package dev.bearerguard.jaxrs.internal;

import dev.bearerguard.core.http.GuardAnswer;
import dev.bearerguard.core.http.Operation;
import dev.bearerguard.core.http.RequestGuard;
import dev.bearerguard.core.http.RequestView;
import dev.bearerguard.core.http.Transport;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Guards one resource method (bound at deployment, runs at {@code Priorities.AUTHENTICATION}): asks
 * the core's {@link RequestGuard} about the request and the method's {@link Operation}, then either
 * aborts with the guard's answer or installs a {@link BearerSecurityContext} (and the request
 * property {@value RequestGuard#TOKEN_ATTRIBUTE}) for the resource. It decides nothing itself.
 * Immutable and thread-safe.
 */
@ConstrainedTo(RuntimeType.SERVER)
public final class GuardFilter implements ContainerRequestFilter {

    /** Set on every request some method's guard filter decided; the safety net checks it. */
    static final String DECIDED_PROPERTY = "dev.bearerguard.jaxrs.decided";

    private final Settings settings;
    private final MethodPolicy policy;
    private final Operation operation;

    /**
     * @param settings the feature's settings
     * @param policy   the method's policy
     */
    public GuardFilter(Settings settings, MethodPolicy policy) {
        this.settings = settings;
        this.policy = policy;
        this.operation = policy.operation();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(DECIDED_PROPERTY, Boolean.TRUE);
        JaxrsRequestView view = new JaxrsRequestView(request);
        GuardAnswer answer = settings.guard().check(view, operation);
        if (!answer.allowed()) {
            request.abortWith(Answers.of(answer));
            return;
        }
        if (answer.token().isPresent()) {
            request.setProperty(RequestGuard.TOKEN_ATTRIBUTE, answer.token().get());
            request.setSecurityContext(new BearerSecurityContext(answer, settings.guard().isHttps(view)));
        }
    }

    /** The answer the guard gives this method's operation, without acting on the request. */
    Response refusalOrNull(ContainerRequestContext request) {
        GuardAnswer answer = settings.guard().check(new JaxrsRequestView(request), operation);
        return answer.allowed() ? null : Answers.of(answer);
    }

    /** What this filter guards, for messages. */
    String where() {
        return policy.where();
    }

    /** A JAX-RS request as the guard reads it. */
    static final class JaxrsRequestView implements RequestView {
        private final ContainerRequestContext request;

        JaxrsRequestView(ContainerRequestContext request) {
            this.request = request;
        }

        @Override
        public String method() {
            return request.getMethod();
        }

        /** The path relative to the application, with one leading slash (runtimes differ on it). */
        @Override
        public String path() {
            String p = request.getUriInfo().getPath(true);
            return p.startsWith("/") ? p : "/" + p;
        }

        @Override
        public List<String> headers(String name) {
            List<String> values = request.getHeaders().get(name);
            return values == null ? List.of() : values;
        }

        /**
         * Jersey and RESTEasy running as servlets expose the connection's cipher suite as a request
         * property ({@value Transport#CIPHER_SUITE_ATTRIBUTE}); never {@code SecurityContext.isSecure()}
         * or the request URI, which a client sets with an absolute-form request target. A runtime
         * without a servlet request cannot say: not TLS.
         */
        @Override
        public boolean tlsConnection() {
            return request.getProperty(Transport.CIPHER_SUITE_ATTRIBUTE) != null;
        }

        @Override
        public Object attribute(String name) {
            return request.getProperty(name);
        }

        @Override
        public List<String> pathParameter(String name) {
            List<String> values = request.getUriInfo().getPathParameters(true).get(name);
            return values == null ? List.of() : values;
        }
    }
}
