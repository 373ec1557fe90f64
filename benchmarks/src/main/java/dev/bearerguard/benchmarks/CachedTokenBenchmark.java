package dev.bearerguard.benchmarks;

import dev.bearerguard.core.Algorithm;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.VerifiedToken;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import java.security.KeyPair;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Benchmark 3: one ES512 embed token presented again and again through the verified-token cache,
 * with the default replay policy (an embed token is reusable, so each hit still asks the replay
 * cache). Each operation copies the token into a new {@code String}, as a new request would, so
 * its hash is computed every time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CachedTokenBenchmark {

    private TokenVerifier verifier;
    private char[] token;

    @Setup
    public void setUp() throws Exception {
        KeyPair pair = Fixtures.keyPair(Algorithm.ES512);
        verifier = TokenVerifier.builder()
                .keys(KeySet.of(TrustedKey.of(pair.getPublic())))
                .verifiedTokenCache(10_000)
                .build();
        String t = Fixtures.signer(pair, Algorithm.ES512).token().scopes("embed")
                .embed("amount", 1299).embed("currency", "EUR").embed("buyer_id", "b-42")
                .lifetime(Duration.ofHours(1)).sign();
        token = t.toCharArray();
        verifier.verify(t);
    }

    @Benchmark
    public VerifiedToken verifyCached() throws Exception {
        return verifier.verify(new String(token));
    }
}
