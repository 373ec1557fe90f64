package dev.bearerguard.jaxrs.internal;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request context fake for filter unit tests: method, headers, properties, security context,
 * abort. {@link #answered()} turns it into the request a response filter sees, which (as in every
 * runtime) can no longer be aborted or given a security context.
 */
final class FakeRequest implements ContainerRequestContext {

    private final Map<String, Object> properties = new HashMap<>();
    private final MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
    private SecurityContext security;
    private String method = "GET";
    private boolean answered;
    Response aborted;

    FakeRequest method(String name) {
        this.method = name;
        return this;
    }

    FakeRequest answered() {
        this.answered = true;
        return this;
    }

    FakeRequest header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    @Override
    public Object getProperty(String name) {
        return properties.get(name);
    }

    @Override
    public Collection<String> getPropertyNames() {
        return new ArrayList<>(properties.keySet());
    }

    @Override
    public void setProperty(String name, Object object) {
        properties.put(name, object);
    }

    @Override
    public void removeProperty(String name) {
        properties.remove(name);
    }

    @Override
    public MultivaluedMap<String, String> getHeaders() {
        return headers;
    }

    @Override
    public String getHeaderString(String name) {
        List<String> v = headers.get(name);
        return v == null ? null : String.join(",", v);
    }

    @Override
    public SecurityContext getSecurityContext() {
        return security;
    }

    @Override
    public void setSecurityContext(SecurityContext context) {
        if (answered) {
            throw new IllegalStateException("setSecurityContext in a response filter");
        }
        this.security = context;
    }

    @Override
    public void abortWith(Response response) {
        if (answered) {
            throw new IllegalStateException("abortWith in a response filter");
        }
        this.aborted = response;
    }

    @Override
    public String getMethod() {
        return method;
    }

    @Override
    public UriInfo getUriInfo() {
        // Only what the guard reads: the path (for its log line) and the path parameters.
        return (UriInfo) java.lang.reflect.Proxy.newProxyInstance(UriInfo.class.getClassLoader(),
                new Class<?>[] {UriInfo.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getPath" -> "fake";
                    case "getPathParameters" -> new jakarta.ws.rs.core.MultivaluedHashMap<String, String>();
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    @Override
    public void setRequestUri(URI requestUri) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setRequestUri(URI baseUri, URI requestUri) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Request getRequest() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setMethod(String method) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Date getDate() {
        return null;
    }

    @Override
    public Locale getLanguage() {
        return null;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public MediaType getMediaType() {
        return null;
    }

    @Override
    public List<MediaType> getAcceptableMediaTypes() {
        return List.of();
    }

    @Override
    public List<Locale> getAcceptableLanguages() {
        return List.of();
    }

    @Override
    public Map<String, Cookie> getCookies() {
        return Map.of();
    }

    @Override
    public boolean hasEntity() {
        return false;
    }

    @Override
    public InputStream getEntityStream() {
        return InputStream.nullInputStream();
    }

    @Override
    public void setEntityStream(InputStream input) {
        throw new UnsupportedOperationException();
    }
}
