package dev.bearerguard.jaxrs.internal;

import dev.bearerguard.core.Authorizer;
import dev.bearerguard.core.BearerPrincipal;
import dev.bearerguard.core.VerifiedToken;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * The security context of a request authenticated by a bearer token. {@link #isUserInRole}
 * answers scope questions through the {@link Authorizer}, so {@code @RolesAllowed("x.read")} and
 * {@code security.isUserInRole("x.read")} honour the key's merchant and access-level restrictions
 * as well as the token's scopes. Immutable and thread-safe.
 */
public final class BearerSecurityContext implements SecurityContext {

    /** The authentication scheme this context reports. */
    public static final String SCHEME = "Bearer";

    private final BearerPrincipal principal;
    private final Authorizer authorizer;
    private final String merchantAccount;
    private final boolean merchantAmbiguous;
    private final boolean secure;

    /**
     * @param token             the verified token
     * @param authorizer        decides scope questions
     * @param merchantAccount   the merchant account the request's header names, or null (the
     *                          principal's {@link BearerPrincipal#merchantAccount()} then falls
     *                          back to the token's pinned account)
     * @param merchantAmbiguous whether the request names several (then no role is granted)
     * @param secure            whether the request arrived over TLS
     */
    public BearerSecurityContext(VerifiedToken token, Authorizer authorizer, String merchantAccount,
            boolean merchantAmbiguous, boolean secure) {
        this.principal = new BearerPrincipal(token, Authorizer.merchantAccount(token, merchantAccount).orElse(null));
        this.authorizer = authorizer;
        this.merchantAccount = merchantAccount;
        this.merchantAmbiguous = merchantAmbiguous;
        this.secure = secure;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    /**
     * Whether the token grants {@code role} for this request's merchant account ({@link
     * Authorizer#hasRole}, the same answer as the servlet filter's: {@code embed} only itself,
     * {@code a|b} any of them).
     */
    @Override
    public boolean isUserInRole(String role) {
        return !merchantAmbiguous && authorizer.hasRole(principal.token(), role, merchantAccount);
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
