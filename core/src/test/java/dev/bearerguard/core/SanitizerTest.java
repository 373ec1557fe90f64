package dev.bearerguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SanitizerTest {

    @ParameterizedTest
    @ValueSource(chars = {'\n', '\r', '\t', '\u0000', '\u001b', '\u007f', '\u0085', '\u009b', '\u2028', '\u2029',
            '\u202e', '\u200b', '\ufeff', '\ud800', '\u00e9', ' '})
    void fieldWhenValueHoldsACharacterOutsidePrintableAsciiThenItIsEscaped(char c) {
        String out = Sanitizer.field("a" + c + "b");
        assertThat(out).isEqualTo("a\\u" + String.format("%04x", (int) c) + "b");
        assertThat(out.chars()).allMatch(x -> x > 0x20 && x < 0x7f);
    }

    @Test
    void fieldWhenValueHoldsABackslashThenItIsDoubledSoEscapesCannotBeForged() {
        assertThat(Sanitizer.field("a\\u2028b")).isEqualTo("a\\\\u2028b");
    }

    @Test
    void fieldWhenValueIsPrintableAsciiThenUnchanged() {
        String s = "0F98CzBY24nLRhZyPiGYUgGtLfKhjzwIdlRiU6j1Ha4";
        assertThat(Sanitizer.field(s)).isSameAs(s);
    }

    @Test
    void fieldWhenValueIsLongThenCutAtTheFixedLengthAndMarked() {
        assertThat(Sanitizer.field("x".repeat(10_000))).isEqualTo("x".repeat(Sanitizer.FIELD_LENGTH) + "...");
        assertThat(Sanitizer.field("x".repeat(Sanitizer.FIELD_LENGTH))).isEqualTo("x".repeat(Sanitizer.FIELD_LENGTH));
    }

    @Test
    void fieldWhenNullThenDash() {
        assertThat(Sanitizer.field(null)).isEqualTo("-");
    }

    @Test
    void textWhenValueHoldsSpacesThenTheyAreKeptButControlsAreEscaped() {
        assertThat(Sanitizer.text("GET /a\u2028 b")).isEqualTo("GET /a\\u2028 b");
        assertThat(Sanitizer.text("y".repeat(500))).hasSize(Sanitizer.TEXT_LENGTH + 3);
    }

    @Test
    void idsWhenAJtiTriesToForgeAFieldThenItStaysOneField() {
        assertThat(Sanitizer.ids("k", "x reason=ok\nkid=evil", null)).isEqualTo("kid=k jti=x\\u0020reason=ok\\u000akid=evil iss=-");
    }

    @Test
    void identifierWhenNameHoldsQuotesOrControlsThenReplacedForAHeader() {
        assertThat(Sanitizer.identifier("in\"voice\\_id\n")).isEqualTo("in?voice?_id?");
        assertThat(Sanitizer.identifier("a".repeat(100))).hasSize(Sanitizer.FIELD_LENGTH);
    }
}
