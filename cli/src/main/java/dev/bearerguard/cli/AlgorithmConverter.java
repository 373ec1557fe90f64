package dev.bearerguard.cli;

import dev.bearerguard.core.Algorithm;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a JOSE algorithm name ({@code ES512}). {@code none} and the HMAC algorithms are refused
 * with their own message: the contract never accepts them. Stateless and thread-safe.
 */
final class AlgorithmConverter implements ITypeConverter<Algorithm> {

    @Override
    public Algorithm convert(String value) {
        String v = value.strip();
        return Algorithm.fromJoseName(v).orElseThrow(() -> {
            String upper = v.toUpperCase(Locale.ROOT);
            if (upper.equals("NONE") || upper.startsWith("HS")) {
                return new TypeConversionException("'" + v + "' is never accepted (no unsigned or HMAC tokens)");
            }
            return new TypeConversionException("'" + v + "' is not a supported algorithm; choose from "
                    + Arrays.stream(Algorithm.values()).map(Enum::name).collect(Collectors.joining(", ")));
        });
    }
}
