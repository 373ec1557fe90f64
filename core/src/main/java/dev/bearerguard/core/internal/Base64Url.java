package dev.bearerguard.core.internal;

import java.util.Base64;

/**
 * Strict base64url (RFC 7515 §2): the URL-safe alphabet only, no padding, no whitespace, and no
 * non-canonical trailing bits. The JDK decoder alone accepts padding, so the alphabet is checked
 * here first. Stateless and thread-safe.
 */
public final class Base64Url {

    private static final boolean[] ALPHABET = new boolean[128];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            ALPHABET[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            ALPHABET[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            ALPHABET[c] = true;
        }
        ALPHABET['-'] = true;
        ALPHABET['_'] = true;
    }

    private Base64Url() {
    }

    /** Whether every char in {@code s[from, to)} is in the base64url alphabet and the length is legal. */
    public static boolean isStrict(String s, int from, int to) {
        if ((to - from) % 4 == 1) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 128 || !ALPHABET[c]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes {@code s[from, to)}, which the caller has checked with {@link #isStrict}.
     *
     * @throws IllegalArgumentException if the segment is not canonical base64url
     */
    public static byte[] decode(String s, int from, int to) {
        byte[] out = Base64.getUrlDecoder().decode(s.substring(from, to));
        // Reject non-canonical encodings (unused low bits set) so one value has one spelling.
        int rem = (to - from) % 4;
        if (rem != 0) {
            int last = value(s.charAt(to - 1));
            int mask = rem == 2 ? 0x0f : 0x03;
            if ((last & mask) != 0) {
                throw new IllegalArgumentException("non-canonical base64url");
            }
        }
        return out;
    }

    /** Encodes without padding. */
    public static String encode(byte[] data) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(data);
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : 63;
    }
}
