package dev.bearerguard.sample;

import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.replay.ReplayStore;
import dev.bearerguard.test.TokenSigner;
import dev.bearerguard.jaxrs.BearerguardFeature;
import jakarta.servlet.ServletContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the web application's parts share, handed to them through a servlet context
 * attribute by {@link SampleServer}: verifiers, the checkout token signer, the in-memory data and
 * the settings. Thread-safe: the fields are immutable or thread-safe stores.
 */
record SampleContext(Clock clock, KeySet apiKeys, TokenVerifier apiVerifier, TokenVerifier checkoutVerifier,
        TokenSigner checkoutSigner, Duration checkoutTokenLifetime, Map<String, String> oauthClients, String realm,
        String merchantHeader, Https https, Optional<DemoMode> demo, boolean merchantBackend, ReplayStore store,
        MockData data, AccessTokens accessTokens) {

    /** Whether the adapters refuse requests that did not arrive over TLS. */
    enum Https {
        /** Plain HTTP is accepted (the sample's default: it listens on localhost). */
        OPTIONAL,
        /** Only TLS as the container reports it. */
        REQUIRED,
        /** TLS, or a last {@code X-Forwarded-Proto: https} from a trusted proxy. */
        REQUIRED_BEHIND_PROXY
    }


    static final String ATTRIBUTE = SampleContext.class.getName();

    SampleContext(Clock clock, KeySet apiKeys, TokenVerifier apiVerifier, TokenVerifier checkoutVerifier,
            TokenSigner checkoutSigner, Duration checkoutTokenLifetime, Map<String, String> oauthClients, String realm,
            String merchantHeader, Https https, Optional<DemoMode> demo, boolean merchantBackend, ReplayStore store) {
        this(clock, apiKeys, apiVerifier, checkoutVerifier, checkoutSigner, checkoutTokenLifetime,
                Map.copyOf(oauthClients), realm, merchantHeader, https, demo, merchantBackend, store, new MockData(clock),
                new AccessTokens(clock));
    }

    /**
     * A Bearerguard JAX-RS feature with this context's realm, merchant header and HTTPS rule, its
     * rate-limit buckets on the replay store (shared by every instance when it is Redis).
     */
    BearerguardFeature feature(TokenVerifier verifier) {
        BearerguardFeature f = BearerguardFeature.withVerifier(verifier).realm(realm).merchantHeader(merchantHeader)
                .rateLimiter(store.rateLimiter());
        return switch (https) {
            case OPTIONAL -> f;
            case REQUIRED -> f.requireHttps();
            case REQUIRED_BEHIND_PROXY -> f.requireHttpsBehindProxy();
        };
    }

    /** The context a {@link SampleServer} put in {@code servletContext}. */
    static SampleContext of(ServletContext servletContext) {
        Object o = servletContext.getAttribute(ATTRIBUTE);
        if (o instanceof SampleContext c) {
            return c;
        }
        throw new IllegalStateException("the sample web app runs only inside SampleServer (no " + ATTRIBUTE + ")");
    }
}
