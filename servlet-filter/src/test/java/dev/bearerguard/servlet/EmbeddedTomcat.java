package dev.bearerguard.servlet;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.loader.WebappLoader;
import org.apache.catalina.startup.Constants;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * A real embedded Tomcat 10.1 on a free loopback port, for tests: deploys a web application from
 * its {@code WEB-INF/web.xml} as a standalone Tomcat deploys a WAR, so the same {@code web.xml}
 * files the Jetty tests use run here unchanged.
 */
final class EmbeddedTomcat implements AutoCloseable {

    /**
     * The logger Tomcat reports the application's start-up errors to; in a standalone Tomcat (engine
     * {@code Catalina}) it is {@code …[Catalina].[localhost].[/app]}, which {@code conf/logging.properties}
     * sends to {@code logs/localhost.<date>.log}.
     */
    static final String CONTEXT_LOGGER = "org.apache.catalina.core.ContainerBase.[Tomcat].[localhost].[/app]";

    private final Tomcat tomcat;
    private final Context context;
    private final Path baseDir;

    private EmbeddedTomcat(Tomcat tomcat, Context context, Path baseDir) {
        this.tomcat = tomcat;
        this.context = context;
        this.baseDir = baseDir;
    }

    /**
     * Deploys the web application whose {@code WEB-INF/web.xml} lies under the test resource
     * directory {@code dir}, at {@code /app}. Tomcat starts even if the application does not (as a
     * standalone Tomcat does); {@link #applicationStarted()} tells.
     *
     * @param attributes servlet context attributes set before any filter starts (as a listener would)
     */
    static EmbeddedTomcat webApp(String dir, Map<String, Object> attributes) throws Exception {
        return webApp(resource(dir), attributes);
    }

    /** As {@link #webApp(String, Map)} for the web application in the folder {@code docBase}. */
    static EmbeddedTomcat webApp(Path docBase, Map<String, Object> attributes) throws Exception {
        Path baseDir = Files.createTempDirectory("bearerguard-tomcat");
        Tomcat tomcat = tomcat(baseDir);
        ContextConfig config = new ContextConfig();
        config.setDefaultWebXml(Constants.NoDefaultWebXml);
        Context context = tomcat.addWebapp(tomcat.getHost(), "/app", docBase.toString(), config);
        context.addServletContainerInitializer((classes, servletContext) -> attributes.forEach(servletContext::setAttribute),
                null);
        return start(tomcat, context, baseDir);
    }

    private static Tomcat tomcat(Path baseDir) {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        tomcat.getHost().setAutoDeploy(false);
        // No conf/web.xml defaults (default servlet, JSP): the application is exactly its web.xml.
        tomcat.setAddDefaultWebXmlToWebapp(false);
        return tomcat;
    }

    private static EmbeddedTomcat start(Tomcat tomcat, Context context, Path baseDir) throws Exception {
        // The filter and servlets come from the test class path (the parent), as Jetty's parent-loader
        // priority has them; scanning every jar on it for annotations would only cost time.
        WebappLoader loader = new WebappLoader();
        loader.setDelegate(true);
        context.setLoader(loader);
        context.setParentClassLoader(EmbeddedTomcat.class.getClassLoader());
        ((StandardJarScanner) context.getJarScanner()).setScanClassPath(false);
        // The class path is the test JVM's own, not a web application's: nothing of it to clean up on
        // stop, and the checks would only warn that the JDK's internals are closed to them.
        StandardContext standard = (StandardContext) context;
        standard.setClearReferencesObjectStreamClassCaches(false);
        standard.setClearReferencesRmiTargets(false);
        standard.setClearReferencesThreadLocals(false);
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            close(tomcat, baseDir);
            throw e;
        }
        return new EmbeddedTomcat(tomcat, context, baseDir);
    }

    private static Path resource(String dir) throws URISyntaxException {
        return Path.of(EmbeddedTomcat.class.getResource("/" + dir).toURI());
    }

    /** Whether the application started (a filter whose {@code init} threw stops it). */
    boolean applicationStarted() {
        return context.getState() == LifecycleState.STARTED;
    }

    /** The base URI of the application, without a trailing slash. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/app");
    }

    @Override
    public void close() throws Exception {
        close(tomcat, baseDir);
    }

    private static void close(Tomcat tomcat, Path baseDir) throws LifecycleException, IOException {
        try {
            tomcat.stop();
            tomcat.destroy();
        } finally {
            try (Stream<Path> files = Files.walk(baseDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
