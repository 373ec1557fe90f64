package dev.bearerguard.jaxrs;

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

    private JettyJersey(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    static JettyJersey start(ResourceConfig app, Filter servletFilter) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
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
        return new JettyJersey(server, connector);
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
