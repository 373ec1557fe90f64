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
 * the benchmarks README). For P-521 the generator comb is 12 teeth × 2 blocks (8 190 affine points
 * packed as field words, about 1.5 MiB, built once per process on first use of the curve: 90–140
 * ms with a cold JIT) and each key's comb 10 × 2 (2 046 points, about 384 KiB, built off the request
 * path in 15–80 ms depending on JIT warmth). A verification then costs 27 shared doublings and 98
 * mixed additions instead of the ~260 doublings of a plain double-scalar multiplication. P-256 and
 * P-384 use BouncyCastle point objects (about 2× the heap per point) with 10 × 2 / 12 × 2 generator
 * combs and 8 × 2 key combs (510 points; about 125 KiB for P-256, estimated).
 *
 * <p>Thread-safe: the generator comb is built once, lazily, under the class-holder idiom.
 */
enum EcDomain {
    P256("secp256r1", "SHA-256", 32, 10, 2, 8, 2),
    P384("secp384r1", "SHA-384", 48, 12, 2, 8, 2),
    P521("secp521r1", "SHA-512", 66, 12, 2, 10, 2);

    /** The small key comb's shape, for every curve: 62 points (P-521: about 12 KiB). */
    static final int SMALL_TEETH = 5;
    static final int SMALL_BLOCKS = 2;

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
                    c = pack(Comb.build(params.getG(), orderBits, gTeeth, gBlocks));
                    generatorComb = c;
                }
            }
        }
        return c;
    }

    /** A key comb of this curve's shape for {@code q}. */
    Comb keyComb(org.bouncycastle.math.ec.ECPoint q) {
        return pack(Comb.build(q, orderBits, qTeeth, qBlocks));
    }

    /** A small key comb of {@link #SMALL_TEETH} × {@link #SMALL_BLOCKS} for {@code q}: a cold key's table. */
    Comb smallKeyComb(org.bouncycastle.math.ec.ECPoint q) {
        return pack(Comb.build(q, orderBits, SMALL_TEETH, SMALL_BLOCKS));
    }

    /** Whether {@code c} is a key comb of the full shape (not a small one). */
    boolean isFull(Comb c) {
        return c.points() >= qBlocks * ((1 << qTeeth) - 1);
    }

    /** P-521 combs are evaluated by {@link P521Jacobian}, in place; the others by BouncyCastle points. */
    private Comb pack(Comb c) {
        return this == P521 ? c.packP521() : c;
    }

    /** Estimated heap a comb of this curve holds, in bytes. */
    long bytes(Comb c) {
        return c.bytes(params.getCurve().getFieldSize());
    }
}
