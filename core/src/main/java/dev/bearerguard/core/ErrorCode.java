package dev.bearerguard.core;

/**
 * The RFC 6750 §3.1 error codes, with the HTTP status each one answers with.
 */
public enum ErrorCode {
    /** No credentials at all: 401 with a bare challenge and no error code (RFC 6750 §3.1). */
    NO_CREDENTIALS(null, 401),
    /** The request is malformed (a broken header, two credentials): 400. */
    INVALID_REQUEST("invalid_request", 400),
    /** The token is bad, expired, replayed or signed by an unknown key: 401. */
    INVALID_TOKEN("invalid_token", 401),
    /** The token is good but does not allow this request: 403. */
    INSUFFICIENT_SCOPE("insufficient_scope", 403);

    private final String value;
    private final int status;

    ErrorCode(String value, int status) {
        this.value = value;
        this.status = status;
    }

    /** The {@code error} attribute value, or {@code null} for {@link #NO_CREDENTIALS}. */
    public String value() {
        return value;
    }

    /** The HTTP status code. */
    public int httpStatus() {
        return status;
    }
}
