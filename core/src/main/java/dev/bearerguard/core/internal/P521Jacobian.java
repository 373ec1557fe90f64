package dev.bearerguard.core.internal;

import java.math.BigInteger;
import org.bouncycastle.math.ec.custom.sec.SecP521R1Field;
import org.bouncycastle.math.raw.Nat;

/**
 * {@code a·G + b·Q} on P-521 from two packed combs, in place: one Jacobian accumulator and a few
 * scratch field elements, no allocation per point operation. It uses BouncyCastle's dedicated
 * P-521 field functions ({@link SecP521R1Field}), which keep every element canonical in
 * {@code [0, p)}, so equality and zero tests are plain word comparisons.
 *
 * <p>Formulas (EFD, {@code a = -3}): doubling {@code dbl-2001-b} (3M + 5S); mixed addition of an
 * affine table point {@code madd-2004-hmv} (8M + 3S), with the exceptional cases handled (equal
 * points are doubled; opposite points give infinity).
 *
 * <p>Not thread-safe: one instance per verification.
 */
final class P521Jacobian {

    private static final int W = 17;

    private final int[] x = new int[W];
    private final int[] y = new int[W];
    private final int[] z = new int[W];
    private boolean infinity = true;

    private final int[] tt = new int[2 * W - 1];
    private final int[] t1 = new int[W];
    private final int[] t2 = new int[W];
    private final int[] t3 = new int[W];
    private final int[] t4 = new int[W];
    private final int[] t5 = new int[W];
    private final int[] t6 = new int[W];
    private final int[] t7 = new int[W];

    /**
     * Whether {@code x(a·G + b·Q) mod n == r}; false if the sum is infinity.
     *
     * @param g the generator's packed comb; {@code q} the key's; {@code a}, {@code b} scalars as
     *          {@link Comb#words} covering both combs
     */
    static boolean sumHasX(Comb g, int[] a, Comb q, int[] b, BigInteger r, BigInteger n, BigInteger p) {
        P521Jacobian acc = new P521Jacobian();
        int steps = Math.max(g.spacing(), q.spacing());
        for (int i = steps - 1; i >= 0; i--) {
            acc.twice();
            if (i < g.spacing()) {
                acc.addColumn(g, a, i);
            }
            if (i < q.spacing()) {
                acc.addColumn(q, b, i);
            }
        }
        return !acc.infinity && acc.xModNEquals(r, n, p);
    }

    private void addColumn(Comb c, int[] k, int i) {
        for (int j = 0; j < c.blocks(); j++) {
            int index = c.index(k, j, i);
            if (index != 0) {
                addAffine(c.packedX(j)[index], c.packedY(j)[index]);
            }
        }
    }

    /** x·Z² comparison without inverting Z: x(R) = X / Z², candidates r, r + n, … below p. */
    private boolean xModNEquals(BigInteger r, BigInteger n, BigInteger p) {
        SecP521R1Field.square(z, t1, tt);
        for (BigInteger c = r; c.compareTo(p) < 0; c = c.add(n)) {
            SecP521R1Field.multiply(SecP521R1Field.fromBigInteger(c), t1, t2, tt);
            if (Nat.eq(W, t2, x)) {
                return true;
            }
        }
        return false;
    }

    private void twice() {
        if (infinity) {
            return;
        }
        // P-521 has prime order: no point of order 2, so a finite point never doubles to infinity.
        int[] delta = t1;
        int[] gamma = t2;
        int[] beta = t3;
        int[] alpha = t4;
        int[] tmp = t5;
        int[] tmp2 = t6;
        SecP521R1Field.square(z, delta, tt);
        SecP521R1Field.square(y, gamma, tt);
        SecP521R1Field.multiply(x, gamma, beta, tt);
        SecP521R1Field.subtract(x, delta, tmp);
        SecP521R1Field.add(x, delta, alpha);
        SecP521R1Field.multiply(tmp, alpha, alpha, tt);
        SecP521R1Field.twice(alpha, tmp);
        SecP521R1Field.add(tmp, alpha, alpha);                  // alpha = 3 (X - δ)(X + δ)
        SecP521R1Field.add(y, z, tmp);
        SecP521R1Field.square(tmp, tmp, tt);
        SecP521R1Field.subtract(tmp, gamma, tmp);
        SecP521R1Field.subtract(tmp, delta, z);                 // Z3 = (Y + Z)² - γ - δ
        SecP521R1Field.twice(beta, beta);
        SecP521R1Field.twice(beta, beta);                       // 4β
        SecP521R1Field.square(alpha, tmp, tt);
        SecP521R1Field.twice(beta, tmp2);                       // 8β
        SecP521R1Field.subtract(tmp, tmp2, x);                  // X3 = α² - 8β
        SecP521R1Field.subtract(beta, x, tmp);
        SecP521R1Field.multiply(alpha, tmp, tmp, tt);
        SecP521R1Field.square(gamma, tmp2, tt);
        SecP521R1Field.twice(tmp2, tmp2);
        SecP521R1Field.twice(tmp2, tmp2);
        SecP521R1Field.twice(tmp2, tmp2);                       // 8γ²
        SecP521R1Field.subtract(tmp, tmp2, y);                  // Y3 = α(4β - X3) - 8γ²
    }

    private void addAffine(int[] x2, int[] y2) {
        if (infinity) {
            Nat.copy(W, x2, x);
            Nat.copy(W, y2, y);
            java.util.Arrays.fill(z, 0);
            z[0] = 1;
            infinity = false;
            return;
        }
        SecP521R1Field.square(z, t1, tt);                       // Z1Z1
        SecP521R1Field.multiply(x2, t1, t2, tt);                // U2
        SecP521R1Field.multiply(z, t1, t3, tt);
        SecP521R1Field.multiply(y2, t3, t3, tt);                // S2 = Y2·Z1³
        SecP521R1Field.subtract(t2, x, t4);                     // H
        SecP521R1Field.subtract(t3, y, t5);                     // r
        if (Nat.isZero(W, t4)) {
            if (Nat.isZero(W, t5)) {
                twice();                                        // same point
            } else {
                infinity = true;                                // opposite points
            }
            return;
        }
        SecP521R1Field.square(t4, t6, tt);                      // HH
        SecP521R1Field.multiply(t4, t6, t7, tt);                // HHH
        SecP521R1Field.multiply(x, t6, t6, tt);                 // V = X1·HH
        SecP521R1Field.multiply(z, t4, z, tt);                  // Z3 = Z1·H
        SecP521R1Field.square(t5, t1, tt);
        SecP521R1Field.subtract(t1, t7, t1);
        SecP521R1Field.twice(t6, t2);
        SecP521R1Field.subtract(t1, t2, x);                     // X3 = r² - HHH - 2V
        SecP521R1Field.subtract(t6, x, t1);
        SecP521R1Field.multiply(t5, t1, t1, tt);
        SecP521R1Field.multiply(y, t7, t2, tt);
        SecP521R1Field.subtract(t1, t2, y);                     // Y3 = r(V - X3) - Y1·HHH
    }
}
