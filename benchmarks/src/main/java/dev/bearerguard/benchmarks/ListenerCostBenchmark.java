package dev.bearerguard.benchmarks;

import dev.bearerguard.test.TestRequest;
import dev.bearerguard.core.Algorithm;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.VerifiedToken;
import dev.bearerguard.core.http.GuardAnswer;
import dev.bearerguard.core.http.Operation;
import dev.bearerguard.core.http.RequestGuard;
import dev.bearerguard.core.http.RequestView;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.observe.BearerguardListener;
import dev.bearerguard.core.replay.ReplayPolicy;
import dev.bearerguard.micrometer.BearerguardMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.security.KeyPair;
import java.time.Duration;
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
 * Benchmark 7b (issue 16): what the metrics binding costs. The same three paths — a cold ES512
 * verification (256 distinct tokens, replay check off, as {@link ColdVerifyBenchmark}), a cached
 * embed token (as {@link CachedTokenBenchmark}, default replay policy, so each hit also reports a
 * replay-store call) and that cached token through {@link RequestGuard#check} (adding the request
 * counter the adapters move) — with the no-op listener, and with {@link BearerguardMetrics} bound
 * to a {@link SimpleMeterRegistry} and to a {@link PrometheusMeterRegistry}, in one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ListenerCostBenchmark {

    @Param({"NONE", "SIMPLE", "PROMETHEUS"})
    public String listener;

    private TokenVerifier cold;
    private String[] tokens;
    private int next;
    private TokenVerifier cached;
    private RequestGuard guard;
    private char[] embed;
    private final Operation operation = Operation.validToken("GET /x");

    @Setup
    public void setUp() throws Exception {
        KeyPair pair = Fixtures.keyPair(Algorithm.ES512);
        BearerguardListener l = switch (listener) {
            case "NONE" -> BearerguardListener.NONE;
            case "SIMPLE" -> BearerguardMetrics.builder(new SimpleMeterRegistry()).build();
            case "PROMETHEUS" -> BearerguardMetrics.builder(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).build();
            default -> throw new IllegalArgumentException(listener);
        };
        cold = TokenVerifier.builder().keys(KeySet.of(TrustedKey.of(pair.getPublic())))
                .replayPolicy(ReplayPolicy.OFF).listener(l).build();
        tokens = Fixtures.tokens(Fixtures.signer(pair, Algorithm.ES512), Fixtures.TOKENS).toArray(new String[0]);
        for (String t : tokens) {
            cold.verify(t);
        }
        cached = TokenVerifier.builder().keys(KeySet.of(TrustedKey.of(pair.getPublic()))).verifiedTokenCache(10_000)
                .listener(l).build();
        if (l instanceof BearerguardMetrics m) {
            m.bindTo(cached, "api");
        }
        guard = RequestGuard.builder(cached).adapter("servlet").build();
        String t = Fixtures.signer(pair, Algorithm.ES512).token().scopes("embed")
                .embed("amount", 1299).embed("currency", "EUR").embed("buyer_id", "b-42")
                .lifetime(Duration.ofHours(1)).sign();
        embed = t.toCharArray();
        cached.verify(t);
        if (!guard.check(request(t), operation).allowed()) {
            throw new IllegalStateException("the guard must let the embed token through");
        }
    }

    @Benchmark
    public VerifiedToken verifyCold() throws Exception {
        return cold.verify(tokens[next++ & (Fixtures.TOKENS - 1)]);
    }

    @Benchmark
    public VerifiedToken verifyCached() throws Exception {
        return cached.verify(new String(embed));
    }

    @Benchmark
    public GuardAnswer guardCached() {
        return guard.check(request(new String(embed)), operation);
    }

    private static RequestView request(String token) {
        return TestRequest.get("/x").bearer(token);
    }
}
