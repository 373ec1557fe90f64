package dev.bearerguard.servlet;

import dev.bearerguard.core.Authorizer;
import dev.bearerguard.core.BearerHeader;
import dev.bearerguard.core.BearerPrincipal;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.VerifiedToken;
import dev.bearerguard.core.VerifierUnavailableException;
import dev.bearerguard.core.http.GuardAnswer;
import dev.bearerguard.core.http.Operation;
import dev.bearerguard.core.http.RequestGuard;
import dev.bearerguard.core.http.RequestView;
import dev.bearerguard.core.http.ScopeRules;
import dev.bearerguard.core.http.Transport;
import dev.bearerguard.core.limit.RateLimiter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A servlet filter that enforces the bearer-token contract in front of a web application: it reads
 * {@code Authorization: Bearer <JWT>} (and nothing else: never a query string or a form field),
 * verifies the token with a {@link TokenVerifier}, checks the request's {@code scope-rules} and
 * merchant account with an {@link Authorizer} and a rule's per-token rate limit, and either answers the refusal itself (RFC 6750
 * status, {@code WWW-Authenticate}, a small JSON body, {@code Cache-Control: no-store}) or lets the
 * request go on wrapped:
 * <ul>
 *   <li>{@code getUserPrincipal()} is a {@link BearerPrincipal} carrying the {@link VerifiedToken};</li>
 *   <li>{@code getAuthType()} is {@code "Bearer"};</li>
 *   <li>{@code isUserInRole(scope)} answers whether the token grants that scope ({@link
 *       Authorizer#hasRole}: {@code embed} only where asked for; {@code a|b} for any of them);</li>
 *   <li>the principal's {@link BearerPrincipal#merchantAccount()} is the merchant account the
 *       request acts for: the merchant header's, else the one the token pins;</li>
 *   <li>the request attribute {@value #TOKEN_ATTRIBUTE} holds the {@link VerifiedToken}, so a layer
 *       behind the filter (the JAX-RS provider) reuses it instead of verifying again and burning a
 *       single-use {@code jti} twice.</li>
 * </ul>
 *
 * <p>Two ways to set it up: declared in {@code web.xml} and configured by init-params (see the
 * module README for each parameter and its default), or made in code with a ready verifier through
 * {@link #builder(TokenVerifier)} and registered with {@code ServletContext.addFilter}. A bad
 * init-param makes {@link #init} throw a {@link ServletException} that names it, so the application
 * never starts half-protected.
 *
 * <p>Every decision is the core's {@link RequestGuard}: the filter translates the servlet request
 * into a {@link RequestView}, the {@code scope-rules} into an {@link Operation}, and writes the
 * guard's {@link GuardAnswer} out. Failures of the server (replay store unreachable, key source
 * down: {@link VerifierUnavailableException}) answer 503, never 401; any other unexpected exception
 * answers 500 with a JSON body and no stack trace. Only {@code kid}, {@code jti}, {@code iss} and the
 * reason are ever logged, never the token.
 *
 * <p>Thread-safe: once initialized, the filter holds only immutable state.
 */
public final class BearerTokenFilter implements Filter {

    /**
     * The request attribute holding the {@link VerifiedToken} of a request the filter let through:
     * {@value}.
     */
    public static final String TOKEN_ATTRIBUTE = RequestGuard.TOKEN_ATTRIBUTE;

    /** What {@code getAuthType()} answers for a request the filter let through. */
    public static final String AUTH_TYPE = RequestGuard.AUTH_TYPE;

    private static final System.Logger LOG = System.getLogger(BearerTokenFilter.class.getName());

    /** Set by the builder (then final for the filter's life) or by {@link #init} from init-params. */
    private volatile FilterSettings settings;
    private final boolean configuredInCode;

    /**
     * The filter as a container makes it from {@code web.xml}: it reads its configuration from
     * init-params in {@link #init}.
     */
    public BearerTokenFilter() {
        this.configuredInCode = false;
    }

    private BearerTokenFilter(FilterSettings settings) {
        this.settings = settings;
        this.configuredInCode = true;
    }

    /**
     * A builder for a filter configured in code around a ready verifier, for {@code
     * ServletContext.addFilter("bearer", BearerTokenFilter.builder(verifier).scopeRules(…).build())}.
     *
     * @param verifier the verifier (its keys, algorithms, clock, replay cache …)
     * @throws NullPointerException if {@code verifier} is null
     */
    public static Builder builder(TokenVerifier verifier) {
        return new Builder(verifier);
    }

    /**
     * Reads the init-params, unless the filter was configured in code.
     *
     * @throws ServletException naming the init-param that is missing or wrong, or if a filter
     *                          configured in code is also given init-params (they would be ignored)
     */
    @Override
    public void init(FilterConfig config) throws ServletException {
        if (configuredInCode) {
            Enumeration<String> names = config.getInitParameterNames();
            if (names != null && names.hasMoreElements()) {
                throw new ServletException("bearerguard: this filter was configured in code; init-params are not read"
                        + " (found " + Collections.list(names) + ")");
            }
            return;
        }
        FilterSettings s = FilterSettings.fromInitParams(config);
        settings = s;
        LOG.log(Level.INFO, () -> "bearerguard: filter `" + config.getFilterName() + "` protecting with "
                + s.verifier().algorithms() + ", " + s.rules().size() + " scope rule(s), realm `" + s.guard().realm() + "`"
                + (s.guard().requireHttps() ? ", HTTPS required" : ""));
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            throw new ServletException("bearerguard: the bearer filter handles HTTP requests only");
        }
        FilterSettings s = settings;
        if (s == null) {
            write(response, 503, Map.of("Cache-Control", "no-store"), BearerHeader.errorBody(503, "the server is not ready"));
            return;
        }
        ServletRequestView view = new ServletRequestView(request);
        GuardAnswer answer = s.guard().check(view, s.rules().decide(request.getMethod(), view.path()));
        if (!answer.allowed()) {
            write(response, answer.status(), answer.headers(), answer.body());
            return;
        }
        if (answer.principal().isEmpty()) {
            chain.doFilter(request, response); // a public rule: no token was read
            return;
        }
        request.setAttribute(TOKEN_ATTRIBUTE, answer.token().orElseThrow());
        chain.doFilter(new AuthenticatedRequest(request, answer), response);
    }

    @Override
    public void destroy() {
        // What the init-params made (a key source's background refresh, a replay store) is closed;
        // a verifier given in code belongs to whoever built it.
        FilterSettings s = settings;
        if (s != null && !configuredInCode) {
            try {
                s.owned().close();
            } catch (Exception e) {
                LOG.log(Level.DEBUG, () -> "bearerguard: closing the key source or replay store failed: " + e.getClass().getSimpleName());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** The servlet request as the guard reads it. */
    private static final class ServletRequestView implements RequestView {
        private final HttpServletRequest request;

        ServletRequestView(HttpServletRequest request) {
            this.request = request;
        }

        @Override
        public String method() {
            return request.getMethod();
        }

        /** The path inside the web application, decoded and normalized by the container. */
        @Override
        public String path() {
            String servletPath = request.getServletPath();
            String pathInfo = request.getPathInfo();
            String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
            return path.isEmpty() ? "/" : path;
        }

        /** Every value; empty also when the container withholds headers (it may return null). */
        @Override
        public List<String> headers(String name) {
            Enumeration<String> values = request.getHeaders(name);
            return values == null ? List.of() : Collections.list(values);
        }

        /**
         * The container sets {@value Transport#CIPHER_SUITE_ATTRIBUTE} exactly on TLS requests;
         * {@code isSecure()} is not used, because some containers take it from the scheme a client
         * writes in an absolute-form request target.
         */
        @Override
        public boolean tlsConnection() {
            return request.getAttribute(Transport.CIPHER_SUITE_ATTRIBUTE) != null;
        }

        @Override
        public Object attribute(String name) {
            return request.getAttribute(name);
        }
    }

    private static void write(HttpServletResponse response, int status, Map<String, String> headers, String json)
            throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        headers.forEach(response::setHeader);
        response.setContentType(GuardAnswer.CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * Configures a {@link BearerTokenFilter} in code. Not thread-safe; {@link #build()} copies
     * everything, so a builder may be reused.
     */
    public static final class Builder {
        private final TokenVerifier verifier;
        private Authorizer authorizer = Authorizer.defaults();
        private String realm = FilterSettings.DEFAULT_REALM;
        private ScopeRules rules = ScopeRules.EMPTY;
        private String merchantHeader = FilterSettings.DEFAULT_MERCHANT_HEADER;
        private boolean requireHttps;
        private boolean trustForwardedProto;
        private RateLimiter rateLimiter;
        private System.Logger.Level auditLevel = System.Logger.Level.DEBUG;

        private Builder(TokenVerifier verifier) {
            this.verifier = Objects.requireNonNull(verifier, "verifier");
        }

        /**
         * The store of the per-token buckets of {@code rate-limit=} rules; default an {@link
         * dev.bearerguard.core.limit.InMemoryRateLimiter} on the verifier's clock (one per filter).
         * Give a shared one to count across filters or server instances.
         */
        public Builder rateLimiter(RateLimiter rateLimiter) {
            this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
            return this;
        }

        /** The realm in {@code WWW-Authenticate}; default {@code api}. */
        public Builder realm(String realm) {
            this.realm = Objects.requireNonNull(realm, "realm");
            return this;
        }

        /**
         * The scope rules, in the {@code scope-rules} init-param's syntax: lines of {@code METHOD
         * PATH-PATTERN SCOPE[ SCOPE…]} (or {@code none}, or {@code public}; {@code a|b} for any of
         * them) and an optional last {@code rate-limit=N/DURATION}, first match wins; a path no rule
         * matches needs only a valid token. Default: no rules.
         *
         * @throws IllegalArgumentException naming the bad line (also when a scope is unknown to the
         *                                  verifier's vocabulary)
         */
        public Builder scopeRules(String lines) {
            this.rules = ScopeRules.parse(lines, verifier.vocabulary());
            return this;
        }

        /** The request header naming the merchant account; default {@code x-gr4vy-merchant-account-id}. */
        public Builder merchantHeader(String header) {
            this.merchantHeader = Objects.requireNonNull(header, "header");
            return this;
        }

        /**
         * Whether to refuse (400 {@code invalid_request}) requests that did not arrive over TLS (the
         * connection's TLS, see {@link Transport}); default false.
         */
        public Builder requireHttps(boolean requireHttps) {
            this.requireHttps = requireHttps;
            return this;
        }

        /**
         * With {@link #requireHttps(boolean)}: whether to also accept a request whose last {@code
         * X-Forwarded-Proto} value is {@code https}; default false. Only behind a proxy that sets
         * the header, or any client can claim HTTPS.
         */
        public Builder trustForwardedProto(boolean trustForwardedProto) {
            this.trustForwardedProto = trustForwardedProto;
            return this;
        }

        /** The authorizer; default {@link Authorizer#defaults()}. */
        public Builder authorizer(Authorizer authorizer) {
            this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
            return this;
        }

        /**
         * The level of the audit line (logger {@code dev.bearerguard.audit}) of each refused or
         * rate-limited request, as the {@code audit-level} init-param; default DEBUG ({@code OFF}
         * writes none; outages are always logged at WARNING, failures at ERROR).
         */
        public Builder auditLevel(System.Logger.Level level) {
            this.auditLevel = Objects.requireNonNull(level, "level");
            return this;
        }

        /**
         * @throws IllegalArgumentException if the realm or the merchant header is not legal in an
         *                                  HTTP header, or forwarded-proto trust is asked for without
         *                                  requiring HTTPS
         */
        public BearerTokenFilter build() {
            RequestGuard.Builder g = RequestGuard.builder(verifier).adapter("servlet").realm(realm)
                    .merchantHeader(merchantHeader).requireHttps(requireHttps).trustForwardedProto(trustForwardedProto)
                    .authorizer(authorizer).auditLevel(auditLevel);
            if (rateLimiter != null) {
                g.rateLimiter(rateLimiter);
            }
            return new BearerTokenFilter(new FilterSettings(g.build(), rules));
        }
    }
}
