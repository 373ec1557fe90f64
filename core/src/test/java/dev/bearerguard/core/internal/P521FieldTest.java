package dev.bearerguard.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link P521Field} against BigInteger arithmetic modulo 2^521 - 1, edge values included. */
class P521FieldTest {

    private static final BigInteger P = BigInteger.TWO.pow(521).subtract(BigInteger.ONE);

    private static List<BigInteger> values() {
        Random random = new Random(521);
        List<BigInteger> v = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
                P.subtract(BigInteger.ONE), P.subtract(BigInteger.TWO), BigInteger.TWO.pow(520),
                BigInteger.TWO.pow(58).subtract(BigInteger.ONE), BigInteger.TWO.pow(464),
                BigInteger.TWO.pow(464).subtract(BigInteger.ONE), P.shiftRight(1)));
        for (int i = 0; i < 300; i++) {
            v.add(new BigInteger(521, random).mod(P));
        }
        return v;
    }

    @Test
    void operationsWhenComparedWithBigIntegerThenAgreeIncludingOnUnreducedInputs() {
        List<BigInteger> values = values();
        long[] r = P521Field.create();
        Random random = new Random(1);
        for (int i = 0; i < values.size(); i++) {
            BigInteger a = values.get(i);
            BigInteger b = values.get(random.nextInt(values.size()));
            long[] fa = P521Field.fromBigInteger(a);
            long[] fb = P521Field.fromBigInteger(b);
            P521Field.multiply(fa, fb, r);
            assertThat(P521Field.toBigInteger(r)).isEqualTo(a.multiply(b).mod(P));
            P521Field.square(fa, r);
            assertThat(P521Field.toBigInteger(r)).isEqualTo(a.multiply(a).mod(P));
            P521Field.add(fa, fb, r);
            assertThat(P521Field.toBigInteger(r)).isEqualTo(a.add(b).mod(P));
            P521Field.subtract(fa, fb, r);
            assertThat(P521Field.toBigInteger(r)).isEqualTo(a.subtract(b).mod(P));
            P521Field.twice(fa, r);
            assertThat(P521Field.toBigInteger(r)).isEqualTo(a.shiftLeft(1).mod(P));

            // Chains: outputs (carried, not canonical) fed back as inputs.
            long[] acc = P521Field.fromBigInteger(a);
            BigInteger expected = a;
            for (int k = 0; k < 20; k++) {
                P521Field.subtract(acc, fb, acc);
                P521Field.twice(acc, acc);
                P521Field.add(acc, fa, acc);
                P521Field.multiply(acc, acc, acc);
                P521Field.square(acc, acc);
                expected = expected.subtract(b).shiftLeft(1).add(a).mod(P);
                expected = expected.multiply(expected).mod(P).pow(2).mod(P);
            }
            assertThat(P521Field.toBigInteger(acc)).isEqualTo(expected);
        }
    }

    @Test
    void isZeroWhenValueIsAMultipleOfPThenTrue() {
        long[] s = P521Field.create();
        long[] zero = P521Field.fromBigInteger(BigInteger.ZERO);
        long[] one = P521Field.fromBigInteger(BigInteger.ONE);
        long[] pMinus1 = P521Field.fromBigInteger(P.subtract(BigInteger.ONE));
        long[] sum = P521Field.create();
        P521Field.add(pMinus1, one, sum); // p itself, in a non-canonical form
        assertThat(P521Field.isZero(sum, s)).isTrue();
        assertThat(P521Field.isZero(zero, s)).isTrue();
        assertThat(P521Field.isZero(one, s)).isFalse();
        long[] diff = P521Field.create();
        P521Field.subtract(pMinus1, pMinus1, diff);
        assertThat(P521Field.isZero(diff, s)).isTrue();
        assertThat(P521Field.equal(sum, zero, P521Field.create(), P521Field.create())).isTrue();
    }
}
