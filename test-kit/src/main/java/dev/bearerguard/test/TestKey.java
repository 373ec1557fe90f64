package dev.bearerguard.test;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Objects;

/**
 * A key pair under a chosen {@code kid}, as a key service would publish it: what the key-source
 * tests serve through {@link JwksServer} or write into a key folder. Immutable.
 *
 * @param kid  the {@code kid} it is published under
 * @param pair the key pair (the public half is served, the private half signs)
 */
public record TestKey(String kid, KeyPair pair) {

    /** @throws NullPointerException if either is null */
    public TestKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(pair, "pair");
    }

    /** A fresh P-256 key (cheap to make) under {@code kid}. */
    public static TestKey p256(String kid) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return new TestKey(kid, g.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
