package dev.bearerguard.jaxrs.internal;

import dev.bearerguard.core.BearerError;
import dev.bearerguard.core.BearerHeader;
import dev.bearerguard.core.Reason;
import dev.bearerguard.core.TokenRejectedException;
import dev.bearerguard.core.VerifiedToken;
import dev.bearerguard.core.VerifierUnavailableException;
import dev.bearerguard.core.http.Transport;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;

/**
 * Authenticates a request for one resource method (bound at deployment, runs at {@code
 * Priorities.AUTHENTICATION}): reuses a {@link VerifiedToken} that the servlet filter already
 * verified for this request (request property {@value Settings#TOKEN_PROPERTY}), or extracts the
 * bearer token with {@link BearerHeader#extract} and verifies it. Installs a {@link
 * BearerSecurityContext}. Immutable and thread-safe.
 */
@ConstrainedTo(RuntimeType.SERVER)
public final class AuthenticationFilter implements ContainerRequestFilter {

    /** Set on every request some method policy was applied to; the safety net checks it. */
    static final String DECIDED_PROPERTY = "dev.bearerguard.jaxrs.decided";

    private static final System.Logger LOG = System.getLogger("dev.bearerguard.jaxrs");

    private final Settings settings;
    private final MethodPolicy policy;

    /**
     * @param settings the feature's settings
     * @param policy   the method's policy
     */
    public AuthenticationFilter(Settings settings, MethodPolicy policy) {
        this.settings = settings;
        this.policy = policy;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        authenticate(request);
    }

    /** @return false if the request was refused (aborted) */
    boolean authenticate(ContainerRequestContext request) {
        request.setProperty(DECIDED_PROPERTY, Boolean.TRUE);
        if (settings.requireHttps() && !isHttps(request)) {
            request.abortWith(Answers.of(settings.realm(), BearerError.of(Reason.INVALID_REQUEST, "HTTPS is required")));
            return false;
        }
        if (policy.access() == MethodPolicy.Access.DENY_ALL) {
            request.abortWith(Answers.of(settings.realm(), BearerError.of(Reason.INSUFFICIENT_SCOPE,
                    "this operation is open to no token")));
            return false;
        }
        // Reuse a token the servlet filter verified for this request, but only one from this feature's
        // own verifier: a token verified under another profile, key set or issuer list is judged again.
        VerifiedToken token = request.getProperty(Settings.TOKEN_PROPERTY) instanceof VerifiedToken t
                && t.verifiedBy(settings.verifier()) ? t : null;
        if (token == null && policy.access() == MethodPolicy.Access.PERMIT_ALL) {
            return true; // no token is needed, and none is looked at (a verification would burn its jti)
        }
        List<String> merchants = request.getHeaders().get(settings.merchantHeader());
        boolean ambiguous = merchants != null && merchants.size() > 1;
        if (ambiguous && policy.access() != MethodPolicy.Access.PERMIT_ALL) {
            // Before verification, so a broken request never burns a single-use jti.
            request.abortWith(Answers.of(settings.realm(),
                    BearerError.of(Reason.INVALID_REQUEST, "more than one merchant account header")));
            return false;
        }
        if (token == null) {
            try {
                token = settings.verifier().verify(BearerHeader.extract(request.getHeaders().get(HttpHeaders.AUTHORIZATION)));
            } catch (TokenRejectedException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "bearer token refused on " + policy.where() + ": "
                        + e.toLogString());
                request.abortWith(Answers.of(settings.realm(), e.error()));
                return false;
            } catch (VerifierUnavailableException e) {
                LOG.log(System.Logger.Level.WARNING, "token verifier unavailable on " + policy.where() + ": "
                        + e.getMessage());
                request.abortWith(Answers.unavailable());
                return false;
            } catch (RuntimeException e) {
                // A bug in a seam (key resolver, replay cache): answer 500 without leaking its text.
                LOG.log(System.Logger.Level.ERROR, "bearer token check failed unexpectedly on " + policy.where(), e);
                request.abortWith(Answers.failure());
                return false;
            }
            request.setProperty(Settings.TOKEN_PROPERTY, token);
        }
        String merchant = merchants == null || merchants.isEmpty() ? null : merchants.get(0);
        // The same TLS decision as require-https, whether or not it is required.
        boolean secure = isHttps(request);
        request.setSecurityContext(new BearerSecurityContext(token, settings.authorizer(), merchant, ambiguous, secure));
        return true;
    }

    /**
     * Whether the request came over TLS, by {@link Transport#isHttps}: from the connection, which
     * Jersey and RESTEasy running as servlets expose as the request property {@value
     * Transport#CIPHER_SUITE_ATTRIBUTE} (never from {@code SecurityContext.isSecure()} or the
     * request URI, which a client sets with an absolute-form request target); a runtime without a
     * servlet request cannot say, so it counts as plain HTTP. Or, when trusted, the last {@code
     * X-Forwarded-Proto}.
     */
    private boolean isHttps(ContainerRequestContext request) {
        return Transport.isHttps(request.getProperty(Transport.CIPHER_SUITE_ATTRIBUTE) != null,
                request.getHeaders().get(Transport.FORWARDED_PROTO), settings.trustForwardedProto());
    }
}
