package dev.bearerguard.core;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way durations are written in Bearerguard's configuration (web.xml init-params, the CLI,
 * the sample's options): a number with a unit — {@code 500ms}, {@code 60s}, {@code 5m}, {@code 1h},
 * {@code 2d}, combined as {@code 1h30m} — or ISO-8601 ({@code PT1M30S}). A bare number is refused:
 * seconds or milliseconds is exactly the confusion the contract warns about.
 *
 * <p>Stateless and thread-safe.
 */
public final class DurationSyntax {

    private static final Pattern WHOLE = Pattern.compile("(?:\\d{1,9}\\s*(?:ms|s|m|h|d)\\s*)+");
    private static final Pattern PART = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");

    private DurationSyntax() {
    }

    /**
     * @param text e.g. {@code "60s"}, {@code "1h30m"}, {@code "PT1M"} (case and surrounding spaces
     *             ignored)
     * @return the duration, never negative
     * @throws IllegalArgumentException with a message that says how to write it, if the text is
     *     not a duration, has no unit, or is negative
     */
    public static Duration parse(String text) {
        String v = text == null ? "" : text.strip();
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.startsWith("p")) {
            try {
                Duration d = Duration.parse(v.toUpperCase(Locale.ROOT));
                if (d.isNegative()) {
                    throw new IllegalArgumentException("`" + Sanitizer.text(v) + "` is negative");
                }
                return d;
            } catch (DateTimeParseException e) {
                // fall through to the common message
            }
        }
        if (!lower.isEmpty() && WHOLE.matcher(lower).matches()) {
            Duration d = Duration.ZERO;
            Matcher m = PART.matcher(lower);
            while (m.find()) {
                long n = Long.parseLong(m.group(1));
                d = d.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
            }
            return d;
        }
        if (lower.matches("\\d+")) {
            throw new IllegalArgumentException("`" + v + "` has no unit; write e.g. " + v + "s, 2m or PT1M");
        }
        throw new IllegalArgumentException("`" + Sanitizer.text(v) + "` is not a duration; write e.g. 60s, 2m, 1h30m or PT1M");
    }
}
