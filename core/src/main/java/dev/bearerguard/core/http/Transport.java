package dev.bearerguard.core.http;

import java.util.List;

/**
 * Whether a request arrived over TLS, decided the one way the contract allows: from its
 * <em>connection</em>, or, behind a proxy the deployment trusts, from the last value of that
 * proxy's {@code X-Forwarded-Proto} — never from the scheme a client writes in its request line
 * ({@code GET https://host/path HTTP/1.1} over plain HTTP is still plain HTTP).
 *
 * <p>Adapters tell the connection's TLS from what the container knows of the connection itself: a
 * servlet container sets the request attribute {@value #CIPHER_SUITE_ATTRIBUTE} exactly on requests
 * that came over TLS (Servlet 6.0 §3.10), and Jersey and RESTEasy running as servlets expose the
 * same attribute as a request property. A runtime without a servlet request cannot say, and an
 * adapter there reports "not TLS".
 *
 * <p>Stateless and thread-safe.
 */
public final class Transport {

    /** The servlet request attribute present on requests that arrived over TLS: {@value}. */
    public static final String CIPHER_SUITE_ATTRIBUTE = "jakarta.servlet.request.cipher_suite";
    /** The proxy header naming the scheme the client used: {@value}. */
    public static final String FORWARDED_PROTO = "X-Forwarded-Proto";

    private Transport() {
    }

    /**
     * @param tlsConnection        whether the request's own connection is TLS
     * @param forwardedProto       every {@code X-Forwarded-Proto} header value, in order (may be empty)
     * @param trustForwardedProto  whether the deployment sits behind a proxy that sets the header;
     *                             only then does the header count, and only its <em>last</em> value
     *                             (a proxy appends; a client can only put values in front)
     * @return whether the request is to be treated as HTTPS
     */
    public static boolean isHttps(boolean tlsConnection, List<String> forwardedProto, boolean trustForwardedProto) {
        if (tlsConnection) {
            return true;
        }
        if (!trustForwardedProto || forwardedProto == null) {
            return false;
        }
        String last = null;
        for (String header : forwardedProto) {
            if (header == null) {
                continue;
            }
            for (String v : header.split(",", -1)) {
                last = v.strip();
            }
        }
        return "https".equalsIgnoreCase(last);
    }
}
