package dev.bearerguard.core.internal;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A fixed-base comb table (Lim–Lee) for one point {@code P}: {@code teeth} bits spaced {@code
 * spacing} apart are looked up together, in {@code blocks} independent tables, so a scalar
 * multiple costs {@code spacing} doublings and {@code blocks × spacing} additions of affine table
 * points. Two combs over the same curve are evaluated <em>together</em> by {@link #sumOfProducts},
 * sharing their doublings, which is what makes {@code u1·G + u2·Q} cheap.
 *
 * <p>Lookups index the table directly (not in constant time): verification handles only public
 * data (key, signature, message), so there is no secret to leak through timing.
 *
 * <p>Immutable and thread-safe once built.
 */
final class Comb {

    private final int teeth;
    private final int blocks;
    private final int spacing;
    /**
     * {@code tables[j][m]}: the sum over set bits {@code t} of {@code m} of {@code
     * 2^((j·teeth+t)·spacing)·P}; index 0 unused. Null when packed.
     */
    private final ECPoint[][] tables;
    /** The same points as P-521 field limbs ({@link P521Field}), or null when not packed. */
    private final long[][][] packedX;
    private final long[][][] packedY;

    private Comb(int teeth, int blocks, int spacing, ECPoint[][] tables, long[][][] packedX, long[][][] packedY) {
        this.teeth = teeth;
        this.blocks = blocks;
        this.spacing = spacing;
        this.tables = tables;
        this.packedX = packedX;
        this.packedY = packedY;
    }

    /**
     * Builds the table: {@code teeth·blocks·spacing} doublings, then {@code blocks·2^teeth}
     * additions and one batched inversion.
     *
     * @param p      a finite point of the curve's prime-order subgroup
     * @param bits   the bit length of the scalars to come (the order's bit length)
     * @param teeth  bits looked up at once (table size {@code 2^teeth} per block)
     * @param blocks independent tables
     */
    static Comb build(ECPoint p, int bits, int teeth, int blocks) {
        if (teeth < 1 || teeth > 16 || blocks < 1 || blocks > 8) {
            throw new IllegalArgumentException("comb teeth 1..16 and blocks 1..8 required");
        }
        ECCurve curve = p.getCurve();
        int columns = teeth * blocks;
        int spacing = (bits + columns - 1) / columns;
        ECPoint[] bases = new ECPoint[columns];
        ECPoint cur = p.normalize();
        for (int c = 0; c < columns; c++) {
            bases[c] = cur;
            if (c + 1 < columns) {
                cur = cur.timesPow2(spacing);
            }
        }
        curve.normalizeAll(bases);
        int size = 1 << teeth;
        ECPoint[][] tables = new ECPoint[blocks][];
        for (int j = 0; j < blocks; j++) {
            ECPoint[] t = new ECPoint[size];
            for (int m = 1; m < size; m++) {
                int low = m & -m;
                int tooth = Integer.numberOfTrailingZeros(low);
                ECPoint base = bases[j * teeth + tooth];
                t[m] = m == low ? base : t[m ^ low].add(base);
            }
            curve.normalizeAll(t, 1, size - 1, null);
            tables[j] = t;
        }
        return new Comb(teeth, blocks, spacing, tables, null, null);
    }

    /**
     * The same comb with its points as P-521 field limbs for {@link P521Jacobian}: about half the
     * heap of BouncyCastle point objects, and no allocation when evaluated.
     */
    Comb packP521() {
        int size = 1 << teeth;
        long[][][] xs = new long[blocks][size][];
        long[][][] ys = new long[blocks][size][];
        for (int j = 0; j < blocks; j++) {
            for (int m = 1; m < size; m++) {
                ECPoint pt = tables[j][m];
                xs[j][m] = P521Field.fromBigInteger(pt.getAffineXCoord().toBigInteger());
                ys[j][m] = P521Field.fromBigInteger(pt.getAffineYCoord().toBigInteger());
            }
        }
        return new Comb(teeth, blocks, spacing, null, xs, ys);
    }

    boolean isPacked() {
        return packedX != null;
    }

    int spacing() {
        return spacing;
    }

    int blocks() {
        return blocks;
    }

    long[][] packedX(int block) {
        return packedX[block];
    }

    long[][] packedY(int block) {
        return packedY[block];
    }

    /** The table index for block {@code j} at column {@code i}: bits {@code i + (j·teeth + t)·spacing}. */
    int index(int[] k, int j, int i) {
        int index = 0;
        int bit = j * teeth * spacing + i;
        for (int t = 0; t < teeth; t++, bit += spacing) {
            index |= ((k[bit >>> 5] >>> (bit & 31)) & 1) << t;
        }
        return index;
    }

    /** Estimated heap held, in bytes. */
    long bytes(int fieldBits) {
        int words = (fieldBits + 31) / 32;
        long intArray = 16 + 4L * words + ((4L * words) % 8);
        long perPoint = packedX != null
                ? 2 * (16 + 8L * P521Field.LIMBS + 8)
                : 2 * (16 + intArray) + 40 + (16 + 8 + 16 + intArray); // x, y, the point, its Z = 1
        return points() * perPoint;
    }

    /** The number of points held (for memory accounting). */
    int points() {
        return blocks * ((1 << teeth) - 1);
    }

    /**
     * {@code a·A + b·B} where {@code A} and {@code B} are the points of combs {@code ca} and
     * {@code cb}, with the doublings shared: {@code max(spacing)} doublings in all.
     *
     * @param a a scalar in {@code [0, 2^bits)} as little-endian 32-bit words (see {@link #words})
     * @param b likewise
     * @return the sum, not normalized (Jacobian or whatever the curve uses); may be infinity
     */
    static ECPoint sumOfProducts(Comb ca, int[] a, Comb cb, int[] b, ECCurve curve) {
        int steps = Math.max(ca.spacing, cb.spacing);
        ECPoint r = curve.getInfinity();
        for (int i = steps - 1; i >= 0; i--) {
            r = r.twice();
            if (i < ca.spacing) {
                r = ca.addColumn(r, a, i);
            }
            if (i < cb.spacing) {
                r = cb.addColumn(r, b, i);
            }
        }
        return r;
    }

    private ECPoint addColumn(ECPoint r, int[] k, int i) {
        for (int j = 0; j < blocks; j++) {
            int index = index(k, j, i);
            if (index != 0) {
                r = r.add(tables[j][index]);
            }
        }
        return r;
    }

    /** The words a scalar must be given in for a comb whose tables cover {@code bits} bits. */
    int coveredBits() {
        return teeth * blocks * spacing;
    }

    /**
     * A non-negative scalar as little-endian 32-bit words, zero-padded to hold {@code bits} bits.
     *
     * @throws IllegalArgumentException if the scalar does not fit
     */
    static int[] words(BigInteger k, int bits) {
        if (k.signum() < 0 || k.bitLength() > bits) {
            throw new IllegalArgumentException("scalar out of range");
        }
        int[] w = new int[(bits + 31) >>> 5];
        byte[] be = k.toByteArray();
        for (int i = 0; i < be.length; i++) {
            int bitPos = (be.length - 1 - i) * 8;
            if (bitPos < bits) {
                w[bitPos >>> 5] |= (be[i] & 0xff) << (bitPos & 31);
            }
        }
        return w;
    }
}
