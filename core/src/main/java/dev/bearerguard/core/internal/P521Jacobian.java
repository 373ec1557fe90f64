package dev.bearerguard.core.internal;

import java.math.BigInteger;

/**
 * {@code a·G + b·Q} on P-521 from two packed combs, in place: one Jacobian accumulator and a few
 * scratch field elements ({@link P521Field}, 58-bit limbs), no allocation per point operation.
 *
 * <p>Formulas (EFD, {@code a = -3}): doubling {@code dbl-2001-b} (3M + 5S); mixed addition of an
 * affine table point {@code madd-2004-hmv} (8M + 3S), with the exceptional cases handled (equal
 * points are doubled; opposite points give infinity).
 *
 * <p>Not thread-safe: one instance per verification.
 */
final class P521Jacobian {

    private final long[] x = P521Field.create();
    private final long[] y = P521Field.create();
    private final long[] z = P521Field.create();
    private boolean infinity = true;

    private final long[] t1 = P521Field.create();
    private final long[] t2 = P521Field.create();
    private final long[] t3 = P521Field.create();
    private final long[] t4 = P521Field.create();
    private final long[] t5 = P521Field.create();
    private final long[] t6 = P521Field.create();
    private final long[] t7 = P521Field.create();
    private final long[] s1 = P521Field.create();
    private final long[] s2 = P521Field.create();

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
        P521Field.square(z, t1);
        for (BigInteger c = r; c.compareTo(p) < 0; c = c.add(n)) {
            P521Field.multiply(P521Field.fromBigInteger(c), t1, t2);
            if (P521Field.equal(t2, x, s1, s2)) {
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
        long[] delta = t1;
        long[] gamma = t2;
        long[] beta = t3;
        long[] alpha = t4;
        long[] tmp = t5;
        long[] tmp2 = t6;
        P521Field.square(z, delta);
        P521Field.square(y, gamma);
        P521Field.multiply(x, gamma, beta);
        P521Field.subtract(x, delta, tmp);
        P521Field.add(x, delta, alpha);
        P521Field.multiply(tmp, alpha, alpha);
        P521Field.twice(alpha, tmp);
        P521Field.add(tmp, alpha, alpha);                  // alpha = 3 (X - δ)(X + δ)
        P521Field.add(y, z, tmp);
        P521Field.square(tmp, tmp);
        P521Field.subtract(tmp, gamma, tmp);
        P521Field.subtract(tmp, delta, z);                 // Z3 = (Y + Z)² - γ - δ
        P521Field.twice(beta, beta);
        P521Field.twice(beta, beta);                       // 4β
        P521Field.square(alpha, tmp);
        P521Field.twice(beta, tmp2);                       // 8β
        P521Field.subtract(tmp, tmp2, x);                  // X3 = α² - 8β
        P521Field.subtract(beta, x, tmp);
        P521Field.multiply(alpha, tmp, tmp);
        P521Field.square(gamma, tmp2);
        P521Field.twice(tmp2, tmp2);
        P521Field.twice(tmp2, tmp2);
        P521Field.twice(tmp2, tmp2);                       // 8γ²
        P521Field.subtract(tmp, tmp2, y);                  // Y3 = α(4β - X3) - 8γ²
    }

    private void addAffine(long[] x2, long[] y2) {
        if (infinity) {
            P521Field.copy(x2, x);
            P521Field.copy(y2, y);
            P521Field.setOne(z);
            infinity = false;
            return;
        }
        P521Field.square(z, t1);                      // Z1Z1
        P521Field.multiply(x2, t1, t2);               // U2
        P521Field.multiply(z, t1, t3);
        P521Field.multiply(y2, t3, t3);               // S2 = Y2·Z1³
        P521Field.subtract(t2, x, t4);                     // H
        P521Field.subtract(t3, y, t5);                     // r
        if (P521Field.isZero(t4, s1)) {
            if (P521Field.isZero(t5, s1)) {
                twice();                                   // same point
            } else {
                infinity = true;                           // opposite points
            }
            return;
        }
        P521Field.square(t4, t6);                     // HH
        P521Field.multiply(t4, t6, t7);               // HHH
        P521Field.multiply(x, t6, t6);                // V = X1·HH
        P521Field.multiply(z, t4, z);                 // Z3 = Z1·H
        P521Field.square(t5, t1);
        P521Field.subtract(t1, t7, t1);
        P521Field.twice(t6, t2);
        P521Field.subtract(t1, t2, x);                     // X3 = r² - HHH - 2V
        P521Field.subtract(t6, x, t1);
        P521Field.multiply(t5, t1, t1);
        P521Field.multiply(y, t7, t2);
        P521Field.subtract(t1, t2, y);                     // Y3 = r(V - X3) - Y1·HHH
    }
}
