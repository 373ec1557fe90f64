package dev.bearerguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Signature;
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
