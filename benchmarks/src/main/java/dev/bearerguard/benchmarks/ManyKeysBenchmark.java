package dev.bearerguard.benchmarks;

import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.VerifiedToken;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.KeyTables;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.replay.ReplayPolicy;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Benchmark 8: a verifier trusting 10 000 P-521 keys (a multi-merchant platform), with traffic
 * spread over them Zipf-like (exponent 1: the busiest merchant sends 1/H(10 000) ≈ 10 % of the
 * tokens, half the traffic comes from the 90 busiest, a third from the 9 000 least busy), against
 * the same verifier with one key. Each operation verifies the next of 20 000 pre-minted ES512
 * tokens drawn from that distribution (replay off, so the sequence can come round again; no
 * verified-token cache, so every token pays its signature check).
 *
 * <p>Scenarios: {@code ONE_KEY} (default key tables); {@code MANY_DEFAULT} (default key tables:
 * tables sized by use, budget a sixteenth of the heap, here {@code -Xmx1g}: 64 MiB);
 * {@code MANY_32MIB} (the same policy held to 32 MiB); {@code MANY_NO_TABLES} (every token on the
 * plain path, the floor the tables improve on). The mean and the p99 come from JMH's sample mode;
 * the CPU column (CpuTimeProfiler) includes the table builder's thread. The tear-down prints the
 * tables' heap ({@code MANYKEYS-MEMORY}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ManyKeysBenchmark {

    /** How many keys the platform trusts. */
    public static final int MANY = 10_000;
    /** Pre-minted tokens, drawn from the Zipf distribution. */
    public static final int DRAWS = 20_000;

    public enum Scenario { ONE_KEY, MANY_DEFAULT, MANY_32MIB, MANY_NO_TABLES, ONE_KEY_NO_TABLES }

    @Param({"ONE_KEY", "MANY_DEFAULT", "MANY_32MIB", "MANY_NO_TABLES", "ONE_KEY_NO_TABLES"})
    public String scenario;

    private TokenVerifier verifier;
    private String[] tokens;
    private int next;
    private long keySetBytes;
    /** {@link #MANY}; the smoke test sets fewer. */
    int many = MANY;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Scenario s = Scenario.valueOf(scenario);
        int keys = s == Scenario.ONE_KEY || s == Scenario.ONE_KEY_NO_TABLES ? 1 : many;
        long before = usedHeap();
        List<KeyPair> pairs = keyPairs(keys, new Random(7));
        List<TrustedKey> trusted = new ArrayList<>(keys);
        for (KeyPair p : pairs) {
            trusted.add(TrustedKey.of(p.getPublic()));
        }
        KeySet set = KeySet.of(trusted);
        keySetBytes = usedHeap() - before;
        KeyTables tables = switch (s) {
            case MANY_32MIB -> KeyTables.of(32L << 20, KeyTables.newBuildExecutor());
            case MANY_NO_TABLES, ONE_KEY_NO_TABLES -> KeyTables.none();
            default -> KeyTables.defaults();
        };
        verifier = TokenVerifier.builder().keys(set).keyTables(tables).replayPolicy(ReplayPolicy.OFF).build();
        FastTokens[] minters = new FastTokens[keys];
        Random random = new Random(11);
        int[] draws = zipf(keys, DRAWS, random);
        tokens = new String[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            int k = draws[i];
            if (minters[k] == null) {
                minters[k] = new FastTokens(pairs.get(k), random);
            }
            tokens[i] = minters[k].next();
        }
        // The key pairs' private halves and the minters go before the measurement.
        pairs.clear();
    }

    @Benchmark
    public VerifiedToken verify() throws Exception {
        String t = tokens[next];
        next = next + 1 == tokens.length ? 0 : next + 1;
        return verifier.verify(t);
    }

    @TearDown(Level.Trial)
    public void memory() {
        KeyTables t = verifier.keyTables();
        System.out.printf("%nMANYKEYS-MEMORY {\"scenario\":\"%s\",\"tables_bytes\":%d,\"tables\":%d,\"budget_bytes\":%d,"
                + "\"full_tables\":%d,\"keyset_bytes\":%d,\"max_heap\":%d}%n", scenario, t.usedBytes(), t.tableCount(), t.budgetBytes(),
                t.fullTableCount(),
                keySetBytes, Runtime.getRuntime().maxMemory());
    }

    /** {@code count} ranks in {@code [0, n)} with probability proportional to {@code 1/(rank+1)}. */
    static int[] zipf(int n, int count, Random random) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            double u = random.nextDouble() * sum;
            int lo = 0;
            int hi = n - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] < u) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            out[i] = lo;
        }
        return out;
    }

    /**
     * {@code count} distinct P-521 key pairs, cheaply: {@code d, d+1, d+2, …} with {@code Q} stepped
     * by one addition of {@code G} each (valid, distinct keys; no scalar multiplication per key).
     */
    static List<KeyPair> keyPairs(int count, Random random) throws Exception {
        X9ECParameters x9 = CustomNamedCurves.getByName("secp521r1");
        KeyPair first = Fixtures.keyPair(dev.bearerguard.core.Algorithm.ES512);
        ECParameterSpec spec = ((ECPublicKey) first.getPublic()).getParams();
        BigInteger d = ((ECPrivateKey) first.getPrivate()).getS();
        org.bouncycastle.math.ec.ECPoint q = x9.getCurve().createPoint(((ECPublicKey) first.getPublic()).getW().getAffineX(),
                ((ECPublicKey) first.getPublic()).getW().getAffineY());
        KeyFactory kf = KeyFactory.getInstance("EC");
        List<KeyPair> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            org.bouncycastle.math.ec.ECPoint n = q.normalize();
            PublicKey pub = kf.generatePublic(new ECPublicKeySpec(new ECPoint(n.getAffineXCoord().toBigInteger(),
                    n.getAffineYCoord().toBigInteger()), spec));
            PrivateKey priv = kf.generatePrivate(new ECPrivateKeySpec(d, spec));
            out.add(new KeyPair(pub, priv));
            q = q.add(x9.getG());
            d = d.add(BigInteger.ONE).mod(x9.getN());
        }
        return out;
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
