package dev.bearerguard.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.Algorithm;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class EcSignatureCheckTest {

    private static final EcTables NO_TABLES = new EcTables(0, Runnable::run);

    private static String curveOf(Algorithm alg) {
        return switch (alg) {
            case ES256 -> "secp256r1";
            case ES384 -> "secp384r1";
            default -> "secp521r1";
        };
    }

    private static KeyPair keyPair(Algorithm alg) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curveOf(alg)));
        return g.generateKeyPair();
    }

    private static byte[] sign(Algorithm alg, KeyPair kp, byte[] msg) throws Exception {
        Signature s = Signature.getInstance(alg.jcaName());
        s.initSign(kp.getPrivate());
        s.update(msg);
        return s.sign();
    }

    private static String digestOf(Algorithm alg) {
        return "SHA-" + (alg.size() == 66 ? 512 : alg.size() * 8);
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"ES256", "ES384", "ES512"})
    void verifyWhenRandomKeysAndMessagesThenCombAndPlainPathsAgree(Algorithm alg) throws Exception {
        Random random = new Random(alg.ordinal());
        for (int k = 0; k < 4; k++) {
            KeyPair kp = keyPair(alg);
            EcSignatureCheck check = new EcSignatureCheck(alg, (ECPublicKey) kp.getPublic(), NO_TABLES);
            for (Comb table : List.of(check.buildTable(), check.buildSmallTable())) {
            for (int m = 0; m < 8; m++) {
                byte[] msg = new byte[random.nextInt(200)];
                random.nextBytes(msg);
                byte[] sig = sign(alg, kp, msg);
                byte[] hash = MessageDigest.getInstance(digestOf(alg)).digest(msg);
                BigInteger[] rs = check.parse(sig);
                assertThat(check.verifyFast(table, hash, rs[0], rs[1])).isTrue();
                assertThat(check.verifyPlain(hash, rs[0], rs[1])).isTrue();
                // high s (n - s) is valid too
                BigInteger highS = check.domain().params.getN().subtract(rs[1]);
                assertThat(check.verifyFast(table, hash, rs[0], highS)).isTrue();
                assertThat(check.verifyPlain(hash, rs[0], highS)).isTrue();
                // a flipped message bit, a flipped r, and random (r, s): both paths refuse
                byte[] other = hash.clone();
                other[random.nextInt(other.length)] ^= (byte) (1 << random.nextInt(8));
                assertThat(check.verifyFast(table, other, rs[0], rs[1])).isFalse();
                assertThat(check.verifyPlain(other, rs[0], rs[1])).isFalse();
                BigInteger r2 = rs[0].flipBit(random.nextInt(rs[0].bitLength() - 1));
                assertThat(check.verifyFast(table, hash, r2, rs[1])).isEqualTo(check.verifyPlain(hash, r2, rs[1]))
                        .isFalse();
            }
            }
        }
    }

    @Test
    void verifyWhenSignatureLengthIsNotExactlyTwiceTheCoordinateSizeThenRefused() throws Exception {
        KeyPair kp = keyPair(Algorithm.ES512);
        EcSignatureCheck check = new EcSignatureCheck(Algorithm.ES512, (ECPublicKey) kp.getPublic(), NO_TABLES);
        byte[] msg = "header.payload".getBytes();
        byte[] sig = sign(Algorithm.ES512, kp, msg);
        assertThat(sig).hasSize(132);
        assertThat(check.verify(msg, sig)).isTrue();
        assertThat(check.verify(msg, java.util.Arrays.copyOf(sig, 131))).isFalse();
        byte[] longer = new byte[133];
        System.arraycopy(sig, 0, longer, 1, 132);
        assertThat(check.verify(msg, longer)).isFalse();
        assertThat(check.verify(msg, new byte[0])).isFalse();
    }

    @Test
    void verifyWhenROrSIsZeroOrAtLeastTheOrderThenRefused() throws Exception {
        KeyPair kp = keyPair(Algorithm.ES256);
        EcSignatureCheck check = new EcSignatureCheck(Algorithm.ES256, (ECPublicKey) kp.getPublic(), NO_TABLES);
        byte[] n = unsigned(check.domain().params.getN(), 32);
        byte[] one = unsigned(BigInteger.ONE, 32);
        byte[] zero = new byte[32];
        assertThat(check.parse(concat(zero, one))).isNull();
        assertThat(check.parse(concat(one, zero))).isNull();
        assertThat(check.parse(concat(n, one))).isNull();
        assertThat(check.parse(concat(one, n))).isNull();
        assertThat(check.parse(concat(one, one))).isNotNull();
    }

    @Test
    void newWhenPointIsOffTheCurveThenRefusedAtLoad() throws Exception {
        ECPublicKey good = (ECPublicKey) keyPair(Algorithm.ES512).getPublic();
        ECPoint w = good.getW();
        ECPublicKey bad = fakeKey(good.getParams(), new ECPoint(w.getAffineX(), w.getAffineY().add(BigInteger.ONE)));
        assertThatThrownBy(() -> new EcSignatureCheck(Algorithm.ES512, bad, NO_TABLES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not on the curve");
    }

    @Test
    void newWhenKeyIsOnAnotherCurveThanTheAlgorithmThenRefused() throws Exception {
        ECPublicKey p256 = (ECPublicKey) keyPair(Algorithm.ES256).getPublic();
        assertThatThrownBy(() -> new EcSignatureCheck(Algorithm.ES512, p256, NO_TABLES))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void verifyWhenTableIsBuiltOffThreadThenFirstCallsUsePlainPathAndLaterOnesTheTable() throws Exception {
        List<Runnable> queued = new ArrayList<>();
        Executor later = queued::add;
        EcTables tables = new EcTables(64L << 20, later);
        KeyPair kp = keyPair(Algorithm.ES512);
        EcSignatureCheck check = new EcSignatureCheck(Algorithm.ES512, (ECPublicKey) kp.getPublic(), tables);
        byte[] msg = "a.b".getBytes();
        byte[] sig = sign(Algorithm.ES512, kp, msg);

        assertThat(check.verify(msg, sig)).isTrue();
        assertThat(check.verify(msg, sig)).isTrue();
        assertThat(queued).as("one build scheduled, not one per call").hasSize(1);
        assertThat(tables.get(check)).isNull();

        queued.get(0).run();
        assertThat(tables.get(check)).isNotNull();
        assertThat(check.verify(msg, sig)).isTrue();
        assertThat(queued).hasSize(1);
    }

    @Test
    void tablesWhenAKeyIsUsedThenPlainFirstThenASmallTableThenTheFullOneEachBuiltOffThreadOnce() throws Exception {
        List<Runnable> queued = new ArrayList<>();
        EcTables tables = new EcTables(64L << 20, queued::add);
        KeyPair kp = keyPair(Algorithm.ES512);
        EcSignatureCheck check = new EcSignatureCheck(Algorithm.ES512, (ECPublicKey) kp.getPublic(), tables);
        byte[] msg = "a.b".getBytes();
        byte[] sig = sign(Algorithm.ES512, kp, msg);

        assertThat(check.verify(msg, sig)).isTrue();
        assertThat(queued).as("a key seen once gets no table").isEmpty();
        assertThat(check.verify(msg, sig)).isTrue();
        assertThat(queued).hasSize(1);
        queued.remove(0).run();
        assertThat(tables.weightedBytes()).as("the small table").isLessThan(16 << 10).isPositive();

        for (int i = 0; i < EcTables.FULL_AFTER - 1; i++) {
            assertThat(check.verify(msg, sig)).isTrue();
        }
        assertThat(queued).as("not busy enough yet").isEmpty();
        assertThat(check.verify(msg, sig)).isTrue();
        assertThat(check.verify(msg, sig)).isTrue();
        assertThat(queued).as("one full build, not one per call").hasSize(1);
        queued.remove(0).run();
        assertThat(tables.weightedBytes()).as("the full table, beside the small one").isGreaterThan(300 << 10);
        assertThat(tables.size()).isEqualTo(1);
        for (int i = 0; i < 200; i++) {
            check.verify(msg, sig);
        }
        assertThat(queued).as("a full table is final").isEmpty();
    }

    @Test
    void tablesWhenAKeysTableIsEvictedThenItNeedsTwiceTheUsesBeforeTheNextBuild() throws Exception {
        List<Runnable> queued = new ArrayList<>();
        EcTables tables = new EcTables(1, queued::add); // one byte holds no table: each is evicted at once
        KeyPair kp = keyPair(Algorithm.ES512);
        EcSignatureCheck check = new EcSignatureCheck(Algorithm.ES512, (ECPublicKey) kp.getPublic(), tables);
        byte[] msg = "a.b".getBytes();
        byte[] sig = sign(Algorithm.ES512, kp, msg);
        int[] usesBeforeBuild = new int[3];
        for (int round = 0; round < 3; round++) {
            int uses = 0;
            while (queued.isEmpty()) {
                assertThat(check.verify(msg, sig)).isTrue();
                uses++;
            }
            usesBeforeBuild[round] = uses;
            queued.remove(0).run();
            assertThat(tables.weightedBytes()).isZero();
        }
        assertThat(usesBeforeBuild).containsExactly(EcTables.SMALL_AFTER, 2 * EcTables.SMALL_AFTER, 4 * EcTables.SMALL_AFTER);
    }

    @Test
    void buildExecutorWhenDefaultThenOneDaemonThreadOfItsOwnAndABoundedQueueThatRefusesTheRest() throws Exception {
        java.util.concurrent.ThreadPoolExecutor e = EcTables.newBuildExecutor();
        try {
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CompletableFuture<Thread> worker = new java.util.concurrent.CompletableFuture<>();
            e.execute(() -> {
                worker.complete(Thread.currentThread());
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread t = worker.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(t.isDaemon()).isTrue();
            assertThat(t.getName()).startsWith("bearerguard-key-tables");
            assertThat(t).isNotInstanceOf(java.util.concurrent.ForkJoinWorkerThread.class);
            for (int i = 0; i < EcTables.QUEUE; i++) {
                e.execute(() -> { });
            }
            assertThatThrownBy(() -> e.execute(() -> { }))
                    .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
            assertThat(e.getMaximumPoolSize()).isEqualTo(1);
            release.countDown();
        } finally {
            e.shutdownNow();
        }
    }

    @Test
    void tablesWhenTheExecutorRefusesABuildThenTheTokenIsStillVerifiedAndALaterUseTriesAgain() throws Exception {
        int[] offered = {0};
        EcTables tables = new EcTables(64L << 20, task -> {
            offered[0]++;
            throw new java.util.concurrent.RejectedExecutionException("full");
        });
        KeyPair kp = keyPair(Algorithm.ES512);
        EcSignatureCheck check = new EcSignatureCheck(Algorithm.ES512, (ECPublicKey) kp.getPublic(), tables);
        byte[] msg = "a.b".getBytes();
        byte[] sig = sign(Algorithm.ES512, kp, msg);
        for (int i = 0; i < 4; i++) {
            assertThat(check.verify(msg, sig)).isTrue();
        }
        assertThat(offered[0]).isEqualTo(3);
        assertThat(tables.weightedBytes()).isZero();
    }

    @Test
    void tablesWhenTheBudgetIsZeroThenNothingIsEverBuiltNotEvenOnTheCallingThread() throws Exception {
        int[] offered = {0};
        EcTables tables = new EcTables(0, task -> {
            offered[0]++;
            task.run();
        });
        KeyPair kp = keyPair(Algorithm.ES512);
        EcSignatureCheck check = new EcSignatureCheck(Algorithm.ES512, (ECPublicKey) kp.getPublic(), tables);
        byte[] msg = "a.b".getBytes();
        byte[] sig = sign(Algorithm.ES512, kp, msg);
        for (int i = 0; i < 100; i++) {
            assertThat(check.verify(msg, sig)).isTrue();
        }
        assertThat(offered[0]).isZero();
    }

    @Test
    void defaultBudgetWhenHeapIsAnySizeThenASixteenthBetween32And256MiB() {
        assertThat(EcTables.defaultBudgetBytes()).isBetween(32L << 20, 256L << 20)
                .isEqualTo(Math.max(32L << 20, Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 16)));
    }

    @Test
    void tablesWhenBudgetIsExceededThenLeastRecentlyUsedAreEvictedAndTheTotalStaysBounded() throws Exception {
        long oneTable = EcDomain.P256.bytes(EcDomain.P256.keyComb(EcDomain.P256.params.getG()));
        EcTables tables = new EcTables(3 * oneTable, Runnable::run);
        List<EcSignatureCheck> keys = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            EcSignatureCheck c = new EcSignatureCheck(Algorithm.ES256,
                    (ECPublicKey) keyPair(Algorithm.ES256).getPublic(), tables);
            keys.add(c);
            tables.getNow(c);
        }
        assertThat(tables.weightedBytes()).isLessThanOrEqualTo(3 * oneTable);
    }

    private static ECPublicKey fakeKey(ECParameterSpec params, ECPoint w) {
        return new ECPublicKey() {
            private static final long serialVersionUID = 1L;

            @Override
            public ECPoint getW() {
                return w;
            }

            @Override
            public String getAlgorithm() {
                return "EC";
            }

            @Override
            public String getFormat() {
                return null;
            }

            @Override
            public byte[] getEncoded() {
                return null;
            }

            @Override
            public ECParameterSpec getParams() {
                return params;
            }
        };
    }

    private static byte[] unsigned(BigInteger v, int len) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[len];
        int copy = Math.min(b.length, len);
        System.arraycopy(b, b.length - copy, out, len - copy, copy);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
