package dev.bearerguard.core.http;

import dev.bearerguard.core.Authorizer;
import dev.bearerguard.core.BearerChallenge;
import dev.bearerguard.core.BearerError;
import dev.bearerguard.core.BearerHeader;
import dev.bearerguard.core.BearerPrincipal;
import dev.bearerguard.core.Reason;
import dev.bearerguard.core.Sanitizer;
import dev.bearerguard.core.TokenRejectedException;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.VerifiedToken;
import dev.bearerguard.core.VerifierUnavailableException;
import dev.bearerguard.core.limit.InMemoryRateLimiter;
import dev.bearerguard.core.limit.RateLimitExceeded;
import dev.bearerguard.core.limit.RateLimiter;
import dev.bearerguard.core.observe.BearerguardListener;
import dev.bearerguard.core.observe.Listeners;
import dev.bearerguard.core.observe.RequestEvent;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every per-request decision of the contract, in one place, for every adapter: HTTPS, the merchant
 * header, the bearer header, the token (or the one another adapter already verified for this
 * request), the scopes, the merchant restriction and pin, claim bindings, the per-token rate limit,
 * and the answer — status, {@code WWW-Authenticate}, JSON body — for each outcome, with the failure
 * of a seam mapped to 503 (an outage) or 500 (a bug), never 401. An adapter translates its
 * framework's request into a {@link RequestView}, its configuration into {@link Operation}s, and
 * writes the {@link GuardAnswer} out; it decides nothing itself.
 *
 * <h2>Order</h2>
 * <ol>
 *   <li>HTTPS, when required ({@link Transport}): 400 before anything is read.</li>
 *   <li>{@link Operation.Access#NOBODY}: 403.</li>
 *   <li>A token another adapter verified for this request with the same verifier (request attribute
 *       {@value #TOKEN_ATTRIBUTE}) is reused, never verified twice (a single-use {@code jti} would
 *       burn).</li>
 *   <li>{@link Operation.Access#PUBLIC}: allowed, reading no token (but keeping a reused one).</li>
 *   <li>Two merchant-account headers: 400, before verification, so a broken request burns no
 *       {@code jti}.</li>
 *   <li>The bearer header and the token ({@link BearerHeader#extract}, {@link TokenVerifier#verify}).</li>
 *   <li>Authorization ({@link Authorizer#check}): merchant pin and restriction, access level,
 *       scopes; then the claim bindings.</li>
 *   <li>The rate limit, last, so a refused request costs its token nothing.</li>
 * </ol>
 *
 * <h2>Logs and events</h2>
 * One line per refused, rate-limited, unavailable and failed request goes to the logger {@value
 * #AUDIT_LOGGER} ({@link System.Logger}, so it reaches whatever logging the application routes the
 * JDK's loggers to, with no logging library in core; refusals and rate limits at the configured
 * level, DEBUG by default; outages at WARNING; failures at ERROR), in a stable vocabulary, always
 * these fields in this order ({@link #AUDIT_FIELDS}):
 *
 * <pre>
 * bearerguard: event=refused status=401 reason=expired kid=k1 jti=j-7 iss=https://issuer adapter=servlet method=GET path=/api/x
 * bearerguard: event=unavailable status=503 reason=replay_store kid=- jti=- iss=- adapter=jaxrs method=POST path=/pay detail=the replay store is unreachable: …
 * </pre>
 *
 * {@code event} is {@code refused}, {@code rate_limited}, {@code unavailable} or {@code failure};
 * {@code reason} is the {@link Reason#value()} of a refusal, {@code rate_limited}, the {@link
 * VerifierUnavailableException.Kind#value()} of an outage, or {@code internal}; a field not known
 * is {@code -}. Every value goes through {@link Sanitizer#field} (no spaces, printable ASCII), so a
 * line splits on spaces into {@code name=value} pairs; only {@code detail}, last and present on
 * outages, runs to the end of the line ({@link Sanitizer#text}). Never a token or a signature.
 * Every decision is reported to the verifier's {@link BearerguardListener} as a {@link
 * RequestEvent}.
 *
 * <p>Immutable and thread-safe; build one per adapter instance at start-up.
 */
public final class RequestGuard {

    /** The request attribute holding the {@link VerifiedToken} of a request a guard let through: {@value}. */
    public static final String TOKEN_ATTRIBUTE = "dev.bearerguard.core.VerifiedToken";
    /** The default merchant-account header: the one the reference payment API uses, {@value}. */
    public static final String DEFAULT_MERCHANT_HEADER = "x-gr4vy-merchant-account-id";
    /** The default realm of every challenge: {@value}. */
    public static final String DEFAULT_REALM = "api";
    /** What a request the guard let through reports as its authentication scheme: {@value}. */
    public static final String AUTH_TYPE = "Bearer";
    /** The logger of the one line per refused or failed request: {@value}. */
    public static final String AUDIT_LOGGER = "dev.bearerguard.audit";

    /** The fields of every audit line, in their order ({@code detail}, last, only on outages). */
    public static final List<String> AUDIT_FIELDS = List.of("event", "status", "reason", "kid", "jti", "iss",
            "adapter", "method", "path");

    private static final System.Logger AUDIT = System.getLogger(AUDIT_LOGGER);

    private final TokenVerifier verifier;
    private final Authorizer authorizer;
    private final String realm;
    private final String merchantHeader;
    private final boolean requireHttps;
    private final boolean trustForwardedProto;
    private final RateLimiter rateLimiter;
    private final String adapter;
    private final Level auditLevel;
    private final BearerguardListener listener;

    private RequestGuard(Builder b) {
        this.verifier = b.verifier;
        this.authorizer = b.authorizer;
        this.realm = b.realm;
        this.merchantHeader = b.merchantHeader;
        this.requireHttps = b.requireHttps;
        this.trustForwardedProto = b.trustForwardedProto;
        this.rateLimiter = b.rateLimiter != null ? b.rateLimiter : InMemoryRateLimiter.create(b.verifier.clock());
        this.adapter = b.adapter;
        this.auditLevel = b.auditLevel;
        this.listener = b.verifier.listener();
    }

    /**
     * A builder around a verifier: realm {@value #DEFAULT_REALM}, merchant header {@value
     * #DEFAULT_MERCHANT_HEADER}, plain HTTP allowed, {@link Authorizer#defaults()}, rate-limit
     * buckets in memory on the verifier's clock.
     *
     * @throws NullPointerException if {@code verifier} is null
     */
    public static Builder builder(TokenVerifier verifier) {
        return new Builder(verifier);
    }

    /**
     * A builder holding this guard's settings (the same rate-limit store), to make a changed copy.
     */
    public Builder toBuilder() {
        return new Builder(verifier).authorizer(authorizer).realm(realm).merchantHeader(merchantHeader)
                .requireHttps(requireHttps).trustForwardedProto(trustForwardedProto).rateLimiter(rateLimiter)
                .adapter(adapter).auditLevel(auditLevel);
    }

    /**
     * Whether the request counts as HTTPS for this guard ({@link Transport#isHttps}: its connection's
     * TLS, or a trusted last {@code X-Forwarded-Proto}), for what an adapter reports as {@code
     * isSecure()}.
     */
    public boolean isHttps(RequestView request) {
        return Transport.isHttps(request.tlsConnection(), request.headers(Transport.FORWARDED_PROTO), trustForwardedProto);
    }

    /**
     * Decides a request.
     *
     * @param request   the request, as the adapter reads it
     * @param operation what the operation it targets asks
     * @return allow, or the answer to write
     */
    public GuardAnswer check(RequestView request, Operation operation) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(operation, "operation");
        if (requireHttps && !isHttps(request)) {
            return refuse(request, BearerError.of(Reason.INVALID_REQUEST, "HTTPS is required"), null, null);
        }
        if (operation.access() == Operation.Access.NOBODY) {
            return refuse(request, BearerError.of(Reason.INSUFFICIENT_SCOPE, "this operation is open to no token"), null, null);
        }
        VerifiedToken token = request.attribute(TOKEN_ATTRIBUTE) instanceof VerifiedToken t && t.verifiedBy(verifier)
                ? t : null;
        List<String> merchants = request.headers(merchantHeader);
        if (operation.access() == Operation.Access.PUBLIC) {
            // No token is needed and none is read (a verification would burn its jti); one another
            // adapter verified stays available to the application.
            if (token != null && merchants.size() <= 1) {
                return allow(request, token, merchants.isEmpty() ? null : merchants.get(0));
            }
            report(request, 200, RequestEvent.Outcome.PUBLIC, null);
            return GuardAnswer.allow(null, authorizer, null);
        }
        if (merchants.size() > 1) {
            return refuse(request, BearerError.of(Reason.INVALID_REQUEST, "more than one merchant account header"), null, null);
        }
        String merchant = merchants.isEmpty() ? null : merchants.get(0);
        if (token == null) {
            try {
                token = verifier.verify(BearerHeader.extract(request.headers("Authorization")));
            } catch (TokenRejectedException e) {
                return refuse(request, e.error(), e, null);
            } catch (VerifierUnavailableException e) {
                return unavailable(request, e);
            } catch (RuntimeException e) {
                return failure(request, e);
            }
        }
        Optional<BearerError> denied = authorizer.check(token, operation.requirements(), merchant);
        if (denied.isEmpty()) {
            denied = bindings(request, token, operation);
        }
        if (denied.isPresent()) {
            return refuse(request, denied.get(), null, token);
        }
        if (operation.rateLimit().isPresent()) {
            Optional<RateLimitExceeded> over;
            try {
                over = operation.rateLimit().get().check(rateLimiter, token, operation.name());
            } catch (VerifierUnavailableException e) {
                return unavailable(request, e);
            } catch (RuntimeException e) {
                return failure(request, e);
            }
            if (over.isPresent()) {
                return tooMany(request, over.get(), token);
            }
        }
        return allow(request, token, merchant);
    }

    private Optional<BearerError> bindings(RequestView request, VerifiedToken token, Operation operation) {
        for (Operation.ClaimBinding b : operation.bindings()) {
            List<String> values = request.pathParameter(b.parameter());
            if (values.isEmpty()) {
                Optional<BearerError> e = Authorizer.checkClaim(token, b.claim(), null, b.required());
                if (e.isPresent()) {
                    return e;
                }
                continue;
            }
            for (String v : values) {
                Optional<BearerError> e = Authorizer.checkClaim(token, b.claim(), v, b.required());
                if (e.isPresent()) {
                    return e;
                }
            }
        }
        return Optional.empty();
    }

    private GuardAnswer allow(RequestView request, VerifiedToken token, String merchantHeaderValue) {
        report(request, 200, RequestEvent.Outcome.ACCEPTED, token);
        BearerPrincipal principal = new BearerPrincipal(token,
                Authorizer.merchantAccount(token, merchantHeaderValue).orElse(null));
        return GuardAnswer.allow(principal, authorizer, merchantHeaderValue);
    }

    // -- answers ------------------------------------------------------------------------------------

    /**
     * The answer to a refusal an application raised itself (a {@code PinMismatchException} from
     * {@code EmbedPins.apply}, a {@code TokenRejectedException}): the same status, challenge and
     * body the guard writes, logged the same way.
     *
     * @param request the request, for the log line
     * @param error   the error
     * @return the answer to write
     */
    public GuardAnswer refusal(RequestView request, BearerError error) {
        return refuse(request, error, null, null);
    }

    /**
     * As {@link #refusal(RequestView, BearerError)} where the request is not at hand (an exception
     * mapper): the log line names no method or path.
     */
    public GuardAnswer refusal(BearerError error) {
        return refuse(UNKNOWN_REQUEST, error, null, null);
    }

    /** As {@link #unavailable(RequestView, VerifierUnavailableException)} where the request is not at hand. */
    public GuardAnswer unavailable(VerifierUnavailableException e) {
        return unavailable(UNKNOWN_REQUEST, e);
    }

    private static final RequestView UNKNOWN_REQUEST = new RequestView() {
        @Override
        public String method() {
            return "-";
        }

        @Override
        public String path() {
            return "-";
        }

        @Override
        public List<String> headers(String name) {
            return List.of();
        }

        @Override
        public boolean tlsConnection() {
            return false;
        }

        @Override
        public Object attribute(String name) {
            return null;
        }
    };

    /**
     * The 503 answer to an outage met outside {@link #check} (a resource that verifies or counts
     * itself): no challenge, the caller's credentials are not at fault.
     */
    public GuardAnswer unavailable(RequestView request, VerifierUnavailableException e) {
        AUDIT.log(Level.WARNING, () -> auditLine("unavailable", 503, e.kind().value(), null, null, null, request)
                + " detail=" + Sanitizer.text(e.getMessage()));
        if (listener != BearerguardListener.NONE) {
            RequestEvent event = new RequestEvent(adapter, request.method(), request.path(), 503,
                    RequestEvent.Outcome.UNAVAILABLE, null, null, null, null, e.kind());
            Listeners.safely(() -> listener.requestDecided(event));
        }
        return GuardAnswer.answer(GuardAnswer.Kind.UNAVAILABLE, 503, noStore(),
                BearerHeader.errorBody(503, "the token cannot be checked right now; try again later"), null);
    }

    private GuardAnswer failure(RequestView request, RuntimeException e) {
        // A bug in a seam (key resolver, replay store, limiter): no detail reaches the caller.
        AUDIT.log(Level.ERROR, auditLine("failure", 500, "internal", null, null, null, request), e);
        report(request, 500, RequestEvent.Outcome.FAILED, null, null, null, null);
        return GuardAnswer.answer(GuardAnswer.Kind.FAILURE, 500, noStore(), BearerHeader.errorBody(500, "internal error"), null);
    }

    private GuardAnswer refuse(RequestView request, BearerError error, TokenRejectedException rejected, VerifiedToken token) {
        String kid = rejected != null ? rejected.kid().orElse(null) : token != null ? token.kid() : null;
        String jti = rejected != null ? rejected.jti().orElse(null) : token != null ? token.jti().orElse(null) : null;
        String iss = rejected != null ? rejected.issuer().orElse(null) : token != null ? token.issuer().orElse(null) : null;
        audit(() -> auditLine("refused", error.httpStatus(), error.reason().value(), kid, jti, iss, request));
        report(request, error.httpStatus(), RequestEvent.Outcome.REFUSED, error.reason(), kid, jti, iss);
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("WWW-Authenticate", BearerChallenge.format(realm, error));
        headers.putAll(noStore());
        return GuardAnswer.answer(GuardAnswer.Kind.REFUSE, error.httpStatus(), headers, BearerHeader.errorBody(error), error);
    }

    private GuardAnswer tooMany(RequestView request, RateLimitExceeded over, VerifiedToken token) {
        audit(() -> auditLine("rate_limited", 429, "rate_limited", token.kid(), token.jti().orElse(null),
                token.issuer().orElse(null), request));
        report(request, 429, RequestEvent.Outcome.RATE_LIMITED, token);
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Retry-After", Long.toString(over.retryAfterSeconds()));
        headers.putAll(noStore());
        return GuardAnswer.answer(GuardAnswer.Kind.RATE_LIMITED, RateLimitExceeded.STATUS, headers, over.body(), null);
    }

    private static Map<String, String> noStore() {
        return Map.of("Cache-Control", "no-store");
    }

    /** The audit line of a refusal or rate limit, at the configured level (OFF writes none: the JDK would log at OFF). */
    private void audit(java.util.function.Supplier<String> line) {
        if (auditLevel != Level.OFF) {
            AUDIT.log(auditLevel, line);
        }
    }

    /** One audit line, its fields in the order of {@link #AUDIT_FIELDS}. */
    private String auditLine(String event, int status, String reason, String kid, String jti, String iss,
            RequestView request) {
        return "bearerguard: event=" + event + " status=" + status + " reason=" + reason + " " + Sanitizer.ids(kid, jti, iss)
                + " adapter=" + Sanitizer.field(adapter) + " method=" + Sanitizer.field(request.method())
                + " path=" + Sanitizer.field(request.path());
    }

    private void report(RequestView request, int status, RequestEvent.Outcome outcome, VerifiedToken token) {
        report(request, status, outcome, null, token != null ? token.kid() : null,
                token != null ? token.jti().orElse(null) : null, token != null ? token.issuer().orElse(null) : null);
    }

    private void report(RequestView request, int status, RequestEvent.Outcome outcome, Reason reason, String kid,
            String jti, String iss) {
        if (listener == BearerguardListener.NONE) {
            return;
        }
        RequestEvent event = new RequestEvent(adapter, request.method(), request.path(), status, outcome, reason,
                kid, jti, iss);
        Listeners.safely(() -> listener.requestDecided(event));
    }

    // -- accessors ----------------------------------------------------------------------------------

    /** The verifier. */
    public TokenVerifier verifier() {
        return verifier;
    }

    /** The authorizer. */
    public Authorizer authorizer() {
        return authorizer;
    }

    /** The realm of every challenge. */
    public String realm() {
        return realm;
    }

    /** The merchant-account header. */
    public String merchantHeader() {
        return merchantHeader;
    }

    /** Whether requests that did not arrive over TLS are refused. */
    public boolean requireHttps() {
        return requireHttps;
    }

    /** Whether the last {@code X-Forwarded-Proto} counts as TLS. */
    public boolean trustForwardedProto() {
        return trustForwardedProto;
    }

    /** The store of rate-limit buckets. */
    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** The adapter's name in logs and events. */
    public String adapter() {
        return adapter;
    }

    /** The level of the audit line of a refused or rate-limited request. */
    public Level auditLevel() {
        return auditLevel;
    }

    /**
     * Reads an audit level as deployments write it ({@code audit-level} init-param, a command-line
     * flag): {@code off}, {@code trace}, {@code debug}, {@code info}, {@code warning} (or {@code
     * warn}), {@code error}, in any case.
     *
     * @param text the level's name
     * @return the level
     * @throws IllegalArgumentException if {@code text} names no level
     */
    public static Level parseAuditLevel(String text) {
        Objects.requireNonNull(text, "text");
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "off" -> Level.OFF;
            case "trace" -> Level.TRACE;
            case "debug" -> Level.DEBUG;
            case "info" -> Level.INFO;
            case "warn", "warning" -> Level.WARNING;
            case "error" -> Level.ERROR;
            default -> throw new IllegalArgumentException("`" + Sanitizer.text(text)
                    + "` is not an audit level (off, trace, debug, info, warning, error)");
        };
    }

    /**
     * Whether {@code name} is a legal HTTP header name (an RFC 9110 token).
     *
     * @param name the name
     */
    public static boolean isHeaderName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Configures a {@link RequestGuard}. Not thread-safe; {@link #build()} copies everything.
     */
    public static final class Builder {
        private final TokenVerifier verifier;
        private Authorizer authorizer = Authorizer.defaults();
        private String realm = DEFAULT_REALM;
        private String merchantHeader = DEFAULT_MERCHANT_HEADER;
        private boolean requireHttps;
        private boolean trustForwardedProto;
        private RateLimiter rateLimiter;
        private String adapter = "http";
        private Level auditLevel = Level.DEBUG;

        private Builder(TokenVerifier verifier) {
            this.verifier = Objects.requireNonNull(verifier, "verifier");
        }

        /** The realm of every {@code WWW-Authenticate} challenge; default {@value #DEFAULT_REALM}. */
        public Builder realm(String realm) {
            this.realm = Objects.requireNonNull(realm, "realm");
            return this;
        }

        /** The header naming the merchant account; default {@value #DEFAULT_MERCHANT_HEADER}. */
        public Builder merchantHeader(String header) {
            this.merchantHeader = Objects.requireNonNull(header, "header");
            return this;
        }

        /** Whether requests that did not arrive over TLS are refused (400); default false. */
        public Builder requireHttps(boolean require) {
            this.requireHttps = require;
            return this;
        }

        /**
         * With {@link #requireHttps}: whether the last {@code X-Forwarded-Proto} value {@code https}
         * counts as TLS (only behind a proxy that sets it); default false.
         */
        public Builder trustForwardedProto(boolean trust) {
            this.trustForwardedProto = trust;
            return this;
        }

        /** The authorizer; default {@link Authorizer#defaults()}. */
        public Builder authorizer(Authorizer authorizer) {
            this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
            return this;
        }

        /** The store of rate-limit buckets; default in memory on the verifier's clock. */
        public Builder rateLimiter(RateLimiter limiter) {
            this.rateLimiter = Objects.requireNonNull(limiter, "limiter");
            return this;
        }

        /** The adapter's name in logs and events ({@code servlet}, {@code jaxrs}); default {@code http}. */
        public Builder adapter(String name) {
            this.adapter = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * The level of the one audit line per refused or rate-limited request; default DEBUG
         * (outages are always WARNING, failures ERROR). A deployment that keeps an audit trail of
         * refusals sets INFO.
         */
        public Builder auditLevel(Level level) {
            this.auditLevel = Objects.requireNonNull(level, "level");
            return this;
        }

        /**
         * @throws IllegalArgumentException if the realm cannot be written in a challenge, the merchant
         *                                  header is not a header name, or forwarded-proto trust is
         *                                  asked for without requiring HTTPS
         */
        public RequestGuard build() {
            BearerChallenge.format(realm, BearerError.of(Reason.NO_CREDENTIALS, ""));
            if (!isHeaderName(merchantHeader)) {
                throw new IllegalArgumentException("`" + Sanitizer.text(merchantHeader) + "` is not a valid header name");
            }
            if (trustForwardedProto && !requireHttps) {
                throw new IllegalArgumentException("trust-forwarded-proto only makes sense with require-https");
            }
            return new RequestGuard(this);
        }
    }
}
