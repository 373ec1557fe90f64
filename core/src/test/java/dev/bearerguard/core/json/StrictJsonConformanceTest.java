package dev.bearerguard.core.json;

import dev.bearerguard.core.internal.Base64Url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.core.Reason;
import dev.bearerguard.core.TestKeys;
import dev.bearerguard.core.TokenRejectedException;
import dev.bearerguard.core.TokenVerifier;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JSONTestSuite's parsing cases (nst/JSONTestSuite, MIT; vendored under {@code
 * src/test/resources/testvectors/jsontestsuite}, commit in {@code SOURCE_COMMIT}) against the
 * verifier's JSON path: strict UTF-8 decoding, then {@link StrictJson}.
 *
 * <p>Every {@code n_} file is refused, every {@code y_} file accepted except the two {@link
 * #BY_DESIGN} lists (duplicate member names), and every {@code i_} file decided as {@link
 * #IMPLEMENTATION_DEFINED} says. Each file is judged three ways that must agree: as any JSON value
 * ({@link StrictJson#parse}), wrapped as {@code {"v": …}} in the object-only entry point the verifier
 * uses ({@link StrictJson#parseObject}), and wrapped so as the header segment of a token handed to a
 * real {@link TokenVerifier}, whose refusal must then name the header's JSON or UTF-8 exactly when
 * the parser refused.
 * A file whose top-level value is not an object is accepted as a value and, as a JOSE header,
 * refused for that reason alone ({@code header is not a strict JSON object (not a JSON object)}).
 */
class StrictJsonConformanceTest {

    private static final String DIR = "/testvectors/jsontestsuite/test_parsing";

    /** The {@code y_} files StrictJson refuses on purpose, with the reason. */
    static final Map<String, String> BY_DESIGN = Map.of(
            "y_object_duplicated_key.json", "duplicate member name: RFC 7515 §4 and RFC 7519 §4 let a JOSE"
                    + " parser reject them, and two readers taking different copies is how alg or kid gets smuggled",
            "y_object_duplicated_key_and_value.json", "duplicate member name, even with the same value: one"
                    + " rule, no comparing of values");

    /** Bearerguard's decision on each {@code i_} file: true = accepted. */
    static final Map<String, Decision> IMPLEMENTATION_DEFINED = Map.ofEntries(
            accept("i_number_double_huge_neg_exp.json", "123.456e-789: scale 792, within ±1000; a BigDecimal holds it exactly"),
            refuse("i_number_huge_exp.json", "scale far past ±1000 (exponent 66999…)"),
            refuse("i_number_neg_int_huge_exp.json", "scale past ±1000 (exponent 9999)"),
            refuse("i_number_pos_double_huge_exp.json", "scale past ±1000 (exponent 9999)"),
            refuse("i_number_real_neg_overflow.json", "scale past ±1000 (exponent 100000)"),
            refuse("i_number_real_pos_overflow.json", "scale past ±1000 (exponent 100000)"),
            refuse("i_number_real_underflow.json", "scale past ±1000 (exponent -10000000)"),
            accept("i_number_too_big_neg_int.json", "30 digits: a BigInteger, exactly"),
            accept("i_number_too_big_pos_int.json", "21 digits: a BigInteger, exactly"),
            accept("i_number_very_big_negative_int.json", "48 digits: a BigInteger, exactly"),
            refuse("i_object_key_lone_2nd_surrogate.json", "lone surrogate escape: no Unicode string holds it"),
            refuse("i_string_1st_surrogate_but_2nd_missing.json", "lone surrogate escape"),
            refuse("i_string_1st_valid_surrogate_2nd_invalid.json", "lone surrogate escape"),
            refuse("i_string_UTF-16LE_with_BOM.json", "not UTF-8 (RFC 8259 §8.1 requires UTF-8 between systems)"),
            refuse("i_string_UTF-8_invalid_sequence.json", "not UTF-8"),
            refuse("i_string_UTF8_surrogate_U+D800.json", "not UTF-8: an encoded surrogate is ill-formed UTF-8"),
            refuse("i_string_incomplete_surrogate_and_escape_valid.json", "lone surrogate escape"),
            refuse("i_string_incomplete_surrogate_pair.json", "lone surrogate escape"),
            refuse("i_string_incomplete_surrogates_escape_valid.json", "lone surrogate escape"),
            refuse("i_string_invalid_lonely_surrogate.json", "lone surrogate escape"),
            refuse("i_string_invalid_surrogate.json", "lone surrogate escape"),
            refuse("i_string_invalid_utf-8.json", "not UTF-8"),
            refuse("i_string_inverted_surrogates_U+1D11E.json", "low surrogate before high: lone surrogates"),
            refuse("i_string_iso_latin_1.json", "not UTF-8 (ISO-8859-1)"),
            refuse("i_string_lone_second_surrogate.json", "lone surrogate escape"),
            refuse("i_string_lone_utf8_continuation_byte.json", "not UTF-8"),
            refuse("i_string_not_in_unicode_range.json", "not UTF-8: past U+10FFFF"),
            refuse("i_string_overlong_sequence_2_bytes.json", "not UTF-8: overlong form"),
            refuse("i_string_overlong_sequence_6_bytes.json", "not UTF-8: overlong form"),
            refuse("i_string_overlong_sequence_6_bytes_null.json", "not UTF-8: overlong NUL"),
            refuse("i_string_truncated-utf-8.json", "not UTF-8: truncated sequence"),
            refuse("i_string_utf16BE_no_BOM.json", "not UTF-8 (UTF-16BE)"),
            refuse("i_string_utf16LE_no_BOM.json", "not UTF-8 (UTF-16LE)"),
            refuse("i_structure_500_nested_arrays.json", "nesting 500 deep, past StrictJson.MAX_DEPTH (16)"),
            refuse("i_structure_UTF-8_BOM_empty_object.json", "a byte order mark is not JSON whitespace; RFC 8259"
                    + " §8.1 forbids sending one, and a JOSE segment has one spelling"));

    record Decision(boolean accepted, String why) {
    }

    private static Map.Entry<String, Decision> accept(String file, String why) {
        return Map.entry(file, new Decision(true, why));
    }

    private static Map.Entry<String, Decision> refuse(String file, String why) {
        return Map.entry(file, new Decision(false, why));
    }

    /** The outcome of reading a file's bytes as the verifier does. */
    record Outcome(boolean accepted, boolean utf8, Object value, String refusal) {
    }

    private static final TokenVerifier VERIFIER = TokenVerifier.builder().keys(TestKeys.keySet())
            .maxTokenSize(1 << 20).build();

    static Stream<String> files() throws IOException, URISyntaxException {
        try (Stream<Path> s = Files.list(dir())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    private static Path dir() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(StrictJsonConformanceTest.class.getResource(DIR), DIR).toURI());
    }

    static Outcome read(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new Outcome(false, false, null, "not UTF-8");
        }
        try {
            return new Outcome(true, true, StrictJson.parse(text), null);
        } catch (StrictJson.JsonException e) {
            return new Outcome(false, true, null, e.getMessage());
        }
    }

    @Test
    void theSuiteIsCompleteWithItsLicence() throws Exception {
        Map<Character, Long> byKind = files().collect(Collectors.groupingBy(f -> f.charAt(0), Collectors.counting()));
        assertThat(byKind).containsExactlyInAnyOrderEntriesOf(Map.of('y', 95L, 'n', 188L, 'i', 35L));
        Path root = dir().getParent();
        assertThat(Files.readString(root.resolve("LICENSE"))).startsWith("MIT License");
        assertThat(Files.readString(root.resolve("SOURCE_COMMIT")).strip()).matches("[0-9a-f]{40}");
        assertThat(files().filter(f -> f.startsWith("i_")).toList())
                .containsExactlyInAnyOrderElementsOf(IMPLEMENTATION_DEFINED.keySet());
        assertThat(files().toList()).containsAll(BY_DESIGN.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void eachFileIsDecidedAsTheSuiteOrTheListedDecisionSays(String file) throws Exception {
        byte[] bytes = Files.readAllBytes(dir().resolve(file));
        Outcome o = read(bytes);
        boolean expected = switch (file.charAt(0)) {
            case 'y' -> !BY_DESIGN.containsKey(file);
            case 'n' -> false;
            default -> IMPLEMENTATION_DEFINED.get(file).accepted();
        };
        assertThat(o.accepted()).as("%s accepted (refusal: %s)", file, o.refusal()).isEqualTo(expected);
        if (BY_DESIGN.containsKey(file)) {
            assertThat(o.refusal()).isEqualTo("duplicate JSON member name");
        }
        if (o.utf8()) {
            assertThat(wrappedAccepted(new String(bytes, StandardCharsets.UTF_8)))
                    .as("%s wrapped in {\"v\": …} decided alike", file).isEqualTo(o.accepted());
        }
        assertVerifierAgrees(file, bytes, o);
    }

    private static boolean wrappedAccepted(String text) {
        try {
            StrictJson.parseObject("{\"v\":" + text + "}");
            return true;
        } catch (StrictJson.JsonException e) {
            return false;
        }
    }

    /**
     * The file as a token's header, wrapped as {@code {"v": …}} byte for byte: the verifier refuses it
     * for its JSON or UTF-8 exactly when the parser refused the file. Unwrapped, a file whose value
     * is not an object is refused for that alone, and an object one exactly as the parser decided.
     */
    private static void assertVerifierAgrees(String file, byte[] bytes, Outcome o) {
        String wrapped = headerRefusal(concat("{\"v\":".getBytes(StandardCharsets.US_ASCII), bytes,
                "}".getBytes(StandardCharsets.US_ASCII)));
        if (o.accepted()) {
            assertThat(wrapped).as(file).doesNotStartWith("header is not");
        } else if (o.utf8()) {
            assertThat(wrapped).as(file).startsWith("header is not a strict JSON object (");
        } else {
            assertThat(wrapped).as(file).isEqualTo("header is not UTF-8");
        }
        String bare = headerRefusal(bytes);
        if (bytes.length == 0) {
            assertThat(bare).isEqualTo("token is not three dot-separated segments");
        } else if (!o.utf8()) {
            assertThat(bare).as(file).isEqualTo("header is not UTF-8");
        } else if (o.accepted() && !(o.value() instanceof Map)) {
            assertThat(bare).as(file).isEqualTo("header is not a strict JSON object (not a JSON object)");
        } else if (o.accepted()) {
            assertThat(bare).as(file).doesNotStartWith("header is not");
        } else {
            assertThat(bare).as(file).startsWith("header is not a strict JSON object (");
        }
    }

    /** The description of the verifier's refusal of a token whose header segment is {@code header}. */
    private static String headerRefusal(byte[] header) {
        try {
            VERIFIER.verify(Base64Url.encode(header) + ".e30.AAAA");
        } catch (TokenRejectedException e) {
            assertThat(e.reason()).isNotNull();
            if (e.error().description().startsWith("header is not")) {
                assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
            }
            return e.error().description();
        }
        throw new AssertionError("a header without typ, alg and kid was accepted");
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer b = ByteBuffer.allocate(Stream.of(parts).mapToInt(p -> p.length).sum());
        Stream.of(parts).forEach(b::put);
        return b.array();
    }

    @Test
    void decisionsAreListedInTheReadme() throws Exception {
        String readme = Files.readString(dir().getParent().resolve("README.md"));
        for (Map.Entry<String, Decision> e : IMPLEMENTATION_DEFINED.entrySet()) {
            assertThat(readme).as(e.getKey()).contains("| `" + e.getKey() + "` | " + (e.getValue().accepted() ? "accept" : "refuse") + " |");
        }
        for (String f : BY_DESIGN.keySet()) {
            assertThat(readme).as(f).contains("| `" + f + "` | refuse |");
        }
        List<String> files = files().toList();
        assertThat(readme).contains(files.size() + " files");
    }
}
