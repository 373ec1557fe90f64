package dev.bearerguard.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Fuzz target for {@link Base64Url}: any text and any range of it. Properties, against the JDK's
 * decoder and RFC 7515 §2 written out as a pattern: {@link Base64Url#isStrict} holds exactly for the
 * URL-safe alphabet at a legal length; {@link Base64Url#decode} of a strict range either returns the
 * bytes whose unpadded encoding is the range itself (one spelling per value) or throws {@link
 * IllegalArgumentException} for a non-canonical one; and any bytes encode to a strict text that
 * decodes back. Inputs in {@code Base64UrlFuzzTestInputs/decode/}.
 */
class Base64UrlFuzzTest {

    private static final Pattern ALPHABET = Pattern.compile("[A-Za-z0-9_-]*");

    @FuzzTest(maxDuration = "60s")
    void decode(FuzzedDataProvider data) {
        String s = data.consumeString(200);
        int from = data.consumeInt(0, s.length());
        int to = data.consumeInt(from, s.length());
        String range = s.substring(from, to);
        boolean strict = Base64Url.isStrict(s, from, to);
        assertThat(strict).as("isStrict(%s)", range).isEqualTo(ALPHABET.matcher(range).matches() && range.length() % 4 != 1);
        if (strict) {
            byte[] jdk = Base64.getUrlDecoder().decode(range);
            boolean canonical = Base64.getUrlEncoder().withoutPadding().encodeToString(jdk).equals(range);
            try {
                byte[] ours = Base64Url.decode(s, from, to);
                assertThat(canonical).as("decoded a non-canonical %s", range).isTrue();
                assertThat(ours).isEqualTo(jdk);
            } catch (IllegalArgumentException e) {
                assertThat(canonical).as("refused the canonical %s", range).isFalse();
            }
        }
        byte[] bytes = data.consumeRemainingAsBytes();
        String encoded = Base64Url.encode(bytes);
        assertThat(Base64Url.isStrict(encoded, 0, encoded.length())).isTrue();
        assertThat(Base64Url.decode(encoded, 0, encoded.length())).isEqualTo(bytes);
    }
}
