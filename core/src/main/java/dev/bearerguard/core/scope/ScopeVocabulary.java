package dev.bearerguard.core.scope;

import dev.bearerguard.core.Sanitizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The resource names an API recognizes, used to catch typos in scope requirements at start-up
 * ({@code transaction.read}: did you mean {@code transactions.read}?). Tokens are never refused for
 * carrying scopes outside the vocabulary; such scopes simply grant nothing here.
 *
 * <p>Immutable and thread-safe.
 *
 * @param resources the resource names
 */
public record ScopeVocabulary(Set<String> resources) {

    /** The reference payment API's resources, as listed in the contract. */
    public static final ScopeVocabulary PAYMENTS = new ScopeVocabulary(Set.of(
            "anti-fraud-services", "api-logs", "buyers", "buyers.billing-details",
            "card-scheme-definitions", "checkout-sessions", "connections", "digital-wallets", "flows",
            "payment-methods", "payment-method-definitions", "payment-options",
            "payment-service-definitions", "payment-services", "reports", "transactions"));

    /** @throws IllegalArgumentException if a resource name is empty */
    public ScopeVocabulary {
        resources = Set.copyOf(resources);
        for (String r : resources) {
            if (r.isEmpty() || r.equals("*")) {
                throw new IllegalArgumentException("resource names must be non-empty and not *");
            }
        }
    }

    /**
     * Reads a vocabulary from configuration: {@code payments} ({@link #PAYMENTS}) or a list of
     * resource names separated by commas or spaces.
     *
     * @throws IllegalArgumentException if the list names no resource or a bad one
     */
    public static ScopeVocabulary parse(String text) {
        String v = text == null ? "" : text.strip();
        if (v.equalsIgnoreCase("payments")) {
            return PAYMENTS;
        }
        java.util.Set<String> resources = new java.util.LinkedHashSet<>();
        for (String r : v.split("[,\\s]+")) {
            if (!r.isEmpty()) {
                resources.add(r);
            }
        }
        if (resources.isEmpty()) {
            throw new IllegalArgumentException("names no resource; write `payments` or a list of resource names");
        }
        return new ScopeVocabulary(resources);
    }

    /**
     * Checks a scope against the vocabulary.
     *
     * @return empty if the scope is known ({@code embed}, {@code *.read}, {@code *.write}, or a
     *     known resource with action {@code read} or {@code write}); otherwise a sentence saying
     *     what is wrong, with a suggestion when one is close
     */
    public Optional<String> problem(String scope) {
        if (!Scope.isWellFormed(scope)) {
            return Optional.of("scope `" + Sanitizer.text(scope) + "` is not a well-formed scope");
        }
        if (scope.equals(Scope.EMBED) || scope.equals("*.read") || scope.equals("*.write")) {
            return Optional.empty();
        }
        if (scope.indexOf('|') >= 0) {
            return Optional.of("scope `" + scope + "` holds `|`: alternatives belong in a requirement"
                    + " (`a|b` in scope-rules and --scope, anyOf in @RequiresScope); a token lists each scope on its own");
        }
        Scope s = new Scope(scope);
        String action = s.action();
        if (!action.equals("read") && !action.equals("write")) {
            return Optional.of("scope `" + scope + "`: action must be read or write");
        }
        if (resources.contains(s.resource())) {
            return Optional.empty();
        }
        Optional<String> near = resources.stream()
                .filter(r -> distance(r, s.resource()) <= 2)
                .min(Comparator.comparingInt((String r) -> distance(r, s.resource())).thenComparing(r -> r));
        return Optional.of("scope `" + scope + "`: no such resource in the vocabulary"
                + near.map(r -> " — did you mean `" + r + "." + action + "`?").orElse(""));
    }

    /**
     * Checks a requirement: each scope against the vocabulary, and the way {@code embed} is used.
     * {@code embed} grants only itself, so an all-of requirement naming {@code embed} next to
     * another scope can never be met by an embed token; the alternative was almost certainly meant.
     *
     * @return the problems, in the requirement's order; empty if there is none
     */
    public List<String> problems(ScopeRequirement requirement) {
        List<String> out = new ArrayList<>();
        for (String s : requirement.scopes()) {
            problem(s).ifPresent(out::add);
        }
        if (requirement.mode() == ScopeRequirement.Mode.ALL_OF && requirement.names(Scope.EMBED)
                && requirement.scopes().size() > 1) {
            List<String> others = requirement.scopes().stream().filter(s -> !s.equals(Scope.EMBED)).toList();
            out.add("`embed` is required together with " + String.join(", ", others)
                    + ", which an embed token never has (embed grants only itself); for alternatives write "
                    + String.join("|", others) + "|embed");
        }
        return out;
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
