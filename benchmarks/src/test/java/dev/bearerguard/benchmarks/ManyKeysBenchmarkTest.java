package dev.bearerguard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Benchmark 8's inputs, without timing: real distinct keys, tokens every key accepts, a Zipf spread. */
class ManyKeysBenchmarkTest {

    @Test
    void everyPreMintedTokenIsAcceptedAndTheTrafficIsSpreadZipfLike() throws Exception {
        ManyKeysBenchmark b = new ManyKeysBenchmark();
        b.scenario = "MANY_32MIB";
        b.many = 500;
        b.setUp();
        for (int i = 0; i < 300; i++) {
            assertThat(b.verify().kid()).isNotBlank();
        }
        b.memory();
    }

    @Test
    void zipfDrawsFavourLowRanksAsOneOverRank() {
        int[] draws = ManyKeysBenchmark.zipf(10_000, 200_000, new Random(1));
        int first = 0;
        int second = 0;
        int tail = 0;
        for (int d : draws) {
            first += d == 0 ? 1 : 0;
            second += d == 1 ? 1 : 0;
            tail += d >= 1_000 ? 1 : 0;
        }
        // 1/H(10 000) ≈ 10.2 % for the busiest; half of it for the second; ranks ≥ 1 000: 1 - H(1000)/H(10000) ≈ 23.5 %
        assertThat(first / 200_000.0).isBetween(0.095, 0.109);
        assertThat((double) second / first).isBetween(0.45, 0.55);
        assertThat(tail / 200_000.0).isBetween(0.225, 0.245);
    }

    @Test
    void keyPairsAreDistinctValidKeys() throws Exception {
        var pairs = ManyKeysBenchmark.keyPairs(5, new Random(2));
        assertThat(pairs.stream().map(p -> p.getPublic()).distinct()).hasSize(5);
        for (var p : pairs) {
            String t = new FastTokens(p).next();
            assertThat(dev.bearerguard.core.TokenVerifier.builder()
                    .keys(dev.bearerguard.core.keys.KeySet.of(dev.bearerguard.core.keys.TrustedKey.of(p.getPublic())))
                    .build().verify(t).kid()).isNotBlank();
        }
    }
}
