package dev.bearerguard.servlet;

import dev.bearerguard.core.BearerPrincipal;
import dev.bearerguard.core.http.GuardAnswer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/**
 * A request that passed the filter: its principal carries the verified token, its auth type is
 * {@code "Bearer"}, and its roles are the token's scopes, so {@code isUserInRole("transactions.read")}
 * (and with it {@code @RolesAllowed} and {@code <security-constraint>}-style checks) asks the token,
 * by the one rule both adapters share ({@link GuardAnswer#isUserInRole}).
 *
 * <p>Immutable; as thread-safe as the wrapped request.
 */
final class AuthenticatedRequest extends HttpServletRequestWrapper {

    private final GuardAnswer answer;
    private final BearerPrincipal principal;

    /** @param answer the guard's answer allowing the request, with its principal */
    AuthenticatedRequest(HttpServletRequest request, GuardAnswer answer) {
        super(request);
        this.answer = answer;
        this.principal = answer.principal().orElseThrow();
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        return principal.getName();
    }

    @Override
    public String getAuthType() {
        return BearerTokenFilter.AUTH_TYPE;
    }

    /**
     * Whether the token grants {@code role} ({@link GuardAnswer#isUserInRole}: read as a scope
     * requirement, {@code embed} only itself, {@code a|b} any of them, for this request's merchant
     * account; {@code "**"}, Servlet's any authenticated user, always).
     */
    @Override
    public boolean isUserInRole(String role) {
        return answer.isUserInRole(role);
    }
}
