package dev.bearerguard.sample;

import dev.bearerguard.core.BearerError;
import dev.bearerguard.core.Reason;
import dev.bearerguard.core.VerifiedToken;
import dev.bearerguard.jaxrs.BearerSecurity;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.Optional;

/**
 * Refuses a token whose {@code checkout_session_id} names a checkout session that does not exist or
 * has expired (401 {@code invalid_token}: the token is no longer usable). Runs after the
 * Bearerguard filters have authenticated and authorized the request. Thread-safe.
 */
@Priority(Priorities.AUTHORIZATION + 100)
final class CheckoutSessionCheck implements ContainerRequestFilter {

    private final SampleContext context;

    CheckoutSessionCheck(SampleContext context) {
        this.context = context;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<VerifiedToken> token = BearerSecurity.tokenOf(request.getSecurityContext());
        Optional<String> session = token.flatMap(VerifiedToken::checkoutSessionId);
        if (session.isPresent() && context.data().liveSession(session.get()).isEmpty()) {
            request.abortWith(Problems.bearer(context.realm(),
                    BearerError.of(Reason.INVALID_CLAIM, "checkout session unknown or expired")));
        }
    }
}
