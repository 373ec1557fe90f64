package dev.bearerguard.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bearerguard.core.ContractReference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target for {@link StrictJson}: any text. Properties: nothing escapes but {@link
 * StrictJson.JsonException}; an accepted value writes back ({@link JsonWriter}) to text that parses
 * to the same value (numbers compared by value), also inside an object while the depth allows; and StrictJson agrees with
 * Jackson (strict duplicate detection, the reference's reader) except where it is stricter on
 * purpose: depth, lone surrogates and number bounds. Inputs in {@code StrictJsonFuzzTestInputs/parse/}.
 */
class StrictJsonFuzzTest {

    /** StrictJson's refusals of text Jackson accepts: the intended differences, each a documented bound. */
    static final List<String> STRICTER_ON_PURPOSE = List.of("JSON nested too deeply", "lone surrogate in JSON string",
            "JSON number too long", "JSON number exponent out of range");

    @FuzzTest(maxDuration = "60s")
    @DictionaryEntries({"{", "}", "[", "]", ":", ",", "\"", "\\u", "\\ud800", "\\udc00", "true", "false", "null", "-0",
            "1e", "E+", "e-", ".5", "1e1000", "1e1001", "9223372036854775808"})
    void parse(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        Object value;
        try {
            value = StrictJson.parse(text);
        } catch (StrictJson.JsonException e) {
            assertThat(e.getMessage()).isNotEmpty().doesNotContain(text.length() > 8 ? text : "\u0000");
            assertJacksonRefusesOrOnPurpose(text, e.getMessage());
            return;
        }
        String written = JsonWriter.write(value);
        assertThat(same(StrictJson.parse(written), value)).as("round trip of %s", written).isTrue();
        if (value instanceof Map) {
            assertThat(StrictJson.parseObject(text)).isEqualTo(value);
        }
        if (depth(value) < StrictJson.MAX_DEPTH) {
            assertThat(StrictJson.parseObject("{\"v\":" + text + "}")).containsEntry("v", value);
        }
        try {
            ContractReference.readJson(text);
        } catch (Exception e) {
            throw new AssertionError("StrictJson accepted what Jackson refuses: " + e.getMessage(), e);
        }
    }

    private static void assertJacksonRefusesOrOnPurpose(String text, String refusal) {
        boolean jacksonAccepts;
        try {
            ContractReference.readJson(text);
            jacksonAccepts = true;
        } catch (Exception e) {
            jacksonAccepts = false;
        }
        if (jacksonAccepts) {
            assertThat(STRICTER_ON_PURPOSE).as("Jackson accepts what StrictJson refuses").contains(refusal);
        }
    }

    /** Equal as JSON: numbers by value ({@code 12.99e2} is written back as {@code 1299}, a Long). */
    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new java.math.BigDecimal(x.toString()).compareTo(new java.math.BigDecimal(y.toString())) == 0;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return x.keySet().equals(y.keySet()) && x.keySet().stream().allMatch(k -> same(x.get(k), y.get(k)));
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static int depth(Object v) {
        if (v instanceof Map<?, ?> m) {
            return 1 + m.values().stream().mapToInt(StrictJsonFuzzTest::depth).max().orElse(0);
        }
        if (v instanceof List<?> l) {
            return 1 + l.stream().mapToInt(StrictJsonFuzzTest::depth).max().orElse(0);
        }
        return 0;
    }
}
