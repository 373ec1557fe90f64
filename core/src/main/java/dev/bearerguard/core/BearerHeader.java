package dev.bearerguard.core;

import java.util.List;

/**
 * Extracts the token from {@code Authorization} header values (RFC 6750 §2.1), the same way for
 * every adapter. Only the header is read: tokens in query strings or form bodies are never looked
 * at.
 *
 * <p>Stateless and thread-safe.
 */
public final class BearerHeader {

    private BearerHeader() {
    }

    /**
     * @param values every {@code Authorization} header value of the request, in order (empty if
     *               there is none)
     * @return the token: the text after {@code Bearer } (scheme compared without regard to case),
     *     with surrounding spaces removed
     * @throws TokenRejectedException {@link Reason#NO_CREDENTIALS} (401, bare challenge) when there
     *     is no {@code Authorization} header or it uses another scheme; {@link
     *     Reason#INVALID_REQUEST} (400) when there are several, or the bearer header is broken or
     *     carries nothing
     */
    public static String extract(List<String> values) throws TokenRejectedException {
        if (values == null || values.isEmpty()) {
            throw new TokenRejectedException(BearerError.of(Reason.NO_CREDENTIALS, ""));
        }
        if (values.size() > 1) {
            throw new TokenRejectedException(BearerError.of(Reason.INVALID_REQUEST,
                    "more than one Authorization header"));
        }
        String v = values.get(0) == null ? "" : values.get(0).strip();
        int sp = indexOfSpace(v);
        String scheme = sp < 0 ? v : v.substring(0, sp);
        if (!scheme.equalsIgnoreCase("bearer")) {
            if (scheme.isEmpty()) {
                throw new TokenRejectedException(BearerError.of(Reason.INVALID_REQUEST, "Authorization header is empty"));
            }
            // Another scheme (Basic, …) is not a bearer credential at all.
            throw new TokenRejectedException(BearerError.of(Reason.NO_CREDENTIALS, ""));
        }
        String token = sp < 0 ? "" : v.substring(sp + 1).strip();
        if (token.isEmpty()) {
            throw new TokenRejectedException(BearerError.of(Reason.INVALID_REQUEST,
                    "Authorization header carries no token"));
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new TokenRejectedException(BearerError.of(Reason.INVALID_REQUEST,
                        "Authorization header holds more than one token or illegal characters"));
            }
        }
        return token;
    }

    private static int indexOfSpace(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) == ' ' || v.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The small JSON body both adapters send with an error, in the style of the reference API:
     * {@code {"type":"error","code":"unauthorized","status":401,"message":"…"}}.
     *
     * @param status  the HTTP status (400, 401, 403, 413, 429 or 503; another one is code {@code error})
     * @param message a message holding no token material
     */
    public static String errorBody(int status, String message) {
        String code = switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 413 -> "payload_too_large";
            case 429 -> "too_many_requests";
            case 503 -> "service_unavailable";
            default -> "error";
        };
        StringBuilder sb = new StringBuilder(96).append("{\"type\":\"error\",\"code\":\"").append(code)
                .append("\",\"status\":").append(status).append(",\"message\":");
        dev.bearerguard.core.json.JsonWriter.string(sb, message);
        return sb.append('}').toString();
    }

    /** As {@link #errorBody(int, String)} for a bearer error (message: its description, or a default). */
    public static String errorBody(BearerError error) {
        String msg = error.description().isEmpty()
                ? (error.code() == ErrorCode.NO_CREDENTIALS ? "bearer token required" : error.reason().value())
                : error.description();
        return errorBody(error.httpStatus(), msg);
    }
}
