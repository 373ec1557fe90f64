package dev.bearerguard.core.keys;

import dev.bearerguard.core.Sanitizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One key restriction as configuration writes it — {@code KID MERCHANTS [full|processing]}, where
 * {@code MERCHANTS} is {@code *} (every account) or a comma list — the same syntax for the servlet
 * filter's {@code key-restrictions}, the sample's {@code --key-restriction} and code.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kid          the key's {@code kid}
 * @param restrictions what it may act for
 */
public record KeyRestrictionRule(String kid, KeyRestrictions restrictions) {

    /** @throws IllegalArgumentException if the kid is empty */
    public KeyRestrictionRule {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(restrictions, "restrictions");
        if (kid.isEmpty()) {
            throw new IllegalArgumentException("kid must not be empty");
        }
    }

    /**
     * Reads one line.
     *
     * @throws IllegalArgumentException saying what is wrong with the line
     */
    public static KeyRestrictionRule parse(String line) {
        String[] parts = line == null ? new String[0] : line.strip().split("\\s+");
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty()) {
            throw new IllegalArgumentException("expected KID MERCHANTS [full|processing], got `" + Sanitizer.text(line) + "`");
        }
        Set<String> merchants = new LinkedHashSet<>();
        if (!parts[1].equals("*")) {
            for (String m : parts[1].split(",")) {
                if (!m.isBlank()) {
                    merchants.add(m.strip());
                }
            }
            if (merchants.isEmpty()) {
                throw new IllegalArgumentException("`" + Sanitizer.text(parts[1]) + "` names no merchant account (write * for all)");
            }
        }
        AccessLevel level = AccessLevel.FULL;
        if (parts.length == 3) {
            level = switch (parts[2].toLowerCase(Locale.ROOT)) {
                case "full" -> AccessLevel.FULL;
                case "processing" -> AccessLevel.PROCESSING_ONLY;
                default -> throw new IllegalArgumentException("`" + Sanitizer.text(parts[2]) + "` is not full or processing");
            };
        }
        return new KeyRestrictionRule(parts[0], new KeyRestrictions(merchants, level));
    }

    /**
     * Reads lines; blank lines and lines starting with {@code #} are skipped.
     *
     * @throws IllegalArgumentException naming the line number and what is wrong
     */
    public static List<KeyRestrictionRule> parseLines(String text) {
        List<KeyRestrictionRule> out = new ArrayList<>();
        String[] lines = text == null ? new String[0] : text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                out.add(parse(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * Applies rules to a key set.
     *
     * @throws IllegalArgumentException if a rule names a {@code kid} no key in the set has
     */
    public static KeySet apply(KeySet keys, List<KeyRestrictionRule> rules) {
        for (KeyRestrictionRule r : rules) {
            if (keys.resolve(r.kid()).isEmpty()) {
                throw new IllegalArgumentException("no loaded key has the kid `" + Sanitizer.text(r.kid()) + "`");
            }
        }
        return KeySet.of(keys.keys().stream().map(k -> applyTo(k, rules)).toList());
    }

    /**
     * The one way a key gets its restrictions from rules, for a fixed set ({@link #apply}) and for
     * keys that arrive while the API runs ({@link JwksKeyResolver}, {@link WatchedKeyFolder}): the
     * last rule naming the key's {@code kid} decides; a key no rule names is returned as it is. A
     * rule naming a {@code kid} not (yet) published is no error here: a key service may publish it
     * later.
     *
     * @param key   the key
     * @param rules the rules, in configuration order
     * @return the key with the restrictions of the last rule for its {@code kid}, or {@code key}
     */
    public static TrustedKey applyTo(TrustedKey key, List<KeyRestrictionRule> rules) {
        KeyRestrictions found = null;
        for (KeyRestrictionRule r : rules) {
            if (r.kid().equals(key.kid())) {
                found = r.restrictions();
            }
        }
        return found == null ? key : key.withRestrictions(found);
    }
}
