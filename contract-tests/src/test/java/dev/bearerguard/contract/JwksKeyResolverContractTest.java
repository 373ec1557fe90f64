package dev.bearerguard.contract;

import dev.bearerguard.test.JwksServer;
import dev.bearerguard.test.TestKey;

import dev.bearerguard.test.ManualTime;

import dev.bearerguard.core.keys.JwksKeyResolver;
import dev.bearerguard.core.keys.KeyResolver;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The JWKS URL resolver passes the refreshing key-resolver contract against a real HTTP server on
 * loopback ({@link JwksServer}); its background refresh runs on {@link ManualTime}, so only the
 * contract's own {@code refresh} (an explicit fetch) changes what it holds.
 */
class JwksKeyResolverContractTest extends RefreshingKeyResolverContractTest {

    private final ManualTime time = new ManualTime();
    private final List<AutoCloseable> open = new ArrayList<>();
    private JwksServer server;

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private JwksKeyResolver resolver(URI uri) {
        JwksKeyResolver r = JwksKeyResolver.builder(uri)
                .clock(time.clock())
                .scheduler(time)
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(5))
                .build();
        open.add(r);
        return r;
    }

    @Override
    protected KeyResolver start(List<TestKey> keys) throws IOException {
        server = JwksServer.start();
        open.add(server);
        server.publish(keys);
        JwksKeyResolver r = resolver(server.uri());
        r.refresh();
        return r;
    }

    @Override
    protected void publish(List<TestKey> keys) {
        server.publish(keys);
    }

    @Override
    protected void refresh(KeyResolver resolver) {
        ((JwksKeyResolver) resolver).refresh();
    }

    @Override
    protected void makeUnavailable() {
        server.stop();
    }

    @Override
    protected void restore() throws IOException {
        server.resume();
    }

    @Override
    protected KeyResolver startUnreachable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        JwksKeyResolver r = resolver(URI.create("http://127.0.0.1:" + port + "/jwks.json"));
        r.refresh();
        return r;
    }
}
