package dev.bearerguard.jaxrs;

import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.ext.RuntimeDelegate;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jboss.resteasy.core.ResteasyDeploymentImpl;
import org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher;
import org.jboss.resteasy.spi.Dispatcher;
import org.jboss.resteasy.spi.ResteasyDeployment;
import org.jboss.resteasy.spi.ResteasyProviderFactory;

/**
 * RESTEasy 6.2 as a servlet ({@code HttpServlet30Dispatcher}) in an embedded Jetty 12 (ee10) on a
 * free loopback port: the second JAX-RS runtime. Runs only in the surefire execution whose class
 * path holds RESTEasy and no Jersey (see the module's pom).
 */
final class JettyResteasy implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;
    private final ResteasyDeployment deployment;
    private WebAppContext webApp;

    private JettyResteasy(Server server, ServerConnector connector, ResteasyDeployment deployment) {
        this.server = server;
        this.connector = connector;
        this.deployment = deployment;
    }

    /**
     * Deploys an application instance (one that needs constructor arguments, as the contract's
     * does): RESTEasy builds it before Jetty starts, so a deployment error throws from here.
     */
    static JettyResteasy start(Application application) throws Exception {
        requireResteasy();
        ResteasyDeployment deployment = new ResteasyDeploymentImpl();
        deployment.setApplication(application);
        deployment.start();
        ServletContextHandler context = new ServletContextHandler("/app");
        context.setAttribute(ResteasyDeployment.class.getName(), deployment);
        context.setAttribute(ResteasyProviderFactory.class.getName(), deployment.getProviderFactory());
        context.setAttribute(Dispatcher.class.getName(), deployment.getDispatcher());
        ServletHolder servlet = new ServletHolder(new HttpServlet30Dispatcher());
        context.addServlet(servlet, "/*");
        try {
            return start(context, deployment);
        } catch (Exception e) {
            deployment.stop();
            throw e;
        }
    }

    /**
     * Deploys the web application whose {@code WEB-INF/web.xml} lies under the test resource
     * directory {@code dir}, at {@code /app}, as a deployer starts a WAR: Jetty starts even when the
     * application does not, and then answers 503 for it ({@link #startupFailure()} says why).
     */
    static JettyResteasy webApp(String dir) throws Exception {
        requireResteasy();
        WebAppContext context = new WebAppContext();
        context.setContextPath("/app");
        context.setBaseResourceAsPath(Path.of(JettyResteasy.class.getResource("/" + dir).toURI()));
        context.setParentLoaderPriority(true);
        context.setThrowUnavailableOnStartupException(false);
        JettyResteasy jetty = start(context, null);
        jetty.webApp = context;
        return jetty;
    }

    private static JettyResteasy start(ServletContextHandler context, ResteasyDeployment deployment) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new JettyResteasy(server, connector, deployment);
    }

    /** The class path must give RESTEasy's JAX-RS, not Jersey's: otherwise the test would not test RESTEasy. */
    private static void requireResteasy() {
        String runtime = RuntimeDelegate.getInstance().getClass().getName();
        if (!runtime.startsWith("org.jboss.resteasy.")) {
            throw new IllegalStateException("JAX-RS runtime is " + runtime + ", not RESTEasy: run this test in the"
                    + " module's `resteasy` surefire execution");
        }
    }

    /**
     * Why the web application of {@link #webApp(String)} is out of service: the exception Jetty
     * logged ({@code WARN Failed startup of context …}) and keeps.
     */
    Optional<Throwable> startupFailure() {
        return Optional.ofNullable(webApp == null ? null : webApp.getUnavailableException());
    }

    /** The application's base URI, without a trailing slash. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/app");
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            if (deployment != null) {
                deployment.stop();
            }
        }
    }
}
