package dev.bearerguard.sample;

import jakarta.servlet.ServletContext;
import jakarta.ws.rs.core.Context;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The checkout API ({@code /v1/*}, checkout-token profile): a second Bearerguard feature around the
 * checkout verifier, claim binding on invoices and customers, and the token issuing endpoint.
 */
public final class CheckoutApplication extends ResourceConfig {

    /** @param servletContext the web app's context, holding the {@link SampleContext} */
    public CheckoutApplication(@Context ServletContext servletContext) {
        SampleContext c = SampleContext.of(servletContext);
        register(c.feature(c.checkoutVerifier()));
        register(JacksonFeature.withoutExceptionMappers());
        register(new SampleJson.Resolver());
        register(new SampleJson.Mapper());
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        register(new CheckoutAuthResource(c));
        register(new InvoicesResource(c));
        register(new CustomersResource(c));
    }
}
