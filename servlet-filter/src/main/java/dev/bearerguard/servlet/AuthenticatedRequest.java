package dev.bearerguard.servlet;

import dev.bearerguard.core.Authorizer;
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
    private final Authorizer authorizer;
    private final String merchantHeader;

    /**
     * @param merchantHeader the merchant-account header's value, or null (role checks judge the
     *                       merchant account as the filter did)
     */
    AuthenticatedRequest(HttpServletRequest request, BearerPrincipal principal, Authorizer authorizer,
            String merchantHeader) {
        super(request);
        this.principal = principal;
        this.authorizer = authorizer;
        this.merchantHeader = merchantHeader;
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
     * Whether the token grants {@code role} read as a scope requirement ({@link Authorizer#hasRole},
     * the same answer as the JAX-RS feature's: {@code *.read}/{@code *.write} grant their action,
     * {@code embed} only itself, {@code a|b} any of them, for this request's merchant account).
     * {@code "**"} (Servlet 3.1: any authenticated user) is always granted.
     */
    @Override
    public boolean isUserInRole(String role) {
        if (role == null) {
            return false;
        }
        return role.equals("**") || authorizer.hasRole(principal.token(), role, merchantHeader);
    }
}
