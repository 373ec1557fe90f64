package dev.bearerguard.jaxrs.internal;

import dev.bearerguard.core.BearerPrincipal;
import dev.bearerguard.core.http.GuardAnswer;
import dev.bearerguard.core.http.RequestGuard;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * The security context of a request authenticated by a bearer token. {@link #isUserInRole} is the
 * one role rule both adapters share ({@link GuardAnswer#isUserInRole}), so {@code
 * @RolesAllowed("x.read")} and {@code security.isUserInRole("x.read")} honour the key's merchant
 * and access-level restrictions as well as the token's scopes, as the servlet filter's do.
 * Immutable and thread-safe.
 */
public final class BearerSecurityContext implements SecurityContext {

    /** The authentication scheme this context reports. */
    public static final String SCHEME = RequestGuard.AUTH_TYPE;

    private final GuardAnswer answer;
    private final BearerPrincipal principal;
    private final boolean secure;

    /**
     * @param answer the guard's answer allowing the request, with its principal
     * @param secure whether the request counts as HTTPS ({@link RequestGuard#isHttps})
     */
    public BearerSecurityContext(GuardAnswer answer, boolean secure) {
        this.answer = answer;
        this.principal = answer.principal().orElseThrow();
        this.secure = secure;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public boolean isUserInRole(String role) {
        return answer.isUserInRole(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return SCHEME;
    }
}
