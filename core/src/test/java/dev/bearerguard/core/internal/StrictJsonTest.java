package dev.bearerguard.core.internal;

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
}
