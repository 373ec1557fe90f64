package dev.bearerguard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.Algorithm;
import dev.bearerguard.core.Reason;
import dev.bearerguard.core.TokenRejectedException;
import dev.bearerguard.core.TokenVerifier;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The benchmarks measure what they claim: every implementation accepts the same fixture tokens and
 * refuses a forged one, and the refusal fixtures are refused for the intended reason.
 */
class PeersTest {

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"ES512", "ES256", "RS256"})
    void verifyWhenFixtureTokensThenEveryImplementationAcceptsThemAndRefusesAForgery(Algorithm alg) throws Exception {
        KeyPair pair = Fixtures.keyPair(alg);
        List<String> tokens = Fixtures.tokens(Fixtures.signer(pair, alg), 2);
        String forged = Fixtures.tokens(Fixtures.signer(Fixtures.keyPair(alg), alg), 1).get(0);
        for (Peers.Impl impl : Peers.Impl.values()) {
            Peers.Check check = Peers.of(impl, alg, pair);
            for (String t : tokens) {
                assertThat(check.verify(t)).as(impl + " " + alg).isNotNull();
            }
            if (impl != Peers.Impl.BEARERGUARD) {
                // bearerguard refuses it already for its unknown kid; the others have no kid check
                assertThatThrownBy(() -> check.verify(forged)).as(impl + " " + alg).isInstanceOf(Exception.class);
            }
        }
        String signedByOther = Fixtures.signer(Fixtures.keyPair(alg), alg)
                .withKid(Fixtures.signer(pair, alg).kid()).token().sign();
        TokenVerifier bearerguard = Fixtures.verifier(pair, alg);
        assertThatThrownBy(() -> bearerguard.verify(signedByOther)).isInstanceOf(TokenRejectedException.class)
                .extracting(e -> ((TokenRejectedException) e).reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @EnumSource(RefusalBenchmark.Kind.class)
    void refuseWhenRefusalFixtureThenRefusedForItsReasonWithoutAccepting(RefusalBenchmark.Kind kind) throws Exception {
        RefusalBenchmark b = new RefusalBenchmark();
        b.kind = kind.name();
        b.setUp(); // throws unless refused for the intended reason
        assertThat(b.refuse()).isIn(Reason.MALFORMED, Reason.UNKNOWN_KEY, Reason.EXPIRED);
    }
}
