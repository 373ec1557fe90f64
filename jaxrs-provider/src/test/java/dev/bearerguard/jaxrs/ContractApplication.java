package dev.bearerguard.jaxrs;

import dev.bearerguard.contract.BearerContractTest;
import dev.bearerguard.core.TokenVerifier;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The contract test's application as a portable JAX-RS {@link Application}: the resources the
 * contract asks for and the feature, nothing else. Every runtime deploys this one class (Jersey
 * through {@code ResourceConfig.forApplication}, RESTEasy as it is), so a resource added to it
 * reaches all of them.
 */
public final class ContractApplication extends Application {

    private final TokenVerifier verifier;

    ContractApplication(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(JdkHttpBearerContractTest.ContractResource.class);
    }

    @Override
    public Set<Object> getSingletons() {
        return Set.of(BearerguardFeature.withVerifier(verifier)
                .realm(BearerContractTest.REALM)
                .merchantHeader(BearerContractTest.MERCHANT_HEADER));
    }
}
