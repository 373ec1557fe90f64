package dev.bearerguard.core.internal;

import dev.bearerguard.core.Algorithm;
import dev.bearerguard.core.VerifierUnavailableException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/**
 * Signature verification through the JDK's providers (SunEC, SunRsaSign). For ECDSA it enforces
 * what the JDK's P1363 mode does not: the exact signature length ({@code 2 × coordinate size}) and
 * {@code r, s ∈ [1, n-1]}.
 *
 * <p>Thread-safe: one {@link Signature} per thread, initialised once with the key.
 */
public final class JdkSignatureCheck implements SignatureCheck {

    private final Algorithm algorithm;
    private final BigInteger order;
    private final ThreadLocal<Signature> signatures;

    /**
     * @throws IllegalArgumentException if the key does not suit the algorithm
     */
    public JdkSignatureCheck(Algorithm algorithm, PublicKey key) {
        this.algorithm = algorithm;
        this.order = key instanceof ECPublicKey ec ? ec.getParams().getOrder() : null;
        Signature probe = newSignature(algorithm, key); // fail at load, not per request
        this.signatures = ThreadLocal.withInitial(() -> newSignature(algorithm, key));
        this.signatures.set(probe);
    }

    private static Signature newSignature(Algorithm algorithm, PublicKey key) {
        try {
            Signature s = Signature.getInstance(algorithm.jcaName());
            if (algorithm.isPss()) {
                String hash = "SHA-" + (algorithm.size() * 8);
                s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), algorithm.size(), 1));
            }
            s.initVerify(key);
            return s;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("key does not suit " + algorithm, e);
        } catch (GeneralSecurityException e) {
            throw new VerifierUnavailableException("JDK cannot verify " + algorithm, e);
        }
    }

    @Override
    public boolean verify(byte[] signingInput, byte[] signature) {
        if (algorithm.family() == Algorithm.Family.EC && !ecRangeOk(signature)) {
            return false;
        }
        Signature s = signatures.get();
        try {
            s.update(signingInput);
            return s.verify(signature);
        } catch (SignatureException e) {
            // Bad encodings are reported by exception; the Signature object is reset either way.
            return false;
        }
    }

    private boolean ecRangeOk(byte[] sig) {
        int n = algorithm.size();
        if (sig.length != 2 * n) {
            return false;
        }
        BigInteger r = new BigInteger(1, sig, 0, n);
        BigInteger s = new BigInteger(1, sig, n, n);
        return r.signum() > 0 && s.signum() > 0 && r.compareTo(order) < 0 && s.compareTo(order) < 0;
    }
}
