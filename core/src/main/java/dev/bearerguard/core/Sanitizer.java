package dev.bearerguard.core;

/**
 * The one sanitiser for text that reaches a log line or a message but came from outside: a
 * {@code kid}, {@code jti} or {@code iss} of an unverified token, a header value, a configuration
 * value quoted in an error. Every module writes such text through it, so no input can forge a log
 * line (CR, LF, U+2028, U+2029, U+0085 and the other C0/C1 controls), hide itself (bidirectional
 * overrides, zero-width characters) or flood a log (a megabyte {@code jti}).
 *
 * <p>What it does: keeps printable ASCII ({@code U+0021}–{@code U+007E}, plus space in {@link
 * #text}); writes every other character as a Java-style escape ({@code \u2028}, {@code \u0000}),
 * and the backslash as {@code \\}, so the escaping is unambiguous and reversible by eye; and cuts
 * the input at a fixed length, marking the cut with {@code ...}. The result is always printable
 * ASCII.
 *
 * <p>Stateless and thread-safe.
 */
public final class Sanitizer {

    /** How many characters of the input a log field keeps before the cut: {@value}. */
    public static final int FIELD_LENGTH = 64;
    /** How many characters of the input a quoted message text keeps before the cut: {@value}. */
    public static final int TEXT_LENGTH = 120;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Sanitizer() {
    }

    /**
     * A value for a {@code name=value} log field: no spaces (so a value cannot pose as another
     * field), at most {@value #FIELD_LENGTH} input characters; {@code -} for null.
     *
     * @param value untrusted text, may be null
     * @return printable ASCII without spaces
     */
    public static String field(String value) {
        return value == null ? "-" : escape(value, FIELD_LENGTH, false);
    }

    /**
     * The identifiers of a token for a log line: {@code kid=… jti=… iss=…}, each through {@link
     * #field}.
     *
     * @param kid the {@code kid}, may be null
     * @param jti the {@code jti}, may be null
     * @param iss the {@code iss}, may be null
     * @return the three fields, printable ASCII
     */
    public static String ids(String kid, String jti, String iss) {
        return "kid=" + field(kid) + " jti=" + field(jti) + " iss=" + field(iss);
    }

    /**
     * Untrusted text quoted inside a message (a configuration line, a header name): spaces kept,
     * at most {@value #TEXT_LENGTH} input characters; {@code null} for null.
     *
     * @param value untrusted text, may be null
     * @return printable ASCII
     */
    public static String text(String value) {
        return value == null ? "null" : escape(value, TEXT_LENGTH, true);
    }

    /**
     * A name an application chose (a claim or pinned field name) for an RFC 6750 error
     * description, which allows no quote or backslash: ASCII letters, digits, {@code _ . -} kept,
     * anything else {@code ?}, at most {@value #FIELD_LENGTH} characters.
     *
     * @param name the name, not null
     * @return the name, safe inside a {@code WWW-Authenticate} attribute
     */
    public static String identifier(String name) {
        StringBuilder sb = new StringBuilder(Math.min(name.length(), FIELD_LENGTH));
        for (int i = 0; i < name.length() && i < FIELD_LENGTH; i++) {
            char c = name.charAt(i);
            boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-';
            sb.append(keep ? c : '?');
        }
        return sb.toString();
    }

    private static String escape(String s, int max, boolean spaces) {
        int n = Math.min(s.length(), max);
        StringBuilder sb = null;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean keep = (c > 0x20 && c < 0x7f && c != '\\') || (spaces && c == ' ');
            if (keep) {
                if (sb != null) {
                    sb.append(c);
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(n + 16).append(s, 0, i);
            }
            if (c == '\\') {
                sb.append("\\\\");
            } else {
                sb.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                        .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
            }
        }
        String out = sb == null ? (n == s.length() ? s : s.substring(0, n)) : sb.toString();
        return s.length() > max ? out + "..." : out;
    }
}
