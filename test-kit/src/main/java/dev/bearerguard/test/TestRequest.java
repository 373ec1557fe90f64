package dev.bearerguard.test;

import dev.bearerguard.core.http.RequestView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A request as core's {@code RequestGuard} reads it, made by hand in a test: method, path, headers
 * (by name in any case, several values each), whether the connection is TLS, request attributes
 * and bound path parameters. For guard, listener and metrics tests that need no HTTP server.
 *
 * <pre>{@code
 * GuardAnswer a = guard.check(TestRequest.get("/transactions").bearer(token), operation);
 * }</pre>
 *
 * <p>Built up by its methods, which return it; not thread-safe while being built, safe to read from
 * any thread once handed to the guard and no longer changed.
 */
public final class TestRequest implements RequestView {

    private final String method;
    private final String path;
    private final Map<String, List<String>> headers = new HashMap<>();
    private final Map<String, Object> attributes = new HashMap<>();
    private final Map<String, List<String>> pathParameters = new HashMap<>();
    private boolean tls;

    private TestRequest(String method, String path) {
        this.method = Objects.requireNonNull(method, "method");
        this.path = Objects.requireNonNull(path, "path");
    }

    /** A {@code GET} of {@code path} (the path inside the application, with a leading slash). */
    public static TestRequest get(String path) {
        return new TestRequest("GET", path);
    }

    /** A request with {@code method} to {@code path}. */
    public static TestRequest of(String method, String path) {
        return new TestRequest(method, path);
    }

    /** Adds one value of the header {@code name} (names compare without regard to case). */
    public TestRequest header(String name, String value) {
        headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Adds {@code Authorization: Bearer <token>}. */
    public TestRequest bearer(String token) {
        return header("Authorization", "Bearer " + token);
    }

    /** Whether the request arrived over a TLS connection; default false. */
    public TestRequest tls(boolean tls) {
        this.tls = tls;
        return this;
    }

    /** Sets the request attribute {@code name} (as a container would hold it). */
    public TestRequest attribute(String name, Object value) {
        attributes.put(name, value);
        return this;
    }

    /** Binds the path parameter {@code name} to {@code values}. */
    public TestRequest pathParameter(String name, String... values) {
        pathParameters.put(name, List.of(values));
        return this;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    @Override
    public boolean tlsConnection() {
        return tls;
    }

    @Override
    public Object attribute(String name) {
        return attributes.get(name);
    }

    @Override
    public List<String> pathParameter(String name) {
        return pathParameters.getOrDefault(name, List.of());
    }
}
