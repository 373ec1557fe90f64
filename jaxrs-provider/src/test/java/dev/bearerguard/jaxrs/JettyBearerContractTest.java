package dev.bearerguard.jaxrs;

import dev.bearerguard.contract.BearerContractTest;
import dev.bearerguard.core.TokenVerifier;
import java.net.URI;

/** The shared adapter contract, passed by the JAX-RS feature on Jersey as a servlet in Jetty 12. */
class JettyBearerContractTest extends BearerContractTest {

    private JettyJersey jetty;

    @Override
    protected URI startServer(TokenVerifier verifier) throws Exception {
        jetty = JettyJersey.start(JdkHttpBearerContractTest.application(verifier), null);
        return jetty.uri();
    }

    @Override
    protected void stopServer() throws Exception {
        jetty.close();
    }
}
