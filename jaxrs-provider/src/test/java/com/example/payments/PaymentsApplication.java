package com.example.payments;

import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.keys.KeyLoader;
import dev.bearerguard.core.scope.ScopeVocabulary;
import dev.bearerguard.jaxrs.BearerguardFeature;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.nio.file.Path;
import java.util.Set;

// README example begins
@ApplicationPath("/")
public class PaymentsApplication extends Application {

    private final BearerguardFeature bearer = BearerguardFeature.withVerifier(TokenVerifier.builder()
                    .keys(KeyLoader.load(Path.of(System.getProperty("myapi.trusted-keys", "/etc/myapi/trusted-keys/"))))
                    .vocabulary(ScopeVocabulary.PAYMENTS)   // a scope typo in an annotation stops the deployment
                    .build())
            .realm("payments");

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(Transactions.class);
    }

    @Override
    @SuppressWarnings("deprecation") // deprecated in JAX-RS 3.1, still the portable way to hand over an instance
    public Set<Object> getSingletons() {
        return Set.of(bearer);
    }
}
// README example ends
