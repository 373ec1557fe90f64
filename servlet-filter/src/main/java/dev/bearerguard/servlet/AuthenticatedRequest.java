package dev.bearerguard.servlet;

import dev.bearerguard.core.BearerPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/**
 * A request that passed the filter: its principal carries the verified token, its auth type is
 * {@code "Bearer"}, and its roles are the token's scopes, so {@code isUserInRole("transactions.read")}
 * (and with it {@code @RolesAllowed} and {@code <security-constraint>}-style checks) asks the token.
 *
 * <p>Immutable; as thread-safe as the wrapped request.
 */
final class AuthenticatedRequest extends HttpServletRequestWrapper {

    private final BearerPrincipal principal;

    AuthenticatedRequest(HttpServletRequest request, BearerPrincipal principal) {
        super(request);
        this.principal = principal;
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
     * Whether the token grants {@code role} as a scope (compared exactly, with the contract's
     * {@code *.read}/{@code *.write} and {@code embed} expansion). {@code "**"} (Servlet 3.1: any
     * authenticated user) is always granted.
     */
    @Override
    public boolean isUserInRole(String role) {
        if (role == null) {
            return false;
        }
        return role.equals("**") || principal.token().grants(role);
    }
}
