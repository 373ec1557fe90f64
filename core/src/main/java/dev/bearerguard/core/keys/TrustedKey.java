package dev.bearerguard.core.keys;

import dev.bearerguard.core.Algorithm;
import dev.bearerguard.core.internal.EcSignatureCheck;
import dev.bearerguard.core.internal.JdkSignatureCheck;
import dev.bearerguard.core.internal.SignatureCheck;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * A public key the server trusts, with its {@code kid}, the algorithm it is pinned to, and its
 * restrictions. The key is validated once here (EC point on one of the supported curves, RSA at
 * least 2048 bits) and prepared for verification, so nothing is decoded or checked again per
 * token.
 *
 * <p>Immutable and thread-safe.
 */
public final class TrustedKey {

    /** The smallest RSA modulus accepted. */
    public static final int MIN_RSA_BITS = 2048;

    private final String kid;
    private final Algorithm algorithm;
    private final PublicKey publicKey;
    private final KeyRestrictions restrictions;
    private final SignatureCheck check;
    /** SHA-256 of the public key's X.509 encoding: names the key in token fingerprints. */
    private final byte[] identity;

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(TrustedKey::newSha256);

    private TrustedKey(String kid, Algorithm algorithm, PublicKey publicKey, KeyRestrictions restrictions,
            SignatureCheck check, byte[] identity) {
        this.kid = kid;
        this.algorithm = algorithm;
        this.publicKey = publicKey;
        this.restrictions = restrictions;
        this.check = check;
        this.identity = identity;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks SHA-256", e);
        }
    }

    /**
     * A key whose {@code kid} is its RFC 7638 thumbprint and whose algorithm follows from its curve
     * (EC) or is left open among the RSA algorithms (RSA).
     *
     * @throws KeyLoadException if the key is unsupported, weak or off its curve
     */
    public static TrustedKey of(PublicKey key) {
        return of(key, null, null);
    }

    /**
     * A key with an explicit {@code kid} and algorithm.
     *
     * @param key       the public key
     * @param kid       the key id, or null for the RFC 7638 thumbprint
     * @param algorithm the pinned algorithm, or null to derive it (EC: from the curve; RSA: any RSA
     *                  algorithm the verifier allows)
     * @throws KeyLoadException if the key is unsupported, weak, off its curve, or does not suit the
     *                          algorithm
     */
    public static TrustedKey of(PublicKey key, String kid, Algorithm algorithm) {
        Objects.requireNonNull(key, "key");
        Algorithm alg;
        if (key instanceof ECPublicKey ec) {
            String crv = Curves.jwkName(ec.getParams())
                    .orElseThrow(() -> new KeyLoadException("EC key is not on P-256, P-384 or P-521"));
            if (!Curves.onCurve(ec.getParams(), ec.getW())) {
                throw new KeyLoadException("EC public key point is not on curve " + crv);
            }
            Algorithm byCurve = Algorithm.forCurve(crv).orElseThrow();
            if (algorithm != null && algorithm != byCurve) {
                throw new KeyLoadException("key on " + crv + " cannot be used with " + algorithm + " (needs " + byCurve + ")");
            }
            alg = byCurve;
        } else if (key instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                throw new KeyLoadException("RSA key has " + rsa.getModulus().bitLength()
                        + " bits; at least " + MIN_RSA_BITS + " are required");
            }
            if (algorithm != null && algorithm.family() != Algorithm.Family.RSA) {
                throw new KeyLoadException("RSA key cannot be used with " + algorithm);
            }
            alg = algorithm;
        } else {
            throw new KeyLoadException("unsupported key type " + key.getAlgorithm() + " (EC and RSA only)");
        }
        String id = kid != null ? kid : JwkThumbprint.of(key);
        if (id.isEmpty()) {
            throw new KeyLoadException("kid must not be empty");
        }
        SignatureCheck check = alg != null ? newCheck(alg, key) : null;
        return new TrustedKey(id, alg, key, KeyRestrictions.UNRESTRICTED, check, newSha256().digest(key.getEncoded()));
    }

    // ECDSA on BouncyCastle's field arithmetic (≈10× SunEC for P-521); RSA on the JDK (already cheap).
    private static SignatureCheck newCheck(Algorithm alg, PublicKey key) {
        try {
            if (alg.family() == Algorithm.Family.EC) {
                return new EcSignatureCheck(alg, (ECPublicKey) key);
            }
            return new JdkSignatureCheck(alg, key);
        } catch (IllegalArgumentException e) {
            throw new KeyLoadException(e.getMessage(), e);
        }
    }

    /** A copy carrying other restrictions. */
    public TrustedKey withRestrictions(KeyRestrictions restrictions) {
        return new TrustedKey(kid, algorithm, publicKey, Objects.requireNonNull(restrictions), check, identity);
    }

    /** The key id tokens name in their {@code kid} header. */
    public String kid() {
        return kid;
    }

    /** The algorithm this key is pinned to; empty for an RSA key accepting any RSA algorithm. */
    public Optional<Algorithm> algorithm() {
        return Optional.ofNullable(algorithm);
    }

    /** Whether tokens signed with {@code alg} may be verified with this key. */
    public boolean accepts(Algorithm alg) {
        if (algorithm != null) {
            return algorithm == alg;
        }
        return alg.family() == Algorithm.Family.RSA;
    }

    /** The public key. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** The restrictions the authorization step enforces. */
    public KeyRestrictions restrictions() {
        return restrictions;
    }

    /**
     * Checks a JWS signature with this key.
     *
     * @param alg          the token's algorithm; must be one {@link #accepts(Algorithm)}
     * @param signingInput the ASCII bytes of {@code header.payload}
     * @param signature    the decoded signature
     * @return whether it verifies
     * @throws IllegalArgumentException if this key does not accept {@code alg}
     */
    public boolean verifySignature(Algorithm alg, byte[] signingInput, byte[] signature) {
        return verifySignature(alg, signingInput, signature, KeyTables.defaults());
    }

    /**
     * As {@link #verifySignature(Algorithm, byte[], byte[])}, with the EC key tables of the verifier
     * asking ({@code TokenVerifier.Builder.keyTables}).
     *
     * @throws IllegalArgumentException if this key does not accept {@code alg}
     */
    public boolean verifySignature(Algorithm alg, byte[] signingInput, byte[] signature, KeyTables tables) {
        if (!accepts(alg)) {
            throw new IllegalArgumentException("key " + kid + " does not accept " + alg);
        }
        SignatureCheck c = check != null ? check : rsaCheck(alg);
        return c.verify(signingInput, signature, tables.tables());
    }

    /**
     * The fingerprint of a token this key verified: the first 64 bits of {@code SHA-256(key ‖
     * signingInput)}, where the key is named by its encoding (not its {@code kid}). It identifies the
     * token by what the signer decided — header and claims, and the key — so a copy whose signature
     * was rewritten without the key ({@code s → n − s}) has the same fingerprint, and so does the
     * same key under a copy made by {@link #withRestrictions}. The replay cache tells tokens apart
     * by it.
     *
     * @param signingInput the ASCII bytes of {@code header.payload}
     * @return the fingerprint
     */
    public long fingerprint(byte[] signingInput) {
        MessageDigest md = SHA256.get();
        md.update(identity);
        byte[] h = md.digest(signingInput);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (h[i] & 0xff);
        }
        return v;
    }

    // RSA keys not pinned to one algorithm: one prepared check per algorithm, made on first use.
    private final java.util.concurrent.ConcurrentHashMap<Algorithm, SignatureCheck> rsaChecks =
            new java.util.concurrent.ConcurrentHashMap<>();

    private SignatureCheck rsaCheck(Algorithm alg) {
        return rsaChecks.computeIfAbsent(alg, a -> newCheck(a, publicKey));
    }

    @Override
    public String toString() {
        return "TrustedKey[kid=" + kid + ", alg=" + (algorithm == null ? "RSA*" : algorithm) + ", " + restrictions + "]";
    }
}
