package dev.bearerguard.servlet;

import dev.bearerguard.contract.BearerContractTest;
import dev.bearerguard.core.TokenVerifier;
import java.net.URI;
import java.util.Map;

/**
 * The shared adapter contract, run against the filter declared in {@code contract-app/WEB-INF/web.xml}
 * (the very file {@link BearerTokenFilterContractTest} gives Jetty) inside a real embedded Tomcat 10.1.
 */
class BearerTokenFilterTomcatContractTest extends BearerContractTest {

    private EmbeddedTomcat tomcat;

    @Override
    protected URI startServer(TokenVerifier verifier) throws Exception {
        tomcat = EmbeddedTomcat.webApp("contract-app", Map.of("contract.verifier", verifier));
        if (!tomcat.applicationStarted()) {
            throw new IllegalStateException("the contract application did not start in Tomcat; see its log above");
        }
        return tomcat.uri();
    }

    @Override
    protected void stopServer() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }
}
