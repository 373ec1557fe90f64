package dev.bearerguard.jaxrs.internal;

import dev.bearerguard.core.Authorizer;
import dev.bearerguard.core.BearerError;
import dev.bearerguard.core.Reason;
import dev.bearerguard.core.VerifiedToken;
import dev.bearerguard.core.limit.RateLimitExceeded;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.List;
import java.util.Optional;

/**
 * Authorizes a request for one resource method (bound at deployment, runs at {@code
 * Priorities.AUTHORIZATION}): the token's merchant pin and the key's merchant restriction against
 * the configured header, the key's access level and the method's scopes through {@link
 * Authorizer#check}, then each claim binding through {@link Authorizer#checkClaim}, then the
 * method's {@code @RateLimited} through {@link dev.bearerguard.core.limit.RateLimit#check}. Any
 * failure is a 403 (a duplicated merchant header a 400, a token over its limit a 429). Immutable and thread-safe.
 */
@ConstrainedTo(RuntimeType.SERVER)
public final class AuthorizationFilter implements ContainerRequestFilter {

    private static final System.Logger LOG = System.getLogger("dev.bearerguard.jaxrs");

    private final Settings settings;
    private final MethodPolicy policy;

    /**
     * @param settings the feature's settings
     * @param policy   the method's policy
     */
    public AuthorizationFilter(Settings settings, MethodPolicy policy) {
        this.settings = settings;
        this.policy = policy;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        authorize(request);
    }

    /** @return false if the request was refused (aborted) */
    boolean authorize(ContainerRequestContext request) {
        if (policy.access() != MethodPolicy.Access.AUTHENTICATED) {
            return true; // @PermitAll needs nothing; @DenyAll was refused by authentication
        }
        if (!(request.getProperty(Settings.TOKEN_PROPERTY) instanceof VerifiedToken token)) {
            // Only reachable if a filter between authentication and here removed the token: fail closed.
            return refuse(request, BearerError.of(Reason.NO_CREDENTIALS, ""), null);
        }
        List<String> merchants = request.getHeaders().get(settings.merchantHeader());
        if (merchants != null && merchants.size() > 1) {
            // The authentication filter refused this already; kept so this filter is safe on its own.
            return refuse(request, BearerError.of(Reason.INVALID_REQUEST, "more than one merchant account header"), token);
        }
        String merchant = merchants == null || merchants.isEmpty() ? null : merchants.get(0);
        Optional<BearerError> denied = settings.authorizer().check(token, policy.requirements(), merchant);
        if (denied.isPresent()) {
            return refuse(request, denied.get(), token);
        }
        if (!policy.bindings().isEmpty()) {
            var params = request.getUriInfo().getPathParameters(true);
            for (MethodPolicy.ClaimBinding b : policy.bindings()) {
                List<String> values = params.get(b.pathParam());
                if (values == null || values.isEmpty()) {
                    Optional<BearerError> e = Authorizer.checkClaim(token, b.claim(), null, b.required());
                    if (e.isPresent()) {
                        return refuse(request, e.get(), token);
                    }
                    continue;
                }
                for (String v : values) {
                    Optional<BearerError> e = Authorizer.checkClaim(token, b.claim(), v, b.required());
                    if (e.isPresent()) {
                        return refuse(request, e.get(), token);
                    }
                }
            }
        }
        if (policy.rateLimit().isPresent()) {
            // A store that cannot be reached throws VerifierUnavailableException: the feature's mapper answers 503.
            Optional<RateLimitExceeded> over = policy.rateLimit().get().check(settings.rateLimiter(), token, policy.where());
            if (over.isPresent()) {
                LOG.log(System.Logger.Level.DEBUG, () -> "request refused on " + policy.where() + ": 429 "
                        + token.toLogString());
                request.abortWith(Answers.tooManyRequests(over.get()));
                return false;
            }
        }
        return true;
    }

    private boolean refuse(ContainerRequestContext request, BearerError error, VerifiedToken token) {
        LOG.log(System.Logger.Level.DEBUG, () -> "request refused on " + policy.where() + ": reason="
                + error.reason().value() + (token == null ? "" : " " + token.toLogString()));
        request.abortWith(Answers.of(settings.realm(), error));
        return false;
    }
}
