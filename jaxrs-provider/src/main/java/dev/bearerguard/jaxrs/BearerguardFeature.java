package dev.bearerguard.jaxrs;

import dev.bearerguard.core.Authorizer;
import dev.bearerguard.core.BearerChallenge;
import dev.bearerguard.core.BearerError;
import dev.bearerguard.core.BearerPrincipal;
import dev.bearerguard.core.Reason;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.limit.InMemoryRateLimiter;
import dev.bearerguard.core.limit.RateLimiter;
import dev.bearerguard.jaxrs.internal.Mappers;
import dev.bearerguard.jaxrs.internal.PolicyBinder;
import dev.bearerguard.jaxrs.internal.SafetyNetFilter;
import dev.bearerguard.jaxrs.internal.Settings;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.Objects;

/**
 * Brings the bearer-token contract to a JAX-RS 3.1 application: register one instance.
 *
 * <pre>{@code
 * TokenVerifier verifier = TokenVerifier.builder().keys(KeyLoader.load(Path.of("keys/"))).build();
 * resourceConfig.register(BearerguardFeature.withVerifier(verifier).realm("payments"));
 * }</pre>
 *
 * <p>It installs:
 * <ul>
 *   <li>per resource method, bound once at deployment by a {@code DynamicFeature}: an
 *       authentication filter at {@code Priorities.AUTHENTICATION} that verifies the bearer token
 *       (or reuses the {@code VerifiedToken} the servlet filter stored in the request property
 *       {@code dev.bearerguard.core.VerifiedToken}) and installs a {@code SecurityContext} whose
 *       principal is a {@link BearerPrincipal}; and an authorization filter at {@code
 *       Priorities.AUTHORIZATION} enforcing {@link RequiresScope}, {@code @RolesAllowed}, the token's
 *       merchant pin, the key's merchant and access-level restrictions, {@link BindClaim} and {@link
 *       RateLimited};</li>
 *   <li>a global safety net: a matched resource method that got no bound filters needs a valid
 *       token all the same;</li>
 *   <li>exception mappers answering {@code TokenRejectedException} (400/401/403), {@code
 *       PinMismatchException} (403 naming the field) and {@code VerifierUnavailableException} (503).</li>
 * </ul>
 *
 * <p>Defaults: a method without a security annotation needs a valid token; {@code @PermitAll}
 * needs none and looks at none; {@code @DenyAll} refuses every request with 403. Answers carry
 * the {@code WWW-Authenticate} challenge, a small JSON body and {@code Cache-Control: no-store},
 * the same as the servlet filter's.
 *
 * <p>Immutable and thread-safe: each {@code with…} method returns a new feature.
 */
public final class BearerguardFeature implements Feature {

    /**
     * The request property (a servlet request attribute, under a servlet container) in which the
     * servlet filter leaves the {@code VerifiedToken} it verified; the feature reuses a token found
     * there instead of verifying again. Only server code can set request properties, so the value
     * is trusted as it is.
     */
    public static final String VERIFIED_TOKEN_PROPERTY = Settings.TOKEN_PROPERTY;

    /** The default merchant-account header, as in the reference API. */
    public static final String DEFAULT_MERCHANT_HEADER = dev.bearerguard.core.http.RequestGuard.DEFAULT_MERCHANT_HEADER;

    private final Settings settings;

    private BearerguardFeature(Settings settings) {
        this.settings = settings;
    }

    /**
     * A feature verifying tokens with {@code verifier}: realm {@code api} (as the servlet filter),
     * merchant header {@value #DEFAULT_MERCHANT_HEADER}, {@link Authorizer#defaults()}, plain HTTP
     * accepted.
     *
     * @param verifier the verifier; its scope vocabulary, if any, checks the annotations at deployment
     * @return the feature
     */
    public static BearerguardFeature withVerifier(TokenVerifier verifier) {
        return new BearerguardFeature(Settings.defaults(Objects.requireNonNull(verifier, "verifier")));
    }

    /**
     * The realm written in every challenge ({@code Bearer realm="…"}); default {@code api}.
     *
     * @param realm the realm; empty writes none
     * @return a new feature
     * @throws IllegalArgumentException if the realm holds a character RFC 6750 forbids ({@code "},
     *     {@code \}, control characters, non-ASCII)
     */
    public BearerguardFeature realm(String realm) {
        Objects.requireNonNull(realm, "realm");
        return new BearerguardFeature(settings.with(b -> b.realm(realm))); // the guard refuses illegal characters
    }

    /**
     * The request header naming the merchant account a request targets; a key restricted to other
     * accounts is refused with 403. Sending the header twice is a 400, decided before the token is
     * verified (so a broken request never burns a single-use {@code jti}).
     *
     * @param headerName an HTTP header name (RFC 9110 token)
     * @return a new feature
     * @throws IllegalArgumentException if the name is empty or not a header-name token
     */
    public BearerguardFeature merchantHeader(String headerName) {
        Objects.requireNonNull(headerName, "headerName");
        return new BearerguardFeature(settings.with(b -> b.merchantHeader(headerName)));
    }

    /**
     * The authorizer deciding merchant, access-level and scope questions; default {@link
     * Authorizer#defaults()}.
     *
     * @param authorizer the authorizer
     * @return a new feature
     */
    public BearerguardFeature authorizer(Authorizer authorizer) {
        return new BearerguardFeature(settings.with(b -> b.authorizer(Objects.requireNonNull(authorizer, "authorizer"))));
    }

    /**
     * The store of {@link RateLimited} buckets; default an {@link InMemoryRateLimiter} on the
     * verifier's clock, one per feature. Give one shared store to count across applications or
     * server instances (Bucket4j's Redis proxy manager behind the {@link RateLimiter} interface).
     *
     * @param rateLimiter the store
     * @return a new feature
     */
    public BearerguardFeature rateLimiter(RateLimiter rateLimiter) {
        return new BearerguardFeature(settings.with(b -> b.rateLimiter(Objects.requireNonNull(rateLimiter, "rateLimiter"))));
    }

    /**
     * Refuses requests that did not arrive over TLS with 400 {@code invalid_request} ("HTTPS is
     * required"), on every resource method including {@code @PermitAll} ones. TLS is a fact about
     * the connection: the cipher-suite property Jersey and RESTEasy expose when they run as servlets
     * ({@code dev.bearerguard.core.http.Transport}) — never {@code SecurityContext.isSecure()} or the
     * request URI, which a client sets with an absolute-form request target.
     *
     * @return a new feature
     */
    public BearerguardFeature requireHttps() {
        return new BearerguardFeature(settings.with(b -> b.requireHttps(true).trustForwardedProto(false)));
    }

    /**
     * As {@link #requireHttps()}, also accepting a request whose <em>last</em> {@code
     * X-Forwarded-Proto} value is {@code https}. Only behind a proxy that sets that header: a
     * client can forge the header otherwise.
     *
     * @return a new feature
     */
    public BearerguardFeature requireHttpsBehindProxy() {
        return new BearerguardFeature(settings.with(b -> b.requireHttps(true).trustForwardedProto(true)));
    }

    /**
     * The level of the audit line (logger {@code dev.bearerguard.audit}) written for each refused or
     * rate-limited request; default DEBUG. Outages are always logged at WARNING and failures at
     * ERROR. The same as the servlet filter's {@code audit-level} init-param.
     *
     * @param level the level ({@code System.Logger.Level.OFF} writes none)
     * @return a new feature
     */
    public BearerguardFeature auditLevel(System.Logger.Level level) {
        Objects.requireNonNull(level, "level");
        return new BearerguardFeature(settings.with(b -> b.auditLevel(level)));
    }

    /** The level of the audit line of a refused or rate-limited request. */
    public System.Logger.Level auditLevel() {
        return settings.guard().auditLevel();
    }

    /** The verifier. */
    public TokenVerifier verifier() {
        return settings.verifier();
    }

    /** The realm (empty when none is written). */
    public String realm() {
        return settings.realm();
    }

    /** The merchant-account header name. */
    public String merchantHeader() {
        return settings.merchantHeader();
    }

    /** The authorizer. */
    public Authorizer authorizer() {
        return settings.authorizer();
    }

    /** Whether requests without TLS are refused. */
    public boolean requiresHttps() {
        return settings.requireHttps();
    }

    /**
     * Registers the filters and mappers; does nothing (answers false) outside a server runtime or
     * when a Bearerguard feature is already registered.
     */
    @Override
    public boolean configure(FeatureContext context) {
        if (context.getConfiguration().getRuntimeType() != RuntimeType.SERVER
                || context.getConfiguration().isRegistered(PolicyBinder.class)) {
            return false;
        }
        context.register(new PolicyBinder(settings));
        context.register(new SafetyNetFilter(settings), Priorities.AUTHENTICATION + 1);
        context.register(new Mappers.TokenRejected(settings.guard()));
        context.register(new Mappers.PinMismatch(settings.guard()));
        context.register(new Mappers.VerifierUnavailable(settings.guard()));
        return true;
    }
}
