package dev.bearerguard.benchmarks;

import dev.bearerguard.test.TokenSigner;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;

/**
 * Distinct ES512 tokens, fast enough to pre-mint hundreds of thousands for a load run: every token
 * is the test kit's contract token ({@link TokenSigner}: {@code typ} JWT, {@code kid} thumbprint, a
 * UUID {@code jti}, two hours of life) with a fresh {@code jti}, signed by plain ECDSA over P-521
 * with SHA-512.
 *
 * <p>Signing reuses one nonce {@code k} for the whole run, so a signature costs a hash and two
 * modular multiplications instead of a scalar multiplication (microseconds instead of
 * milliseconds). That gives the benchmark's throwaway private key away to anyone holding two of
 * the tokens, which does not matter here, and it changes nothing for the verifiers: each token's
 * {@code s}, hence {@code u1 = e/s} and {@code u2 = r/s}, is new, so every verification does the
 * full double-scalar multiplication. Never sign this way outside a benchmark.
 *
 * <p>Not thread-safe.
 */
public final class FastTokens {

    private static final X9ECParameters P521 = CustomNamedCurves.getByName("secp521r1");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final TokenSigner signer;
    private final BigInteger d;
    private final BigInteger n = P521.getN();
    private final BigInteger r;
    private final BigInteger kInverse;
    private final byte[] rBytes;
    private final String header;
    private final String payloadBefore;
    private final String payloadAfter;
    private final MessageDigest sha512;

    /** Tokens signed with {@code pair} (P-521). */
    public FastTokens(KeyPair pair) {
        this(pair, new SecureRandom());
    }

    /** Tokens signed with {@code pair} (P-521), the nonce drawn from {@code random}. */
    public FastTokens(KeyPair pair, java.util.Random random) {
        this.signer = TokenSigner.of(pair.getPrivate(), pair.getPublic());
        this.d = ((ECPrivateKey) pair.getPrivate()).getS();
        BigInteger k;
        BigInteger rr;
        do {
            k = new BigInteger(n.bitLength() + 64, random).mod(n);
            rr = k.signum() == 0 ? BigInteger.ZERO
                    : P521.getG().multiply(k).normalize().getAffineXCoord().toBigInteger().mod(n);
        } while (rr.signum() == 0);
        this.r = rr;
        this.kInverse = k.modInverse(n);
        this.rBytes = fixed(r);
        String template = signer.token().lifetime(Duration.ofHours(2)).sign();
        String[] parts = template.split("\\.");
        this.header = parts[0];
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        int at = payload.indexOf("\"jti\":\"") + 7;
        int end = payload.indexOf('"', at);
        this.payloadBefore = payload.substring(0, at);
        this.payloadAfter = payload.substring(end);
        try {
            this.sha512 = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signer of the same key (for tokens of other shapes, signed the ordinary way). */
    public TokenSigner signer() {
        return signer;
    }

    /** A new token: the template with a fresh random {@code jti}. */
    public String next() {
        String payload = payloadBefore + UUID.randomUUID() + payloadAfter;
        String input = header + "." + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        BigInteger e = new BigInteger(1, sha512.digest(input.getBytes(StandardCharsets.US_ASCII)));
        BigInteger s = kInverse.multiply(e.add(r.multiply(d))).mod(n);
        if (s.signum() == 0) {
            return next();
        }
        byte[] sig = new byte[132];
        System.arraycopy(rBytes, 0, sig, 0, 66);
        System.arraycopy(fixed(s), 0, sig, 66, 66);
        return input + "." + B64.encodeToString(sig);
    }

    private static byte[] fixed(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[66];
        int copy = Math.min(raw.length, 66);
        System.arraycopy(raw, raw.length - copy, out, 66 - copy, copy);
        return out;
    }
}
