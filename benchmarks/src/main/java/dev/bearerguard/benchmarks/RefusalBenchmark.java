package dev.bearerguard.benchmarks;

import dev.bearerguard.core.Algorithm;
import dev.bearerguard.core.Reason;
import dev.bearerguard.core.TokenRejectedException;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.test.TokenSigner;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
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
 * Benchmark 4: refusing a malformed token (full length, one character outside base64url), a token
 * naming an unknown {@code kid}, and an expired token — all without signature math.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RefusalBenchmark {

    /** What is wrong with the token. */
    public enum Kind {
        MALFORMED, UNKNOWN_KID, EXPIRED
    }

    @Param({"MALFORMED", "UNKNOWN_KID", "EXPIRED"})
    public String kind;

    private TokenVerifier verifier;
    private String token;

    @Setup
    public void setUp() throws Exception {
        KeyPair pair = Fixtures.keyPair(Algorithm.ES512);
        verifier = Fixtures.verifier(pair, Algorithm.ES512);
        TokenSigner signer = Fixtures.signer(pair, Algorithm.ES512);
        token = of(Kind.valueOf(kind), signer);
        Reason expected = switch (Kind.valueOf(kind)) {
            case MALFORMED -> Reason.MALFORMED;
            case UNKNOWN_KID -> Reason.UNKNOWN_KEY;
            case EXPIRED -> Reason.EXPIRED;
        };
        if (refuse() != expected) {
            throw new IllegalStateException("fixture not refused as " + expected);
        }
    }

    /** A token of the given kind. */
    public static String of(Kind kind, TokenSigner signer) {
        switch (kind) {
            case MALFORMED: {
                String good = signer.token().lifetime(Duration.ofHours(1)).sign();
                int at = good.length() - 20;
                return good.substring(0, at) + '+' + good.substring(at + 1);
            }
            case UNKNOWN_KID:
                return signer.withKid("no-such-kid-0123456789abcdefghijklmnopqrstu").token()
                        .lifetime(Duration.ofHours(1)).sign();
            case EXPIRED:
                return signer.token().notBefore(Instant.now().minusSeconds(7200)).lifetime(Duration.ofHours(1)).sign();
            default:
                throw new IllegalArgumentException(kind.name());
        }
    }

    @Benchmark
    public Reason refuse() {
        try {
            verifier.verify(token);
            throw new IllegalStateException("accepted");
        } catch (TokenRejectedException e) {
            return e.reason();
        }
    }
}
