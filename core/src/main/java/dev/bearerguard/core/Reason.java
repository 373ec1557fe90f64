package dev.bearerguard.core;

import java.util.Locale;

/**
 * Machine-readable reasons for a refusal: finer than the RFC 6750 code, stable across releases,
 * safe to log and to put in metrics. Each reason belongs to exactly one {@link ErrorCode}.
 */
public enum Reason {
    /** No {@code Authorization} header. */
    NO_CREDENTIALS(ErrorCode.NO_CREDENTIALS),
    /** The {@code Authorization} header is broken, duplicated, or has no token. */
    INVALID_REQUEST(ErrorCode.INVALID_REQUEST),
    /** The token is longer than the configured maximum. */
    TOO_LARGE(ErrorCode.INVALID_TOKEN),
    /** Not three strict base64url segments of strict JSON, or a header rule is broken. */
    MALFORMED(ErrorCode.INVALID_TOKEN),
    /** The {@code alg} is not allowed, or does not match the key. */
    UNSUPPORTED_ALGORITHM(ErrorCode.INVALID_TOKEN),
    /** The {@code kid} names no trusted key. */
    UNKNOWN_KEY(ErrorCode.INVALID_TOKEN),
    /** {@code exp} (plus skew) is past. */
    EXPIRED(ErrorCode.INVALID_TOKEN),
    /** {@code nbf} (minus skew) is in the future. */
    NOT_YET_VALID(ErrorCode.INVALID_TOKEN),
    /** A time claim looks like milliseconds rather than seconds. */
    TIMESTAMP_IN_MILLISECONDS(ErrorCode.INVALID_TOKEN),
    /** {@code exp - nbf} is longer than the configured maximum lifetime. */
    LIFETIME_TOO_LONG(ErrorCode.INVALID_TOKEN),
    /** A required claim is absent. */
    MISSING_CLAIM(ErrorCode.INVALID_TOKEN),
    /** A claim has the wrong type or an impossible value. */
    INVALID_CLAIM(ErrorCode.INVALID_TOKEN),
    /** {@code iss} is not on the configured allow-list. */
    UNTRUSTED_ISSUER(ErrorCode.INVALID_TOKEN),
    /** The signature does not verify. */
    BAD_SIGNATURE(ErrorCode.INVALID_TOKEN),
    /** The {@code jti} was already used. */
    REPLAYED(ErrorCode.INVALID_TOKEN),
    /** The token lacks a scope the request needs. */
    INSUFFICIENT_SCOPE(ErrorCode.INSUFFICIENT_SCOPE),
    /** The token's key may not act for the merchant account the request names. */
    MERCHANT_NOT_ALLOWED(ErrorCode.INSUFFICIENT_SCOPE),
    /** The token's key is restricted to processing and the request is outside it. */
    ACCESS_LEVEL(ErrorCode.INSUFFICIENT_SCOPE),
    /** The request changes a value the token pins ({@code embed}). */
    PIN_MISMATCH(ErrorCode.INSUFFICIENT_SCOPE),
    /** The request is about another customer, invoice or other bound claim than the token's. */
    CLAIM_MISMATCH(ErrorCode.INSUFFICIENT_SCOPE);

    private final ErrorCode code;

    Reason(ErrorCode code) {
        this.code = code;
    }

    /** The RFC 6750 code this reason answers with. */
    public ErrorCode errorCode() {
        return code;
    }

    /** The reason as a lower-case token, e.g. {@code "timestamp_in_milliseconds"}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
