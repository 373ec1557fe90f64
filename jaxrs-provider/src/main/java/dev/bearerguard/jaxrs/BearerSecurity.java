package dev.bearerguard.jaxrs;

import dev.bearerguard.core.BearerChallenge;
import dev.bearerguard.core.BearerError;
import dev.bearerguard.core.BearerHeader;
import dev.bearerguard.core.BearerPrincipal;
import dev.bearerguard.core.Reason;
import dev.bearerguard.core.VerifiedToken;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;

/**
 * How resource methods get the verified token of a request authenticated by {@link
 * BearerguardFeature} (or by the servlet filter in front of it): the request's {@link
 * SecurityContext#getUserPrincipal()} is a {@link BearerPrincipal} carrying it. This works on any
 * JAX-RS runtime (the JAX-RS API has no portable way to make {@code @Context} inject a type of
 * one's own):
 *
 * <pre>{@code
 * @POST @RequiresScope(anyOf = {"transactions.write", "embed"})
 * public Tx create(@Context SecurityContext security, Map<String, Object> body) {
 *     VerifiedToken token = BearerSecurity.requireToken(security);
 *     Map<String, Object> values = token.embed().map(p -> p.apply(body)).orElse(body); // 403 if a pin changed
 *     String merchant = BearerSecurity.merchantAccount(security).orElse("default");  // header, else the pin
 *     …
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class BearerSecurity {

    private BearerSecurity() {
    }

    /**
     * The token of a request, if it was authenticated by a bearer token. Empty on a
     * {@code @PermitAll} method (no token is looked at there) or for another kind of principal.
     *
     * @param security the request's security context ({@code @Context SecurityContext})
     */
    public static Optional<VerifiedToken> tokenOf(SecurityContext security) {
        if (security != null && security.getUserPrincipal() instanceof BearerPrincipal p) {
            return Optional.of(p.token());
        }
        return Optional.empty();
    }

    /**
     * The merchant account the request acts for: the merchant header's value, or, when the request
     * sends none, the account its token pins ({@code embed.merchant_account_id}); empty when
     * neither names one. See {@link BearerPrincipal#merchantAccount()}.
     *
     * @param security the request's security context ({@code @Context SecurityContext})
     */
    public static Optional<String> merchantAccount(SecurityContext security) {
        if (security != null && security.getUserPrincipal() instanceof BearerPrincipal p) {
            return p.merchantAccount();
        }
        return Optional.empty();
    }

    /**
     * The token of a request that needs one. On every method that is not {@code @PermitAll}, the
     * filters have already refused requests without a valid token, so this never throws there.
     *
     * @param security the request's security context ({@code @Context SecurityContext})
     * @return the verified token
     * @throws NotAuthorizedException (401 with a bare {@code Bearer} challenge, the contract's
     *     answer to "no credentials") if the request carries no verified bearer token
     */
    public static VerifiedToken requireToken(SecurityContext security) {
        return tokenOf(security).orElseThrow(() -> {
            BearerError e = BearerError.of(Reason.NO_CREDENTIALS, "");
            return new NotAuthorizedException(Response.status(e.httpStatus())
                    .header(HttpHeaders.WWW_AUTHENTICATE, BearerChallenge.format("", e))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(BearerHeader.errorBody(e))
                    .build());
        });
    }
}
