package dev.bearerguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.core.Finding;
import dev.bearerguard.core.Reason;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.VerifierUnavailableException;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.scope.ScopeRequirement;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TokenExplainerTest {

    @Test
    void derToRawWhenJcaDerSignatureThenSameBytesAsTheP1363Form() throws Exception {
        byte[] data = "input".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature der = Signature.getInstance("SHA512withECDSA");
        der.initSign(Fixture.P521.getPrivate());
        der.update(data);
        byte[] raw = TokenExplainer.derToRaw(der.sign(), 66);

        Signature p1363 = Signature.getInstance("SHA512withECDSAinP1363Format");
        p1363.initVerify(Fixture.P521.getPublic());
        p1363.update(data);
        assertThat(raw).hasSize(132);
        assertThat(p1363.verify(raw)).isTrue();
    }

    @Test
    void derToRawWhenNotDerThenNull() {
        assertThat(TokenExplainer.derToRaw(new byte[132], 66)).isNull();
        assertThat(TokenExplainer.derToRaw(new byte[] {0x30, 0x05, 0x02, 0x01, 0x01}, 66)).isNull();
        assertThat(TokenExplainer.derToRaw(new byte[] {0x30}, 66)).isNull();
    }

    private static TokenVerifier.Builder verifier() {
        return TokenVerifier.builder().clock(Clock.fixed(Instant.ofEpochSecond(Fixture.T0 + 10), ZoneOffset.UTC));
    }

    @Test
    void explainWhenTheKeySourceCannotAnswerThenTheVerdictSaysTheVerifierCannotDecide() {
        TokenVerifier v = verifier().keys(kid -> {
            throw new VerifierUnavailableException("key source down");
        }).build();

        TokenExplainer.Report r = new TokenExplainer(v, KeySet.of(), ScopeRequirement.none())
                .explain(Fixture.signer().token().sign());

        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).extracting(TokenExplainer.Problem::text).containsExactly("key (unavailable): key source down");
        assertThat(r.verdict()).isEqualTo("the verifier cannot decide (it would answer 503): key source down");
    }

    @Test
    void explainWhenEveryStepPassesThenNoProblemAndTheVerdictIsTheVerifiers() {
        KeySet keys = KeySet.of(TrustedKey.of(Fixture.P521.getPublic()));
        TokenExplainer.Report r = new TokenExplainer(verifier().keys(keys).build(), keys, ScopeRequirement.none())
                .explain(Fixture.signer().token().sign());

        assertThat(r.ok()).isTrue();
        assertThat(r.problems()).isEmpty();
        assertThat(r.verdict()).isEqualTo("accepted by the verifier");
        assertThat(r.signature()).isEqualTo("132 bytes");
    }

    @Test
    void explainWhenTheKeySetIsEmptyBecauseNoKeysWereGivenThenTheKeyStepIsANoteNotAProblem() {
        TokenExplainer.Report r = new TokenExplainer(verifier().keys(KeySet.of()).build(), null, ScopeRequirement.none())
                .explain(Fixture.signer().token().sign());

        assertThat(r.ok()).isTrue();
        assertThat(r.notes()).extracting(TokenExplainer.Note::text)
                .containsExactly("no --keys given: the kid and the signature were not checked against a key");
        assertThat(r.verdict()).isEqualTo("no problem found (give --keys to check the kid and the signature)");
    }

    @Test
    void claimNamedWhenTheMessageStartsWithAClaimThenItsNameElseNull() {
        assertThat(TokenExplainer.claimNamed(new Finding(Finding.Status.FAILED, "window", Reason.TIMESTAMP_IN_MILLISECONDS,
                "nbf claim looks like milliseconds; NumericDate is seconds"))).isEqualTo("nbf");
        assertThat(TokenExplainer.claimNamed(new Finding(Finding.Status.FAILED, "window", Reason.EXPIRED, "token expired")))
                .isNull();
    }

    @Test
    void displayWhenTextHoldsControlsThenEscapedAndKeptWholeUpToTheLimit() {
        String text = "{\"a\":\"" + "x".repeat(300) + "\u001b\u2028\"}";
        assertThat(TokenExplainer.display(text)).isEqualTo("{\"a\":\"" + "x".repeat(300) + "\\u001b\\u2028\"}");
        String huge = "y".repeat(TokenExplainer.SHOW_LIMIT + 5);
        assertThat(TokenExplainer.display(huge)).isEqualTo("y".repeat(TokenExplainer.SHOW_LIMIT) + "… ("
                + (TokenExplainer.SHOW_LIMIT + 5) + " characters)");
    }

    @Test
    void humanWhenSecondsMinutesHoursDaysThenReadable() {
        assertThat(TokenExplainer.human(45)).isEqualTo("45 s");
        assertThat(TokenExplainer.human(180)).isEqualTo("3 min");
        assertThat(TokenExplainer.human(5 * 3600)).isEqualTo("5 h");
        assertThat(TokenExplainer.human(3 * 86400)).isEqualTo("3 days");
    }

    @Test
    void showWhenValueHoldsControlCharactersOrIsLongThenSanitizedAndCut() {
        assertThat(TokenExplainer.show("a\u001b[31mb\u2028")).isEqualTo("\"a\\u001b[31mb\\u2028\"");
        assertThat(TokenExplainer.show("x".repeat(200))).isEqualTo("\"" + "x".repeat(120) + "...\"");
    }
}
