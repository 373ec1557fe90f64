package dev.bearerguard.jaxrs;

import dev.bearerguard.contract.BearerContractTest;
import dev.bearerguard.core.TokenVerifier;
import java.net.URI;

/**
 * The shared adapter contract, passed by the JAX-RS feature on RESTEasy 6.2 as a servlet in Jetty
 * 12, with the very {@link ContractApplication} the Jersey runs deploy.
 */
class ResteasyBearerContractTest extends BearerContractTest {

    private JettyResteasy server;

    @Override
    protected URI startServer(TokenVerifier verifier) throws Exception {
        server = JettyResteasy.start(new ContractApplication(verifier));
        return server.uri();
    }

    @Override
    protected void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }
}
