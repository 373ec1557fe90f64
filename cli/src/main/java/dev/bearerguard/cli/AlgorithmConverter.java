package dev.bearerguard.cli;

import dev.bearerguard.core.Algorithm;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a JOSE algorithm name ({@code ES512}). {@code none} and the HMAC algorithms are refused
 * with their own message: the contract never accepts them. Stateless and thread-safe.
 */
final class AlgorithmConverter implements ITypeConverter<Algorithm> {

    @Override
    public Algorithm convert(String value) {
        try {
            return Algorithm.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
