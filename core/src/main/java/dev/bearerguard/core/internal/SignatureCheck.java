package dev.bearerguard.core.internal;

/**
 * Verifies JWS signatures for one prepared public key and algorithm. Built once per trusted key,
 * never per call. Implementations are thread-safe.
 */
public interface SignatureCheck {

    /**
     * @param signingInput the ASCII bytes of {@code header.payload}
     * @param signature    the decoded signature segment (length not yet checked)
     * @return whether the signature is valid; never throws for a bad signature
     */
    boolean verify(byte[] signingInput, byte[] signature);

    /**
     * As {@link #verify(byte[], byte[])}, with the EC key tables of the verifier asking (an RSA
     * check has none and ignores them).
     */
    default boolean verify(byte[] signingInput, byte[] signature, EcTables tables) {
        return verify(signingInput, signature);
    }
}
