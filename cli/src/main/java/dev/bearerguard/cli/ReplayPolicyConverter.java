package dev.bearerguard.cli;

import dev.bearerguard.core.replay.ReplayPolicy;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code default}, {@code single-use}, {@code reusable} or {@code off} as a {@link
 * ReplayPolicy}. Stateless and thread-safe.
 */
final class ReplayPolicyConverter implements ITypeConverter<ReplayPolicy> {

    /** The spellings accepted, for help texts. */
    static final String CHOICES = ReplayPolicy.CHOICES;

    @Override
    public ReplayPolicy convert(String value) {
        try {
            return ReplayPolicy.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
