package dev.bearerguard.cli;

import dev.bearerguard.core.DurationSyntax;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations as people type them: {@code 60s}, {@code 5m}, {@code 1h}, {@code 1h30m},
 * {@code 500ms}, {@code 2d}, or ISO-8601 ({@code PT1M}). A bare number is refused, so that nobody
 * has to guess the unit. Stateless and thread-safe.
 */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return DurationSyntax.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
