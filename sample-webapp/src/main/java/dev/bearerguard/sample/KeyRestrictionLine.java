package dev.bearerguard.sample;

import dev.bearerguard.core.keys.AccessLevel;
import dev.bearerguard.core.keys.KeyRestrictions;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One key restriction, written as the servlet filter's {@code key-restrictions} lines: {@code KID
 * MERCHANTS [full|processing]}, where MERCHANTS is a comma-separated list or {@code *}.
 */
record KeyRestrictionLine(String kid, KeyRestrictions restrictions) {

    /** @throws IllegalArgumentException saying what is wrong with the line */
    static KeyRestrictionLine parse(String line) {
        String[] parts = line.strip().split("\\s+");
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty()) {
            throw new IllegalArgumentException("key restriction `" + line.strip()
                    + "`: expected KID MERCHANTS [full|processing]");
        }
        Set<String> merchants = parts[1].equals("*") ? Set.of()
                : Arrays.stream(parts[1].split(",")).filter(m -> !m.isBlank()).collect(Collectors.toUnmodifiableSet());
        AccessLevel level = AccessLevel.FULL;
        if (parts.length == 3) {
            level = switch (parts[2].toLowerCase(Locale.ROOT)) {
                case "full" -> AccessLevel.FULL;
                case "processing" -> AccessLevel.PROCESSING_ONLY;
                default -> throw new IllegalArgumentException("key restriction: `" + parts[2]
                        + "` is not full or processing");
            };
        }
        return new KeyRestrictionLine(parts[0], new KeyRestrictions(merchants, level));
    }
}
