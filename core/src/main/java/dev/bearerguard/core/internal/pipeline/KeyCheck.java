package dev.bearerguard.core.internal.pipeline;

import dev.bearerguard.core.Reason;
import dev.bearerguard.core.keys.KeyResolver;
import dev.bearerguard.core.keys.TrustedKey;

/**
 * The key: the {@code kid} names a trusted key, and that key accepts the header's algorithm (an EC
 * key is pinned to its curve's algorithm). A resolver that cannot answer throws {@code
 * VerifierUnavailableException}, which passes through (503).
 */
public final class KeyCheck implements Check {

    private final KeyResolver keys;

    /** @param keys the trusted keys */
    public KeyCheck(KeyResolver keys) {
        this.keys = keys;
    }

    @Override
    public String name() {
        return "key";
    }

    @Override
    public boolean canRun(TokenState s) {
        return s.kid != null && s.algorithm != null;
    }

    @Override
    public String whyNot(TokenState s) {
        return s.kid == null ? "the header names no kid" : "the header's algorithm is not allowed";
    }

    @Override
    public Problem run(TokenState s) {
        TrustedKey key = keys.resolve(s.kid).orElse(null);
        if (key == null) {
            return new Problem(Reason.UNKNOWN_KEY, "unknown kid");
        }
        s.key = key;
        if (!key.accepts(s.algorithm)) {
            return new Problem(Reason.UNSUPPORTED_ALGORITHM, "algorithm does not match the key");
        }
        return null;
    }

    @Override
    public String passed(TokenState s) {
        return "kid names a trusted key (" + s.algorithm + ")";
    }
}
