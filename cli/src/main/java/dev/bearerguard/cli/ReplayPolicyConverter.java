package dev.bearerguard.cli;

import dev.bearerguard.core.replay.ReplayPolicy;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code default}, {@code single-use}, {@code reusable} or {@code off} as a {@link
 * ReplayPolicy}. Stateless and thread-safe.
 */
final class ReplayPolicyConverter implements ITypeConverter<ReplayPolicy> {

    /** The spellings accepted, for help texts. */
    static final String CHOICES = "default, single-use, reusable, off";

    @Override
    public ReplayPolicy convert(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "default" -> ReplayPolicy.DEFAULT;
            case "single-use" -> ReplayPolicy.SINGLE_USE;
            case "reusable" -> ReplayPolicy.REUSABLE;
            case "off" -> ReplayPolicy.OFF;
            default -> throw new TypeConversionException("'" + value + "' is not a replay policy; choose from " + CHOICES);
        };
    }
}
