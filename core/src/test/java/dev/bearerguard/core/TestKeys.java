package dev.bearerguard.core;

import dev.bearerguard.core.internal.Base64Url;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.test.PemKeys;
import dev.bearerguard.test.TokenSigner;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

/** Key pairs made once per JVM and shared by the tests, plus raw-token signing for bad tokens. */
public final class TestKeys {
    public static final KeyPair P521 = PemKeys.generateP521();
    public static final KeyPair P521_OTHER = PemKeys.generateP521();
    public static final KeyPair P256 = ec("secp256r1");
    public static final KeyPair RSA2048 = rsa(2048);

    private TestKeys() {
    }

    public static TokenSigner signer() {
        return TokenSigner.of(P521.getPrivate(), P521.getPublic());
    }

    public static KeySet keySet() {
        return KeySet.of(TrustedKey.of(P521.getPublic()));
    }

    static KeyPair ec(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs raw header and payload JSON text with the P-521 test key (ES512). */
    public static String rawEs512(String headerJson, String payloadJson) {
        String input = Base64Url.encode(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + Base64Url.encode(payloadJson.getBytes(StandardCharsets.UTF_8));
        try {
            Signature s = Signature.getInstance("SHA512withECDSAinP1363Format");
            s.initSign(P521.getPrivate());
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64Url.encode(s.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
