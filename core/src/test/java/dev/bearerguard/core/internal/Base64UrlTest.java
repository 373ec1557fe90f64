package dev.bearerguard.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class Base64UrlTest {

    static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    @Test
    void decodeWhenTheLastCharacterHasUnusedBitsSetThenRefusedElseTheBytes() {
        // Every possible last character after 2 and after 3 characters: accepted exactly when the
        // JDK's unpadded encoding of the bytes spells the same text (one spelling per value).
        for (String prefix : new String[] {"Q", "QU", "eyJhbGciOi", "eyJhbGciOiJ"}) {
            for (char last : ALPHABET.toCharArray()) {
                String s = "xx" + prefix + last + "yy";
                int from = 2;
                int to = s.length() - 2;
                String range = s.substring(from, to);
                byte[] jdk = Base64.getUrlDecoder().decode(range);
                boolean canonical = Base64.getUrlEncoder().withoutPadding().encodeToString(jdk).equals(range);
                if (canonical) {
                    assertThat(Base64Url.decode(s, from, to)).as(range).isEqualTo(jdk);
                } else {
                    assertThatThrownBy(() -> Base64Url.decode(s, from, to)).as(range)
                            .isInstanceOf(IllegalArgumentException.class);
                }
            }
        }
    }

    @Test
    void isStrictWhenOnlyTheUrlAlphabetAtALegalLengthThenTrue() {
        assertThat(Base64Url.isStrict(ALPHABET, 0, ALPHABET.length())).isTrue();
        assertThat(Base64Url.isStrict("", 0, 0)).isTrue();
        assertThat(Base64Url.isStrict("abcde", 0, 5)).isFalse(); // length % 4 == 1
        assertThat(Base64Url.isStrict("abcde", 1, 5)).isTrue();
        for (char c : new char[] {'+', '/', '=', ' ', '.', '\u007f', '\u0080', '\u00e9', '\uffff', '@', '[', '`', '{'}) {
            assertThat(Base64Url.isStrict("ab" + c + "d", 0, 4)).as("%s", (int) c).isFalse();
        }
    }

    @Test
    void encodeThenDecodeGivesTheBytesBackForEveryLength() {
        for (int n = 0; n < 12; n++) {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = (byte) (i * 37 - 1);
            }
            String e = Base64Url.encode(b);
            assertThat(e).doesNotContain("=");
            assertThat(Base64Url.decode(e, 0, e.length())).isEqualTo(b);
        }
    }
}
