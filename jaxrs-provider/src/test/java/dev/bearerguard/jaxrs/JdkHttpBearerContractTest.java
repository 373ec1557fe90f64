package dev.bearerguard.jaxrs;

import dev.bearerguard.contract.BearerContractTest;
import dev.bearerguard.core.TokenVerifier;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import org.glassfish.jersey.server.ResourceConfig;

/** The shared adapter contract, passed by the JAX-RS feature on Jersey over real HTTP (JDK HTTP server). */
class JdkHttpBearerContractTest extends BearerContractTest {

    private Harness harness;

    /**
     * The resources the contract asks for; each answers the jti of the token it was handed ({@code
     * merchant}: the merchant account the request acts for).
     */
    @Path("/contract")
    @Produces(MediaType.TEXT_PLAIN)
    public static class ContractResource {
        @GET
        @Path("read")
        @RequiresScope("transactions.read")
        public String read(@Context SecurityContext security) {
            return jti(security);
        }

        @POST
        @Path("write")
        @RequiresScope("transactions.write")
        public String write(@Context SecurityContext security) {
            return jti(security);
        }

        @GET
        @Path("open")
        public String open(@Context SecurityContext security) {
            return jti(security);
        }

        @GET
        @Path("embed")
        @RequiresScope(anyOf = {"transactions.read", "embed"})
        public String embed(@Context SecurityContext security) {
            return jti(security);
        }

        @GET
        @Path("roles")
        public String roles(@Context SecurityContext security) {
            StringBuilder sb = new StringBuilder();
            for (String role : dev.bearerguard.contract.BearerContractTest.ROLES) {
                sb.append(sb.length() == 0 ? "" : ",").append(role).append('=').append(security.isUserInRole(role));
            }
            return sb.toString();
        }

        @GET
        @Path("merchant")
        @RequiresScope(anyOf = {"transactions.read", "embed"})
        public String merchant(@Context SecurityContext security) {
            return BearerSecurity.merchantAccount(security).orElse("-");
        }

        @POST
        @Path("limited")
        @RequiresScope(anyOf = {"transactions.write", "embed"})
        @RateLimited(requests = 3, per = "1m")
        public String limited(@Context SecurityContext security) {
            return jti(security);
        }

        private static String jti(SecurityContext security) {
            return BearerSecurity.requireToken(security).jti().orElseThrow();
        }
    }

    /** The application the contract runs against, on Jersey: {@link ContractApplication}, as every runtime has it. */
    static ResourceConfig application(TokenVerifier verifier) {
        return ResourceConfig.forApplication(new ContractApplication(verifier));
    }

    @Override
    protected URI startServer(TokenVerifier verifier) {
        harness = Harness.jdkHttp(application(verifier));
        return harness.baseUri();
    }

    @Override
    protected void stopServer() {
        harness.close();
    }
}
