package dev.bearerguard.core.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 JSON parser for JOSE headers and claim sets.
 *
 * <p>It refuses everything lenient parsers accept: comments, single quotes, unquoted names,
 * {@code NaN}/{@code Infinity}, leading zeros, trailing commas, trailing data, control
 * characters in strings, lone surrogates in escapes, duplicate member names, and nesting deeper
 * than a fixed bound. jose4j's parser (a json-simple derivative) accepts several of these, which is
 * why the verifier does not use it on untrusted input.
 *
 * <p>Values map to: objects → unmodifiable {@link LinkedHashMap} (member order kept, JSON
 * {@code null} kept as {@link #NULL}), arrays → unmodifiable {@link List}, strings → {@link
 * String}, integers → {@link Long} (or {@link BigInteger} past its range), other numbers → {@link
 * BigDecimal}, booleans → {@link Boolean}.
 *
 * <p>Every input either parses or throws {@link JsonException}; nothing else escapes (no
 * {@code NumberFormatException}, no {@code StackOverflowError}): numbers are bounded in digits
 * ({@link #MAX_NUMBER_DIGITS}), scale ({@link #MAX_EXPONENT}) and text ({@link #MAX_NUMBER_TEXT}),
 * nesting in depth ({@link #MAX_DEPTH}), and the work is linear in the length of the text. A value
 * it accepts, written back by {@link JsonWriter}, is accepted again.
 *
 * <p>Stateless and thread-safe; each call parses one document.
 */
public final class StrictJson {

    /** The JSON {@code null} value, so that maps never hold Java {@code null}. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** Deepest nesting of objects and arrays accepted. */
    public static final int MAX_DEPTH = 16;

    /**
     * Most significant digits a number may have (from its first non-zero digit on, trailing zeros
     * included: its {@link BigDecimal#precision()}). No NumericDate or amount needs more, and the
     * cost of reading one stays bounded.
     */
    public static final int MAX_NUMBER_DIGITS = 256;

    /**
     * Largest magnitude of a number's scale ({@code 1e1000} has scale -1000, {@code 1.5e-999} scale
     * 1000): the exponent of its last digit. Past it a number is refused, never an overflow.
     */
    public static final int MAX_EXPONENT = 1000;

    /**
     * Longest number text accepted (leading zeros of a fraction and an exponent that offsets them
     * can make a short value long to write); a guard on the work done before the bounds above.
     */
    public static final int MAX_NUMBER_TEXT = 2048;

    private final String s;
    private int pos;

    private StrictJson(String s) {
        this.s = s;
    }

    /**
     * Parses a document whose top-level value must be an object.
     *
     * @throws JsonException if the text is not exactly one strict JSON object
     */
    public static Map<String, Object> parseObject(String text) {
        StrictJson p = new StrictJson(text);
        p.skipWs();
        if (p.pos >= text.length() || text.charAt(p.pos) != '{') {
            throw new JsonException("not a JSON object");
        }
        Object v = p.value(0);
        p.skipWs();
        if (p.pos != text.length()) {
            throw new JsonException("trailing data after JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        return m;
    }

    /**
     * Parses any JSON value.
     *
     * @throws JsonException if the text is not exactly one strict JSON value
     */
    public static Object parse(String text) {
        StrictJson p = new StrictJson(text);
        p.skipWs();
        Object v = p.value(0);
        p.skipWs();
        if (p.pos != text.length()) {
            throw new JsonException("trailing data after JSON value");
        }
        return v;
    }

    private Object value(int depth) {
        if (pos >= s.length()) {
            throw new JsonException("unexpected end of JSON");
        }
        char c = s.charAt(pos);
        switch (c) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return NULL;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw new JsonException("unexpected character in JSON");
        }
    }

    private Map<String, Object> object(int depth) {
        if (depth > MAX_DEPTH) {
            throw new JsonException("JSON nested too deeply");
        }
        pos++; // {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        skipWs();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableMap(m);
        }
        while (true) {
            skipWs();
            if (peek() != '"') {
                throw new JsonException("JSON member name must be a string");
            }
            String name = string();
            skipWs();
            expect(':');
            skipWs();
            Object v = value(depth);
            if (m.putIfAbsent(name, v) != null) {
                throw new JsonException("duplicate JSON member name");
            }
            skipWs();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == '}') {
                pos++;
                return Collections.unmodifiableMap(m);
            } else {
                throw new JsonException("expected ',' or '}' in JSON object");
            }
        }
    }

    private List<Object> array(int depth) {
        if (depth > MAX_DEPTH) {
            throw new JsonException("JSON nested too deeply");
        }
        pos++; // [
        List<Object> l = new ArrayList<>();
        skipWs();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(l);
        }
        while (true) {
            skipWs();
            l.add(value(depth));
            skipWs();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == ']') {
                pos++;
                return Collections.unmodifiableList(l);
            } else {
                throw new JsonException("expected ',' or ']' in JSON array");
            }
        }
    }

    private String string() {
        pos++; // opening quote
        int start = pos;
        // Fast path: no escapes.
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '"') {
                String r = s.substring(start, pos);
                pos++;
                return r;
            }
            if (c == '\\') {
                break;
            }
            if (c < 0x20) {
                throw new JsonException("control character in JSON string");
            }
            pos++;
        }
        StringBuilder sb = new StringBuilder().append(s, start, pos);
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return checkSurrogates(sb.toString());
            }
            if (c < 0x20) {
                throw new JsonException("control character in JSON string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= s.length()) {
                break;
            }
            char e = s.charAt(pos++);
            switch (e) {
                case '"': sb.append('"'); break;
                case '\\': sb.append('\\'); break;
                case '/': sb.append('/'); break;
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case 'u': sb.append(hex4()); break;
                default: throw new JsonException("invalid escape in JSON string");
            }
        }
        throw new JsonException("unterminated JSON string");
    }

    private static String checkSurrogates(String str) {
        for (int i = 0; i < str.length(); i++) {
            char c = str.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= str.length() || !Character.isLowSurrogate(str.charAt(i + 1))) {
                    throw new JsonException("lone surrogate in JSON string");
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw new JsonException("lone surrogate in JSON string");
            }
        }
        return str;
    }

    private char hex4() {
        if (pos + 4 > s.length()) {
            throw new JsonException("truncated unicode escape in JSON string");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            char h = s.charAt(pos++);
            // ASCII hex only: Character.digit would also take non-ASCII digits.
            int d = h < 128 ? Character.digit(h, 16) : -1;
            if (d < 0) {
                throw new JsonException("invalid unicode escape in JSON string");
            }
            v = (v << 4) | d;
        }
        return (char) v;
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (pos >= s.length()) {
            throw new JsonException("truncated JSON number");
        }
        char c = s.charAt(pos);
        if (c == '0') {
            pos++;
            if (pos < s.length() && isDigit(s.charAt(pos))) {
                throw new JsonException("leading zero in JSON number");
            }
        } else if (c >= '1' && c <= '9') {
            while (pos < s.length() && isDigit(s.charAt(pos))) {
                pos++;
            }
        } else {
            throw new JsonException("invalid JSON number");
        }
        int mantissaEnd = pos;
        boolean integral = true;
        if (pos < s.length() && s.charAt(pos) == '.') {
            integral = false;
            pos++;
            digits();
            mantissaEnd = pos;
        }
        boolean hugeExponent = false;
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            integral = false;
            pos++;
            if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                pos++;
            }
            int from = pos;
            digits();
            // An exponent past int range makes new BigDecimal throw NumberFormatException (issue 11,
            // defect 1). Below this bound the scale, computed exactly, decides.
            hugeExponent = magnitudeAbove(from, pos, MAX_EXPONENT + MAX_NUMBER_TEXT);
        }
        if (pos - start > MAX_NUMBER_TEXT || significantDigits(start, mantissaEnd) > MAX_NUMBER_DIGITS) {
            throw new JsonException("JSON number too long");
        }
        if (hugeExponent) {
            throw new JsonException("JSON number exponent out of range");
        }
        String text = s.substring(start, pos);
        if (integral) {
            if (text.length() <= 18) {
                return Long.parseLong(text);
            }
            BigInteger b = new BigInteger(text);
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        BigDecimal d = new BigDecimal(text);
        if (Math.abs((long) d.scale()) > MAX_EXPONENT) {
            throw new JsonException("JSON number exponent out of range");
        }
        return d;
    }

    /** The digits of {@code s[from, to)} from the first non-zero one on (the point skipped). */
    private int significantDigits(int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (isDigit(c) && (count > 0 || c != '0')) {
                count++;
            }
        }
        return count;
    }

    /** Whether the decimal digits {@code s[from, to)} (leading zeros allowed) exceed {@code max}. */
    private boolean magnitudeAbove(int from, int to, int max) {
        long v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (s.charAt(i) - '0');
            if (v > max) {
                return true;
            }
        }
        return false;
    }

    private void digits() {
        int start = pos;
        while (pos < s.length() && isDigit(s.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw new JsonException("invalid JSON number");
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void literal(String word) {
        if (!s.startsWith(word, pos)) {
            throw new JsonException("invalid JSON literal");
        }
        pos += word.length();
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new JsonException("expected '" + c + "' in JSON");
        }
        pos++;
    }

    private char peek() {
        if (pos >= s.length()) {
            throw new JsonException("unexpected end of JSON");
        }
        return s.charAt(pos);
    }

    private void skipWs() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else {
                return;
            }
        }
    }

    /** Thrown for any text that is not strict JSON; the message never contains the input. */
    public static final class JsonException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JsonException(String message) {
            super(message, null, false, false);
        }
    }
}
