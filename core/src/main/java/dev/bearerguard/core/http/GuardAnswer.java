package dev.bearerguard.core.http;

import dev.bearerguard.core.Authorizer;
import dev.bearerguard.core.BearerError;
import dev.bearerguard.core.BearerPrincipal;
import dev.bearerguard.core.VerifiedToken;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link RequestGuard#check} decided for one request, in a form any adapter writes out as it
 * is: either <em>allow</em> (go on, with the principal when a token was verified), or an answer to
 * send — status, headers ({@code WWW-Authenticate}, {@code Retry-After}, {@code Cache-Control}) and
 * a small JSON body ({@link #CONTENT_TYPE}).
 *
 * <p>Immutable and thread-safe.
 */
public final class GuardAnswer {

    /** The content type of every answer body. */
    public static final String CONTENT_TYPE = "application/json;charset=UTF-8";

    /** What was decided. */
    public enum Kind {
        /** Go on to the application. */
        ALLOW,
        /** 400, 401 or 403: the request or its token is at fault. */
        REFUSE,
        /** 429: the token is over its rate limit. */
        RATE_LIMITED,
        /** 503: the server cannot decide now (key source or store down); the caller may retry. */
        UNAVAILABLE,
        /** 500: an unexpected failure (a bug in a seam); no detail is sent. */
        FAILURE
    }

    private final Kind kind;
    private final int status;
    private final Map<String, String> headers;
    private final String body;
    private final BearerError error;
    private final BearerPrincipal principal;
    private final Authorizer authorizer;
    private final String merchantHeader;

    private GuardAnswer(Kind kind, int status, Map<String, String> headers, String body, BearerError error,
            BearerPrincipal principal, Authorizer authorizer, String merchantHeader) {
        this.kind = kind;
        this.status = status;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.body = body;
        this.error = error;
        this.principal = principal;
        this.authorizer = authorizer;
        this.merchantHeader = merchantHeader;
    }

    static GuardAnswer allow(BearerPrincipal principal, Authorizer authorizer, String merchantHeader) {
        return new GuardAnswer(Kind.ALLOW, 200, Map.of(), null, null, principal, authorizer, merchantHeader);
    }

    static GuardAnswer answer(Kind kind, int status, Map<String, String> headers, String body, BearerError error) {
        return new GuardAnswer(kind, status, headers, Objects.requireNonNull(body, "body"), error, null, null, null);
    }

    /** What was decided. */
    public Kind kind() {
        return kind;
    }

    /** Whether the request goes on to the application. */
    public boolean allowed() {
        return kind == Kind.ALLOW;
    }

    /** The status to answer with (200 for an allowed request: the application's to choose). */
    public int status() {
        return status;
    }

    /** The headers to answer with, in order (empty for an allowed request). */
    public Map<String, String> headers() {
        return headers;
    }

    /** The JSON body to answer with ({@link #CONTENT_TYPE}), or null for an allowed request. */
    public String body() {
        return body;
    }

    /** For a refusal, the RFC 6750 error. */
    public Optional<BearerError> error() {
        return Optional.ofNullable(error);
    }

    /** For an allowed request with a verified token: the principal (the token and the merchant account). */
    public Optional<BearerPrincipal> principal() {
        return Optional.ofNullable(principal);
    }

    /** For an allowed request with a verified token: the token. */
    public Optional<VerifiedToken> token() {
        return principal().map(BearerPrincipal::token);
    }

    /**
     * The one role rule behind both adapters' {@code isUserInRole}: {@code "**"} (Servlet: any
     * authenticated user) for any verified token; otherwise the role read as a scope requirement
     * ({@code transactions.read}, {@code transactions.write|embed} for any of them) and decided by
     * {@link Authorizer#hasRole} for this request's merchant account — merchant restriction and pin,
     * access level, scopes. False without a token.
     *
     * @param role the role asked about
     * @return whether the request's token grants it
     */
    public boolean isUserInRole(String role) {
        if (principal == null || role == null) {
            return false;
        }
        return role.equals("**") || authorizer.hasRole(principal.token(), role, merchantHeader);
    }

    @Override
    public String toString() {
        return "GuardAnswer[" + kind + " " + status + (error != null ? " " + error.reason().value() : "") + "]";
    }
}
