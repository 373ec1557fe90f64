package dev.bearerguard.benchmarks.load;

import dev.bearerguard.benchmarks.FastTokens;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.replay.ReplayPolicy;
import dev.bearerguard.test.PemKeys;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

/**
 * The verify cost that benchmark 7's CPU target is stated against: {@code TokenVerifier.verify}
 * of fresh ES512 tokens on one thread, replay check off (the filter's in-memory replay record,
 * about 3 µs, is part of its request cost), after a warm-up; prints one JSON line with the
 * median of 5 rounds of thread CPU time per token.
 */
public final class VerifyCost {

    private VerifyCost() {
    }

    public static void main(String[] args) throws Exception {
        int warm = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 4_000;
        KeyPair pair = PemKeys.generateP521();
        FastTokens mint = new FastTokens(pair);
        TokenVerifier v = TokenVerifier.builder().keys(KeySet.of(TrustedKey.of(pair.getPublic())))
                .replayPolicy(ReplayPolicy.OFF).build();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < measured; i++) {
            tokens.add(mint.next());
        }
        for (int i = 0; i < warm; i++) {
            v.verify(tokens.get(i % measured));
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] rounds = new double[5];
        for (int r = 0; r < rounds.length; r++) {
            long cpu0 = mx.getCurrentThreadCpuTime();
            for (String t : tokens) {
                v.verify(t);
            }
            rounds[r] = (mx.getCurrentThreadCpuTime() - cpu0) / 1000.0 / measured;
        }
        java.util.Arrays.sort(rounds);
        System.out.printf("{\"verify_cpu_us\":%.1f,\"min_us\":%.1f,\"max_us\":%.1f}%n", rounds[2], rounds[0], rounds[4]);
    }
}
