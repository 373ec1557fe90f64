package dev.bearerguard.core.keys;

import java.util.Optional;

/**
 * Finds the trusted key a token's {@code kid} names. {@link KeySet} is the default, a fixed set;
 * implement this to fetch keys from elsewhere.
 *
 * <p>Implementations must be thread-safe and fast: the verifier calls this once per token, before
 * any signature math.
 */
@FunctionalInterface
public interface KeyResolver {

    /**
     * @param kid the {@code kid} from an unverified token header (untrusted input)
     * @return the key, or empty if no trusted key has this id (the token is then refused as
     *     {@code unknown_key})
     * @throws dev.bearerguard.core.VerifierUnavailableException if the key source cannot answer
     *     right now (answered with 503, not 401)
     */
    Optional<TrustedKey> resolve(String kid);

    /**
     * Whether the resolver can answer now (a remote source: a key set loaded and fresh enough), for
     * readiness probes ({@link dev.bearerguard.core.TokenVerifier#health()}). Must be cheap and never
     * block on the source. The default — a fixed set — is always ready.
     */
    default dev.bearerguard.core.observe.Health health() {
        return dev.bearerguard.core.observe.Health.READY;
    }
}
