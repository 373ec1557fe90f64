package dev.bearerguard.benchmarks;

import dev.bearerguard.core.Algorithm;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Benchmarks 1 and 2: cold verification of distinct tokens (nothing cached), bearerguard versus
 * jose4j {@code JwtConsumer} with its defaults, Nimbus {@code DefaultJWTProcessor}, auth0
 * java-jwt and the bare JDK {@code Signature}, for ES512, ES256 and RS256.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ColdVerifyBenchmark {

    @Param({"ES512", "ES256", "RS256"})
    public String alg;

    @Param({"BEARERGUARD", "JOSE4J", "NIMBUS", "AUTH0", "JDK"})
    public String impl;

    private Peers.Check check;
    private String[] tokens;
    private int next;

    @Setup
    public void setUp() throws Exception {
        Algorithm a = Algorithm.valueOf(alg);
        KeyPair pair = Fixtures.keyPair(a);
        List<String> list = Fixtures.tokens(Fixtures.signer(pair, a), Fixtures.TOKENS);
        tokens = list.toArray(new String[0]);
        check = Peers.of(Peers.Impl.valueOf(impl), a, pair);
        for (String t : tokens) {
            check.verify(t); // every implementation must accept every token before we time it
        }
    }

    @Benchmark
    public Object verify() throws Exception {
        String t = tokens[next++ & (Fixtures.TOKENS - 1)];
        return check.verify(t);
    }
}
