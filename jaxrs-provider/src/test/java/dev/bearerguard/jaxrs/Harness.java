package dev.bearerguard.jaxrs;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.WebTarget;
import java.net.URI;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.test.DeploymentContext;
import org.glassfish.jersey.test.inmemory.InMemoryTestContainerFactory;
import org.glassfish.jersey.test.jdkhttp.JdkHttpServerTestContainerFactory;
import org.glassfish.jersey.test.spi.TestContainer;
import org.glassfish.jersey.test.spi.TestContainerFactory;

/**
 * A Jersey test-framework container (in memory, or the JDK HTTP server on a free loopback port)
 * and a client for it, for JUnit 5.
 */
final class Harness implements AutoCloseable {

    private final TestContainer container;
    private final Client client;

    private Harness(TestContainer container) {
        this.container = container;
        ClientConfig config = container.getClientConfig();
        this.client = ClientBuilder.newClient(config != null ? config : new ClientConfig());
    }

    static Harness inMemory(ResourceConfig app) {
        return start(new InMemoryTestContainerFactory(), app);
    }

    /** In memory, the requests' URIs under {@code base} (e.g. an {@code https://} one). */
    static Harness inMemory(ResourceConfig app, URI base) {
        TestContainer c = new InMemoryTestContainerFactory().create(base, DeploymentContext.builder(app).build());
        c.start();
        return new Harness(c);
    }

    static Harness jdkHttp(ResourceConfig app) {
        return start(new JdkHttpServerTestContainerFactory(), app);
    }

    private static Harness start(TestContainerFactory factory, ResourceConfig app) {
        TestContainer c = factory.create(URI.create("http://localhost:0/"), DeploymentContext.builder(app).build());
        c.start();
        return new Harness(c);
    }

    URI baseUri() {
        return container.getBaseUri();
    }

    WebTarget target(String path) {
        return client.target(container.getBaseUri()).path(path);
    }

    @Override
    public void close() {
        client.close();
        container.stop();
    }
}
