package dev.bearerguard.sample;

import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.sign.TokenSigner;
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
        String merchantHeader, Optional<DemoMode> demo, MockData data, AccessTokens accessTokens) {

    static final String ATTRIBUTE = SampleContext.class.getName();

    SampleContext(Clock clock, KeySet apiKeys, TokenVerifier apiVerifier, TokenVerifier checkoutVerifier,
            TokenSigner checkoutSigner, Duration checkoutTokenLifetime, Map<String, String> oauthClients, String realm,
            String merchantHeader, Optional<DemoMode> demo) {
        this(clock, apiKeys, apiVerifier, checkoutVerifier, checkoutSigner, checkoutTokenLifetime,
                Map.copyOf(oauthClients), realm, merchantHeader, demo, new MockData(clock), new AccessTokens(clock));
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
