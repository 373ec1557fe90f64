package dev.bearerguard.core.internal;

import dev.bearerguard.core.Algorithm;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;

/**
 * One of the three NIST curves on BouncyCastle's dedicated field arithmetic, with its digest and
 * the comb shapes used for the generator {@code G} and for public keys {@code Q}.
 *
 * <p>The comb shapes trade memory for speed (measured on the project's 2-core machine, JDK 17, see
 * the benchmarks README): for P-521 the generator comb is 12 teeth × 2 blocks (8 190 affine
 * points, about 2 MiB, built once per process in roughly 50 ms on first use of the curve), and
 * each key's comb 10 × 2 (2 046 points, about 0.5 MiB, built in roughly 15 ms, off the request
 * path). Verifying then costs 27 shared doublings and 98 mixed additions instead of the ~260
 * doublings of a plain double-scalar multiplication.
 *
 * <p>Thread-safe: the generator comb is built once, lazily, under the class-holder idiom.
 */
enum EcDomain {
    P256("secp256r1", "SHA-256", 32, 10, 2, 8, 2),
    P384("secp384r1", "SHA-384", 48, 12, 2, 8, 2),
    P521("secp521r1", "SHA-512", 66, 12, 2, 10, 2);

    final ECDomainParameters params;
    final String digest;
    /** Bytes per coordinate; an IEEE P1363 signature is twice this. */
    final int size;
    final int orderBits;
    final int gTeeth;
    final int gBlocks;
    final int qTeeth;
    final int qBlocks;
    private volatile Comb generatorComb;

    EcDomain(String bcName, String digest, int size, int gTeeth, int gBlocks, int qTeeth, int qBlocks) {
        X9ECParameters x9 = CustomNamedCurves.getByName(bcName);
        this.params = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
        this.digest = digest;
        this.size = size;
        this.orderBits = x9.getN().bitLength();
        this.gTeeth = gTeeth;
        this.gBlocks = gBlocks;
        this.qTeeth = qTeeth;
        this.qBlocks = qBlocks;
    }

    static EcDomain of(Algorithm alg) {
        switch (alg) {
            case ES256: return P256;
            case ES384: return P384;
            case ES512: return P521;
            default: throw new IllegalArgumentException(alg + " is not an ECDSA algorithm");
        }
    }

    /** The generator's comb, built on first call (shared by every key of this curve). */
    Comb generatorComb() {
        Comb c = generatorComb;
        if (c == null) {
            synchronized (this) {
                c = generatorComb;
                if (c == null) {
                    c = Comb.build(params.getG(), orderBits, gTeeth, gBlocks);
                    generatorComb = c;
                }
            }
        }
        return c;
    }

    /** A key comb of this curve's shape for {@code q}. */
    Comb keyComb(org.bouncycastle.math.ec.ECPoint q) {
        return Comb.build(q, orderBits, qTeeth, qBlocks);
    }

    /** Bytes one affine table point takes on the heap (two field elements and the point), estimated. */
    long bytesPerPoint() {
        int words = (params.getCurve().getFieldSize() + 31) / 32;
        long intArray = 16 + 4L * words + ((4L * words) % 8);
        long fieldElement = 16 + intArray;
        long zs = 16 + 8 + fieldElement; // normalized points share nothing with the curve's one
        return 2 * fieldElement + 40 + zs;
    }
}
