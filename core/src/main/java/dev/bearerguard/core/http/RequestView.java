package dev.bearerguard.core.http;

import java.util.List;

/**
 * What the request guard reads of a request, as an adapter translates it from its framework's
 * request: method, path, headers, whether the connection is TLS, request attributes, path
 * parameters. Nothing more is read: never a query string or a body.
 *
 * <p>An implementation wraps one request and is used by one thread.
 */
public interface RequestView {

    /** The HTTP method, as sent ({@code GET}). */
    String method();

    /** The path inside the application, decoded and normalised by the container. */
    String path();

    /**
     * Every value of a header, in order; empty (never null) when there is none.
     *
     * @param name the header name (any case)
     */
    List<String> headers(String name);

    /**
     * Whether the request's own connection is TLS — a fact about the connection, e.g. the servlet
     * container's {@value Transport#CIPHER_SUITE_ATTRIBUTE} attribute, never the scheme a client
     * writes in its request line. A runtime that cannot tell answers false.
     */
    boolean tlsConnection();

    /**
     * A request attribute (servlet attribute, JAX-RS property), or null. The guard reads {@value
     * RequestGuard#TOKEN_ATTRIBUTE}: a token another Bearerguard adapter verified for this request.
     */
    Object attribute(String name);

    /**
     * The values of a path parameter, for claim bindings; empty when the request has none (the
     * default, for adapters that bind no claims).
     */
    default List<String> pathParameter(String name) {
        return List.of();
    }
}
