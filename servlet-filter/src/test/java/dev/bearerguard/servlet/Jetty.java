package dev.bearerguard.servlet;

import dev.bearerguard.test.TestTls;

import jakarta.servlet.Filter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A real embedded Jetty 12 (ee10) on a free loopback port, for tests. */
final class Jetty implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;
    private final String contextPath;
    private WebAppContext webApp;

    private Jetty(Server server, ServerConnector connector, String contextPath) {
        this.server = server;
        this.connector = connector;
        this.contextPath = contextPath;
    }

    /**
     * Deploys the web application whose {@code WEB-INF/web.xml} lies under the test resource
     * directory {@code dir}, at {@code /app}.
     *
     * @param attributes servlet context attributes set before start (as a listener would)
     */
    static Jetty webApp(String dir, Map<String, Object> attributes) throws Exception {
        return webApp(dir, attributes, true);
    }

    /**
     * As {@link #webApp(String, Map)}; with {@code throwOnFailure} false the server starts even if
     * the application fails to (Jetty's deployer behaviour), leaving that application unavailable.
     */
    static Jetty webApp(String dir, Map<String, Object> attributes, boolean throwOnFailure) throws Exception {
        Server server = new Server();
        ServerConnector connector = connector(server);
        WebAppContext context = new WebAppContext();
        context.setContextPath("/app");
        context.setBaseResourceAsPath(resource(dir));
        context.setParentLoaderPriority(true);
        context.setThrowUnavailableOnStartupException(throwOnFailure);
        attributes.forEach(context::setAttribute);
        server.setHandler(context);
        Jetty jetty = start(server, connector, "/app");
        jetty.webApp = context;
        return jetty;
    }

    /**
     * Why the web application of {@link #webApp(String, Map, boolean)} did not start: the exception
     * Jetty logged ({@code WARN Failed startup of context …}) and put it out of service for.
     */
    java.util.Optional<Throwable> startupFailure() {
        return java.util.Optional.ofNullable(webApp == null ? null : webApp.getUnavailableException());
    }

    /** A context at {@code /app} with {@code filter} (and its init-params) in front of {@link EchoServlet}. */
    static Jetty withFilter(FilterHolder filter) throws Exception {
        Server server = new Server();
        ServerConnector connector = connector(server);
        ServletContextHandler context = new ServletContextHandler("/app");
        context.addFilter(filter, "/*", EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new EchoServlet()), "/*");
        server.setHandler(context);
        return start(server, connector, "/app");
    }

    /**
     * As {@link #withFilter(FilterHolder)} behind a connector whose {@link ForwardedRequestCustomizer}
     * lets the container itself take the scheme from {@code X-Forwarded-Proto}, so {@code isSecure()}
     * answers true for a request a TLS-terminating proxy forwarded.
     */
    static Jetty withFilterBehindProxy(Filter filter) throws Exception {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.addCustomizer(new ForwardedRequestCustomizer());
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/app");
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new EchoServlet()), "/*");
        server.setHandler(context);
        return start(server, connector, "/app");
    }

    /**
     * As {@link #withFilter(Filter)} on two connectors: plain HTTP ({@link #uri()}) and TLS with
     * {@code tls}'s certificate ({@link #tlsUri()}), the way Jetty sets up HTTPS
     * ({@code SecureRequestCustomizer}, which sets the cipher-suite request attribute).
     */
    static Jetty withFilterAndTls(Filter filter, dev.bearerguard.test.TestTls tls) throws Exception {
        Server server = new Server();
        ServerConnector plain = connector(server);
        org.eclipse.jetty.util.ssl.SslContextFactory.Server ssl = new org.eclipse.jetty.util.ssl.SslContextFactory.Server();
        ssl.setKeyStorePath(tls.keyStore().toString());
        ssl.setKeyStorePassword(tls.password());
        ssl.setKeyStoreType("PKCS12");
        HttpConfiguration https = new HttpConfiguration();
        org.eclipse.jetty.server.SecureRequestCustomizer src = new org.eclipse.jetty.server.SecureRequestCustomizer();
        src.setSniHostCheck(false);
        https.addCustomizer(src);
        ServerConnector secure = new ServerConnector(server, 1, 1,
                new org.eclipse.jetty.server.SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
        secure.setHost("127.0.0.1");
        secure.setPort(0);
        server.addConnector(secure);
        ServletContextHandler context = new ServletContextHandler("/app");
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new EchoServlet()), "/*");
        server.setHandler(context);
        Jetty jetty = start(server, plain, "/app");
        jetty.tlsPort = secure.getLocalPort();
        return jetty;
    }

    private int tlsPort = -1;

    /** The base URI over TLS, for a server made by {@link #withFilterAndTls}. */
    URI tlsUri() {
        return URI.create("https://127.0.0.1:" + tlsPort + contextPath);
    }

    /** The plain HTTP port. */
    int port() {
        return connector.getLocalPort();
    }

    /** As {@link #withFilter(FilterHolder)} for a filter instance made in code. */
    static Jetty withFilter(Filter filter) throws Exception {
        return withFilter(new FilterHolder(filter));
    }

    private static ServerConnector connector(Server server) {
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        return connector;
    }

    private static Jetty start(Server server, ServerConnector connector, String contextPath) throws Exception {
        Jetty jetty = new Jetty(server, connector, contextPath);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return jetty;
    }

    private static Path resource(String dir) throws URISyntaxException {
        return Path.of(Jetty.class.getResource("/" + dir).toURI());
    }

    /** The base URI of the application, without a trailing slash. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + contextPath);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
