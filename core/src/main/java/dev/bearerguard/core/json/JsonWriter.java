package dev.bearerguard.core.json;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/**
 * Writes the values {@link StrictJson} produces (and plain Java numbers, strings, booleans, maps
 * and collections) as compact JSON. Stateless and thread-safe.
 */
public final class JsonWriter {

    private JsonWriter() {
    }

    /** Returns {@code value} as compact JSON text. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder(128);
        write(sb, value);
        return sb.toString();
    }

    /** Appends {@code value} as compact JSON text to {@code sb}. */
    public static void write(StringBuilder sb, Object value) {
        if (value == null || value == StrictJson.NULL) {
            sb.append("null");
        } else if (value instanceof String str) {
            string(sb, str);
        } else if (value instanceof BigDecimal d) {
            sb.append(d.toString());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("JSON has no NaN or infinity");
            }
            sb.append(BigDecimal.valueOf(d).stripTrailingZeros().toString());
        } else if (value instanceof Number || value instanceof Boolean) {
            sb.append(value);
        } else if (value instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(sb, String.valueOf(e.getKey()));
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (value instanceof Collection<?> c) {
            sb.append('[');
            boolean first = true;
            for (Object o : c) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                write(sb, o);
            }
            sb.append(']');
        } else if (value instanceof Object[] a) {
            write(sb, java.util.Arrays.asList(a));
        } else {
            string(sb, value.toString());
        }
    }

    /** Appends {@code str} as a JSON string literal. */
    public static void string(StringBuilder sb, String str) {
        sb.append('"');
        for (int i = 0; i < str.length(); i++) {
            char c = str.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
