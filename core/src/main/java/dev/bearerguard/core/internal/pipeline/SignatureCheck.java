package dev.bearerguard.core.internal.pipeline;

import dev.bearerguard.core.Reason;
import dev.bearerguard.core.internal.Base64Url;
import dev.bearerguard.core.keys.KeyTables;

/**
 * The signature: canonical base64url, and it verifies over {@code header.payload} with the key the
 * {@code kid} named (ECDSA: exactly {@code 2 × coordinate size} bytes, {@code r, s ∈ [1, n−1]}, a
 * high {@code s} valid). The most expensive step, so it runs after every cheap one. Also computes
 * the token's replay fingerprint from the signing input and the key.
 */
public final class SignatureCheck implements Check {

    private final KeyTables tables;

    /** @param tables the EC key tables the verifier uses */
    public SignatureCheck(KeyTables tables) {
        this.tables = tables;
    }

    @Override
    public String name() {
        return "signature";
    }

    @Override
    public boolean canRun(TokenState s) {
        return s.key != null && s.algorithm != null && s.key.accepts(s.algorithm);
    }

    @Override
    public String whyNot(TokenState s) {
        return s.key == null ? "no trusted key has this kid" : "the key does not accept the header's algorithm";
    }

    @Override
    public Problem run(TokenState s) {
        byte[] signature;
        try {
            signature = Base64Url.decode(s.token, s.dot2 + 1, s.token.length());
        } catch (IllegalArgumentException e) {
            return new Problem(Reason.MALFORMED, "signature is not canonical base64url");
        }
        s.signatureLength = signature.length;
        byte[] signingInput = s.signingInput();
        if (!s.key.verifySignature(s.algorithm, signingInput, signature, tables)) {
            return new Problem(Reason.BAD_SIGNATURE, "signature does not verify");
        }
        s.fingerprint = s.key.fingerprint(signingInput);
        s.signatureOk = true;
        return null;
    }

    @Override
    public String passed(TokenState s) {
        return "the signature verifies with the key " + s.key.kid();
    }
}
