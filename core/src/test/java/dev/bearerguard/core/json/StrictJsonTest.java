package dev.bearerguard.core.json;

import dev.bearerguard.core.internal.Base64Url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

    @Test
    void parseWhenStrictJsonThenTypedValues() {
        Map<String, Object> m = StrictJson.parseObject(
                " {\"s\":\"a\\u00e9\\n\\ud83d\\ude00\",\"i\":12,\"big\":123456789012345678901234,\"d\":1.5,\"e\":1e3,"
                        + "\"t\":true,\"n\":null,\"a\":[1,{\"x\":[]}],\"o\":{}} ");
        assertThat(m.get("s")).isEqualTo("a\u00e9\n\uD83D\uDE00");
        assertThat(m.get("i")).isEqualTo(12L);
        assertThat(m.get("big")).isEqualTo(new BigInteger("123456789012345678901234"));
        assertThat(m.get("d")).isEqualTo(new BigDecimal("1.5"));
        assertThat(m.get("e")).isEqualTo(new BigDecimal("1e3"));
        assertThat(m.get("t")).isEqualTo(true);
        assertThat(m.get("n")).isSameAs(StrictJson.NULL);
        assertThat(m.get("a")).isEqualTo(List.of(1L, Map.of("x", List.of())));
        assertThat(m.keySet()).containsExactly("s", "i", "big", "d", "e", "t", "n", "a", "o");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "{", "}", "{\"a\":1,\"a\":2}", "{'a':1}", "{a:1}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":-Infinity}",
            "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":1}x", "{\"a\":1}{}", "{\"a\":1,}",
            "{\"a\":[1,]}", "{/*c*/\"a\":1}", "{\"a\":1}//c", "{\"a\":\"\t\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}",
            "{\"a\":\"\\udc00\"}", "{\"a\":tru}", "{\"a\"1}", "[1]", "\"s\"", "{\"a\":\"unterminated}",
            "{\"a\":1}\u0000", "{\u00a0\"a\":1}"})
    void parseWhenNotStrictThenRefused(String text) {
        assertThatThrownBy(() -> StrictJson.parseObject(text)).isInstanceOf(StrictJson.JsonException.class);
    }

    @Test
    void parseWhenNestedDeeperThanBoundThenRefusedWithoutStackOverflow() {
        String deep = "{\"a\":" + "[".repeat(StrictJson.MAX_DEPTH) + "]".repeat(StrictJson.MAX_DEPTH) + "}";
        assertThatThrownBy(() -> StrictJson.parseObject(deep)).isInstanceOf(StrictJson.JsonException.class)
                .hasMessageContaining("deep");
        String veryDeep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertThatThrownBy(() -> StrictJson.parseObject(veryDeep)).isInstanceOf(StrictJson.JsonException.class);
        String ok = "{\"a\":" + "[".repeat(StrictJson.MAX_DEPTH - 1) + "]".repeat(StrictJson.MAX_DEPTH - 1) + "}";
        assertThat(StrictJson.parseObject(ok)).containsKey("a");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "1e99999999999", "1E+2147483648", "1e-2147483649", "1e2147483647", "-1e-2147483648", "1e1001",
            "1e-1001", "0e99999999999999999999", "1.5e-1000", "0.4e00669999999999999999999999999999999999",
            "123123e100000", "123e-10000000", "-1e+9999"})
    void parseWhenExponentCannotBeHeldThenJsonExceptionNotNumberFormatException(String number) {
        // Issue 11, defect 1: these made new BigDecimal throw NumberFormatException out of the parser.
        assertThatThrownBy(() -> StrictJson.parseObject("{\"n\":" + number + "}"))
                .isInstanceOf(StrictJson.JsonException.class).hasMessageContaining("exponent out of range");
        assertThatThrownBy(() -> StrictJson.parse("[" + number + "]")).isInstanceOf(StrictJson.JsonException.class);
    }

    @Test
    void parseWhenExponentAtTheBoundThenRead() {
        assertThat(StrictJson.parseObject("{\"a\":1e1000,\"b\":1E-1000,\"c\":1e+0001000,\"d\":-0.5e-999}"))
                .containsEntry("a", new BigDecimal("1e1000")).containsEntry("b", new BigDecimal("1e-1000"))
                .containsEntry("c", new BigDecimal("1e1000")).containsEntry("d", new BigDecimal("-0.5e-999"));
    }

    @Test
    void parseWhenNumberHasAtMostMaxDigitsThenReadElseTooLong() {
        String longest = "1" + "0".repeat(StrictJson.MAX_NUMBER_DIGITS - 1);
        assertThat(StrictJson.parseObject("{\"n\":" + longest + "}").get("n")).isEqualTo(new BigInteger(longest));
        String closeToZero = "-0." + "0".repeat(77) + "1"; // JSONTestSuite's y_number_double_close_to_zero
        assertThat(StrictJson.parseObject("{\"n\":" + closeToZero + "}").get("n")).isEqualTo(new BigDecimal(closeToZero));
        String smallest = "0." + "0".repeat(StrictJson.MAX_EXPONENT - 1) + "1"; // 1e-1000 written out: one digit
        assertThat(StrictJson.parseObject("{\"n\":" + smallest + "}").get("n")).isEqualTo(new BigDecimal("1e-1000"));
        for (String tooLong : new String[] {longest + "0", "1." + "0".repeat(StrictJson.MAX_NUMBER_DIGITS),
                "0." + "0".repeat(StrictJson.MAX_NUMBER_TEXT) + "1e2000", "1".repeat(500_000)}) {
            assertThatThrownBy(() -> StrictJson.parseObject("{\"n\":" + tooLong + "}"))
                    .isInstanceOf(StrictJson.JsonException.class).hasMessageContaining("too long");
        }
    }

    @Test
    void parseWhenAcceptedNumberIsWrittenBackThenAcceptedAgain() {
        // Found by StrictJsonFuzzTest: 501e1000 (scale -1000) was accepted but written as 5.01E+1002,
        // which a bound on the exponent as written refused.
        for (String n : new String[] {"501e1000", "0.5e-999", "1" + "2".repeat(255) + "e1000", "-" + "9".repeat(256) + "e-1000"}) {
            Object v = StrictJson.parse(n);
            assertThat(StrictJson.parse(JsonWriter.write(v))).as(n).isEqualTo(v);
        }
    }

    @Test
    void parseWhenIntegerBeyondLongThenBigIntegerAndBackToLongWithinRange() {
        assertThat(StrictJson.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(StrictJson.parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(StrictJson.parse("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(StrictJson.parse("-123123123123123123123123123123"))
                .isEqualTo(new BigInteger("-123123123123123123123123123123"));
    }

    @Test
    void writerRoundTrips() {
        Map<String, Object> m = StrictJson.parseObject("{\"s\":\"q\\\"\\\\\\n\\u0001\",\"a\":[1,2.5,null,false],\"o\":{\"k\":\"v\"}}");
        assertThat(StrictJson.parseObject(JsonWriter.write(m))).isEqualTo(m);
    }

    @Test
    void base64UrlIsStrict() {
        assertThat(Base64Url.isStrict("abc-_", 0, 5)).isFalse(); // length % 4 == 1
        assertThat(Base64Url.isStrict("ab+/", 0, 4)).isFalse();
        assertThat(Base64Url.isStrict("ab==", 0, 4)).isFalse();
        assertThat(Base64Url.isStrict("ab-_", 0, 4)).isTrue();
        assertThatThrownBy(() -> Base64Url.decode("AB", 0, 2)).isInstanceOf(IllegalArgumentException.class); // non-canonical
        assertThat(Base64Url.decode("AA", 0, 2)).containsExactly(0);
    }

    @Test
    void parseWhenWhitespaceSitsInsideEmptyContainersAndAroundColonsThenRead() {
        assertThat(StrictJson.parseObject("{ }")).isEmpty();
        assertThat(StrictJson.parse("[ ]")).isEqualTo(List.of());
        assertThat(StrictJson.parse("[\t1 ,\n2\r]")).isEqualTo(List.of(1L, 2L));
        assertThat(StrictJson.parseObject("{ \"a\" :\t1 , \"b\" : { } }")).containsEntry("a", 1L).containsEntry("b", Map.of());
    }

    @Test
    void parseWhenObjectsNestExactlyMaxDepthThenReadAndOneDeeperRefused() {
        String ok = "{\"a\":".repeat(StrictJson.MAX_DEPTH - 1) + "{}" + "}".repeat(StrictJson.MAX_DEPTH - 1);
        assertThat(StrictJson.parseObject(ok)).containsKey("a");
        String deep = "{\"a\":".repeat(StrictJson.MAX_DEPTH) + "{}" + "}".repeat(StrictJson.MAX_DEPTH);
        assertThatThrownBy(() -> StrictJson.parseObject(deep)).hasMessage("JSON nested too deeply");
    }

    @Test
    void parseWhenTheTextEndsInsideATokenThenJsonExceptionNeverAnIndexError() {
        String[][] cases = {{"-", "truncated JSON number"}, {"1e", "invalid JSON number"}, {"1e+", "invalid JSON number"},
                {"1.", "invalid JSON number"}, {"\"\\u12", "truncated unicode escape in JSON string"},
                {"\"\\u0041", "unterminated JSON string"}, {"\"\\", "unterminated JSON string"}, {"\"abc", "unterminated JSON string"},
                {"tru", "invalid JSON literal"}, {"[1", "unexpected end of JSON"}, {"{\"a\"", "unexpected end of JSON"},
                {"01", "leading zero in JSON number"}, {"-01", "leading zero in JSON number"}, {"-x", "invalid JSON number"}};
        for (String[] c : cases) {
            assertThatThrownBy(() -> StrictJson.parse(c[0])).as(c[0]).isInstanceOf(StrictJson.JsonException.class)
                    .hasMessage(c[1]);
        }
        assertThat(StrictJson.parse("0")).isEqualTo(0L);
        assertThat(StrictJson.parse("-0")).isEqualTo(0L);
        assertThat(StrictJson.parse("[0]")).isEqualTo(List.of(0L));
        assertThat(StrictJson.parse("1e5")).isEqualTo(new BigDecimal("1e5"));
        assertThat(StrictJson.parse("\"\\u0041\"")).isEqualTo("A");
    }

    @Test
    void parseWhenANumberTextIsExactlyMaxNumberTextThenReadAndOneLongerTooLong() {
        // "0." + zeros + "1e+1100": the scale stays within the bound while the text grows.
        String exact = "0." + "0".repeat(StrictJson.MAX_NUMBER_TEXT - 9) + "1e+1100";
        assertThat(exact).hasSize(StrictJson.MAX_NUMBER_TEXT);
        assertThat(StrictJson.parse(exact)).isInstanceOf(BigDecimal.class);
        String longer = "0." + "0".repeat(StrictJson.MAX_NUMBER_TEXT - 8) + "1e+1100";
        assertThatThrownBy(() -> StrictJson.parse(longer)).hasMessage("JSON number too long");
        // The bound is on the number's own text, wherever it stands in the document.
        String late = "{\"pad\":\"" + "x".repeat(3000) + "\",\"n\":12345}";
        assertThat(StrictJson.parseObject(late)).containsEntry("n", 12345L);
    }

    @Test
    void nullPrintsAsJsonNull() {
        assertThat(StrictJson.NULL).hasToString("null");
    }
}
