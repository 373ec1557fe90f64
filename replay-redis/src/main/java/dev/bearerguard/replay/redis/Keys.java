package dev.bearerguard.replay.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The names of the keys in Redis. Every key of a record's group carries the group's hash tag
 * ({@code <prefix>{<group>}…}), so the record script touches one slot. A {@code jti} or {@code kid}
 * appears only as a digest: SHA-256, no salt (every instance must name the same key), cut to 128
 * bits and written in base64url (22 characters).
 */
final class Keys {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks SHA-256", e);
        }
    });

    private Keys() {
    }

    /** The first 16 bytes of SHA-256 of the text's UTF-8. */
    static byte[] digest(String text) {
        byte[] h = SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8));
        return java.util.Arrays.copyOf(h, 16);
    }

    static String b64(byte[] digest) {
        return B64.encodeToString(digest);
    }

    /** The group of a digest: its first four bytes modulo {@code groups}. */
    static int group(byte[] digest, int groups) {
        if (groups == 1) {
            return 0;
        }
        int v = ((digest[0] & 0xff) << 24) | ((digest[1] & 0xff) << 16) | ((digest[2] & 0xff) << 8) | (digest[3] & 0xff);
        return Math.floorMod(v, groups);
    }

    static String tag(String prefix, int group) {
        return prefix + "{" + group + "}";
    }

    static byte[] marker(String prefix, int group) {
        return bytes(tag(prefix, group) + ":gen");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
