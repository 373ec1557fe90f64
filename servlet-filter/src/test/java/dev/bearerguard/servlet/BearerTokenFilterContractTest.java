package dev.bearerguard.servlet;

import dev.bearerguard.contract.BearerContractTest;
import dev.bearerguard.core.TokenVerifier;
import java.net.URI;
import java.util.Map;

/**
 * The shared adapter contract, run against the filter declared in {@code contract-app/WEB-INF/web.xml}
 * inside a real Jetty 12.
 */
class BearerTokenFilterContractTest extends BearerContractTest {

    private Jetty jetty;

    @Override
    protected URI startServer(TokenVerifier verifier) throws Exception {
        jetty = Jetty.webApp("contract-app", Map.of("contract.verifier", verifier));
        return jetty.uri();
    }

    @Override
    protected void stopServer() throws Exception {
        if (jetty != null) {
            jetty.close();
        }
    }
}
