package dev.bearerguard.core.internal;

import static dev.bearerguard.core.VerifierUnavailableException.Kind.PLATFORM;

import dev.bearerguard.core.Algorithm;
import dev.bearerguard.core.VerifierUnavailableException;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.HexFormat;

/**
 * RSA signature verification (RS256/384/512, PS256/384/512) through the JDK's SunRsaSign provider.
 * ECDSA never comes here: {@link EcSignatureCheck} verifies it.
 *
 * <p>PKCS#1 v1.5 is checked against <em>one</em> encoding: the hash's {@code DigestInfo} with NULL
 * parameters (RFC 8017 §9.2). The JDK's {@code SHA256withRSA} also accepts the legacy encoding
 * without the NULL (Wycheproof's {@code MissingNull}, "acceptable"); a second encoding of the same
 * signature buys a verifier nothing, so the digest is made here and compared through {@code
 * NONEwithRSA}, which checks the padding and compares the whole {@code DigestInfo} exactly. PSS uses
 * a salt of the hash length and MGF1 with the same hash, as RFC 7518 §3.5 requires.
 *
 * <p>Thread-safe: one {@link Signature} and one {@link MessageDigest} per thread, initialised once.
 */
public final class JdkSignatureCheck implements SignatureCheck {

    private static final HexFormat HEX = HexFormat.of();

    private final Algorithm algorithm;
    /** For PKCS#1 v1.5: the DER prefix of {@code DigestInfo} before the hash; null for PSS. */
    private final byte[] digestInfoPrefix;
    private final ThreadLocal<Signature> signatures;
    private final ThreadLocal<MessageDigest> digests;

    /**
     * @throws IllegalArgumentException if the algorithm is not an RSA one or the key does not suit it
     */
    public JdkSignatureCheck(Algorithm algorithm, PublicKey key) {
        if (algorithm.family() != Algorithm.Family.RSA || !(key instanceof RSAPublicKey)) {
            throw new IllegalArgumentException("JdkSignatureCheck verifies RSA only, not " + algorithm);
        }
        this.algorithm = algorithm;
        this.digestInfoPrefix = algorithm.isPss() ? null : HEX.parseHex(switch (algorithm) {
            case RS256 -> "3031300d060960864801650304020105000420";
            case RS384 -> "3041300d060960864801650304020205000430";
            default -> "3051300d060960864801650304020305000440";
        });
        Signature probe = newSignature(algorithm, key); // fail at load, not per request
        this.signatures = ThreadLocal.withInitial(() -> newSignature(algorithm, key));
        this.signatures.set(probe);
        String hash = hashName(algorithm);
        this.digests = ThreadLocal.withInitial(() -> newDigest(hash));
        newDigest(hash);
    }

    private static String hashName(Algorithm algorithm) {
        return switch (algorithm) {
            case RS256, PS256 -> "SHA-256";
            case RS384, PS384 -> "SHA-384";
            default -> "SHA-512";
        };
    }

    private static MessageDigest newDigest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (GeneralSecurityException e) {
            throw new VerifierUnavailableException(PLATFORM, "JDK lacks " + name, e);
        }
    }

    private static Signature newSignature(Algorithm algorithm, PublicKey key) {
        try {
            Signature s;
            if (algorithm.isPss()) {
                s = Signature.getInstance("RSASSA-PSS");
                String hash = hashName(algorithm);
                s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), algorithm.size(), 1));
            } else {
                s = Signature.getInstance("NONEwithRSA");
            }
            s.initVerify(key);
            return s;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("key does not suit " + algorithm, e);
        } catch (GeneralSecurityException e) {
            throw new VerifierUnavailableException(PLATFORM, "JDK cannot verify " + algorithm, e);
        }
    }

    @Override
    public boolean verify(byte[] signingInput, byte[] signature) {
        Signature s = signatures.get();
        try {
            if (digestInfoPrefix == null) {
                s.update(signingInput);
            } else {
                s.update(digestInfoPrefix);
                s.update(digests.get().digest(signingInput));
            }
            return s.verify(signature);
        } catch (SignatureException e) {
            // Bad encodings are reported by exception; the Signature object is reset either way.
            return false;
        }
    }
}
