package dev.bearerguard.core.http;

import dev.bearerguard.core.limit.RateLimit;
import dev.bearerguard.core.scope.ScopeRequirement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one operation of an API asks of a request, as an adapter's configuration says it (a servlet
 * filter's {@code scope-rules} line, a JAX-RS method's annotations): whether a token is needed, the
 * scopes, the claim bindings, the per-token rate limit. Made once at start-up, then handed with each
 * request to {@link RequestGuard#check}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name         names the operation in logs and as the rate-limit bucket, e.g. {@code POST
 *                     /transactions} or {@code Transactions#create}
 * @param access       whether a token is needed, not read at all, or never enough
 * @param requirements scope requirements that must all hold; empty: a valid token is enough
 * @param bindings     claims that must equal a path parameter of the request
 * @param rateLimit    how many requests one token may make, if limited
 */
public record Operation(String name, Access access, List<ScopeRequirement> requirements, List<ClaimBinding> bindings,
        Optional<RateLimit> rateLimit) {

    /** Whether a token is needed. */
    public enum Access {
        /** A valid token is needed (and the requirements must hold). */
        TOKEN,
        /** No token is needed and none is read ({@code public} rules, {@code @PermitAll}). */
        PUBLIC,
        /** Every request is refused with 403 ({@code @DenyAll}). */
        NOBODY
    }

    /**
     * A claim the token must carry with the value of one path parameter ({@code @BindClaim}).
     *
     * @param claim     the claim, e.g. {@code invoice_id}
     * @param parameter the path parameter, e.g. {@code id}
     * @param required  whether a token without the claim is refused (else the application decides)
     */
    public record ClaimBinding(String claim, String parameter, boolean required) {
        /** @throws NullPointerException if a name is null */
        public ClaimBinding {
            Objects.requireNonNull(claim, "claim");
            Objects.requireNonNull(parameter, "parameter");
        }
    }

    /** @throws NullPointerException if a member is null */
    public Operation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(access, "access");
        requirements = List.copyOf(requirements);
        bindings = List.copyOf(bindings);
        Objects.requireNonNull(rateLimit, "rateLimit");
    }

    /** An operation that needs a valid token and nothing more. */
    public static Operation validToken(String name) {
        return new Operation(name, Access.TOKEN, List.of(), List.of(), Optional.empty());
    }

    /** An operation that reads no token. */
    public static Operation open(String name) {
        return new Operation(name, Access.PUBLIC, List.of(), List.of(), Optional.empty());
    }
}
