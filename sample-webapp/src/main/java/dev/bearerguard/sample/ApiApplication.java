package dev.bearerguard.sample;

import jakarta.servlet.ServletContext;
import jakarta.ws.rs.core.Context;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The mock payment API ({@code /api/*}, API-token profile), as the Jersey servlet in web.xml makes
 * it: the resources, the Bearerguard JAX-RS feature around the shared API verifier, and the check of
 * a token's {@code checkout_session_id}.
 */
public final class ApiApplication extends ResourceConfig {

    /** @param servletContext the web app's context, holding the {@link SampleContext} */
    public ApiApplication(@Context ServletContext servletContext) {
        SampleContext c = SampleContext.of(servletContext);
        register(c.feature(c.apiVerifier()));
        register(JacksonFeature.withoutExceptionMappers());
        register(new SampleJson.Resolver());
        register(new SampleJson.Mapper());
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        register(new CheckoutSessionCheck(c));
        register(new TransactionsResource(c));
        register(new BuyersResource(c));
        register(new CheckoutSessionsResource(c));
        register(new PaymentOptionsResource(c));
        register(new PaymentMethodsResource(c));
    }
}
