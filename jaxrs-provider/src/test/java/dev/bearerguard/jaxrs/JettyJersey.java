package dev.bearerguard.jaxrs;

import dev.bearerguard.test.TestTls;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.net.URI;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * Jersey as a servlet in an embedded Jetty 12 (ee10) on a free loopback port, optionally behind a
 * servlet filter, as an application that uses both adapters is deployed.
 */
final class JettyJersey implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;
    private final ServerConnector tlsConnector;

    private JettyJersey(Server server, ServerConnector connector, ServerConnector tlsConnector) {
        this.server = server;
        this.connector = connector;
        this.tlsConnector = tlsConnector;
    }

    static JettyJersey start(ResourceConfig app, Filter servletFilter) throws Exception {
        return start(app, servletFilter, null);
    }

    /** As {@link #start(ResourceConfig, Filter)}, with a second, TLS connector when {@code tls} is given. */
    static JettyJersey start(ResourceConfig app, Filter servletFilter, dev.bearerguard.test.TestTls tls) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServerConnector secure = null;
        if (tls != null) {
            org.eclipse.jetty.util.ssl.SslContextFactory.Server ssl = new org.eclipse.jetty.util.ssl.SslContextFactory.Server();
            ssl.setKeyStorePath(tls.keyStore().toString());
            ssl.setKeyStorePassword(tls.password());
            ssl.setKeyStoreType("PKCS12");
            org.eclipse.jetty.server.HttpConfiguration https = new org.eclipse.jetty.server.HttpConfiguration();
            org.eclipse.jetty.server.SecureRequestCustomizer src = new org.eclipse.jetty.server.SecureRequestCustomizer();
            src.setSniHostCheck(false);
            https.addCustomizer(src);
            secure = new ServerConnector(server, 1, 1, new org.eclipse.jetty.server.SslConnectionFactory(ssl, "http/1.1"),
                    new org.eclipse.jetty.server.HttpConnectionFactory(https));
            secure.setHost("127.0.0.1");
            secure.setPort(0);
            server.addConnector(secure);
        }
        ServletContextHandler context = new ServletContextHandler("/app");
        if (servletFilter != null) {
            context.addFilter(new FilterHolder(servletFilter), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        context.addServlet(new ServletHolder(new ServletContainer(app)), "/*");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new JettyJersey(server, connector, secure);
    }

    /** The application's base URI over TLS (a server started with a {@code TestTls}). */
    URI tlsUri() {
        return URI.create("https://127.0.0.1:" + tlsConnector.getLocalPort() + "/app");
    }

    /** The plain HTTP port. */
    int port() {
        return connector.getLocalPort();
    }

    /** The application's base URI, without a trailing slash. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/app");
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }
}
