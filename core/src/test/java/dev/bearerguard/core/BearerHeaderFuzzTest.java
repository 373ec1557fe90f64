package dev.bearerguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fuzz target for {@link BearerHeader#extract}: zero to three {@code Authorization} values of any
 * text. Properties: nothing escapes but {@link TokenRejectedException}, always {@code
 * no_credentials} (401) or {@code invalid_request} (400); and the decision is the one RFC 6750 §2.1
 * as the README words it, written out as a pattern: one header, the scheme {@code Bearer} in any
 * case, a space or tab, one token of visible ASCII, surrounding white space removed. Inputs in
 * {@code BearerHeaderFuzzTestInputs/extract/}.
 */
class BearerHeaderFuzzTest {

    private static final Pattern BEARER = Pattern.compile(
            "\\p{javaWhitespace}*(?i:bearer)[ \\t]\\p{javaWhitespace}*([\\x21-\\x7e]+)\\p{javaWhitespace}*");

    @FuzzTest(maxDuration = "60s")
    @DictionaryEntries({"Bearer ", "bearer\t", "BEARER", "Basic ", " ", "\t", "\u2003", "eyJ"})
    void extract(FuzzedDataProvider data) {
        int n = data.consumeInt(0, 3);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(data.consumeBoolean() ? null : data.consumeString(300));
        }
        String token;
        try {
            token = BearerHeader.extract(values);
        } catch (TokenRejectedException e) {
            assertThat(e.reason()).isIn(Reason.NO_CREDENTIALS, Reason.INVALID_REQUEST);
            assertThat(e.error().httpStatus()).isEqualTo(e.reason() == Reason.NO_CREDENTIALS ? 401 : 400);
            assertThat(n == 1 && values.get(0) != null && BEARER.matcher(values.get(0)).matches())
                    .as("refused %s", values).isFalse();
            if (n == 0) {
                assertThat(e.reason()).isEqualTo(Reason.NO_CREDENTIALS);
            } else if (n > 1) {
                assertThat(e.reason()).isEqualTo(Reason.INVALID_REQUEST);
            }
            return;
        }
        assertThat(values).hasSize(1);
        Matcher m = BEARER.matcher(values.get(0));
        assertThat(m.matches()).as("accepted %s", values).isTrue();
        assertThat(token).isEqualTo(m.group(1));
    }
}
