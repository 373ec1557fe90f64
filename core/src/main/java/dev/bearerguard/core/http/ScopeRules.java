package dev.bearerguard.core.http;

import dev.bearerguard.core.Sanitizer;
import dev.bearerguard.core.limit.RateLimit;
import dev.bearerguard.core.scope.ScopeRequirement;
import dev.bearerguard.core.scope.ScopeVocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code scope-rules} of a filter: an ordered list of {@code METHOD PATH-PATTERN SCOPE[ SCOPE…]
 * [rate-limit=N/DURATION]} lines, the first match winning. A request that no rule matches needs
 * only a valid token.
 *
 * <ul>
 *   <li>{@code METHOD}: an HTTP method, compared exactly (methods are case-sensitive), or {@code *}
 *       for every method. A {@code GET} rule also covers {@code HEAD}, which answers the same
 *       resource.</li>
 *   <li>{@code PATH-PATTERN}: matched against the request's path inside the web application
 *       (servlet path plus path info, as decoded and normalized by the container): {@code /a/b}
 *       matches exactly that path; {@code /a/*} matches {@code /a} and everything below it; {@code
 *       /*} or {@code *} matches every path.</li>
 *   <li>{@code SCOPE…}: the scopes the request needs, all of them; or {@code none} for "a valid token
 *       is enough"; or {@code public} for "no token is read at all" (CORS preflights, health
 *       checks).</li>
 * </ul>
 * Blank lines and lines starting with {@code #} are ignored.
 *
 * <p>Immutable and thread-safe.
 */
public final class ScopeRules {

    /** What a request that no rule matches asks: a valid token. */
    static final Operation NO_RULE = Operation.validToken("(no rule)");

    private static final String RATE_LIMIT = "rate-limit=";

    private record Rule(String method, String pattern, Operation operation) {
        boolean matches(String requestMethod, String path) {
            boolean methodOk = method.equals("*") || method.equals(requestMethod)
                    || (method.equals("GET") && requestMethod.equals("HEAD"));
            return methodOk && pathMatches(pattern, path);
        }
    }

    /** No rules: every request needs a valid token. */
    public static final ScopeRules EMPTY = new ScopeRules(List.of());

    private final List<Rule> rules;

    private ScopeRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * Parses rule lines.
     *
     * @param text       the lines, may be null or blank (no rules)
     * @param vocabulary if present, every scope must be known to it (catches typos at start-up)
     * @throws IllegalArgumentException naming the line and what is wrong with it
     */
    public static ScopeRules parse(String text, Optional<ScopeVocabulary> vocabulary) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        List<Rule> rules = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                rules.add(parseLine(line, vocabulary));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " `" + Sanitizer.text(line) + "`: " + e.getMessage());
            }
        }
        return new ScopeRules(rules);
    }

    private static Rule parseLine(String line, Optional<ScopeVocabulary> vocabulary) {
        String[] parts = line.split("\\s+");
        if (parts.length < 3) {
            throw new IllegalArgumentException("expected METHOD PATH-PATTERN SCOPE[ SCOPE…] (or none, or public)"
                    + " [rate-limit=N/DURATION]");
        }
        String method = parts[0];
        if (!method.equals("*")) {
            if (!RequestGuard.isHeaderName(method)) {
                throw new IllegalArgumentException("`" + Sanitizer.text(method) + "` is not an HTTP method");
            }
            if (!method.equals(method.toUpperCase(Locale.ROOT))) {
                throw new IllegalArgumentException("HTTP methods are case-sensitive; did you mean `"
                        + method.toUpperCase(Locale.ROOT) + "`?");
            }
        }
        String pattern = parts[1];
        if (!pattern.equals("*")) {
            if (!pattern.startsWith("/")) {
                throw new IllegalArgumentException("path pattern `" + pattern + "` must start with / (or be *)");
            }
            int star = pattern.indexOf('*');
            if (star >= 0 && !(pattern.endsWith("/*") && star == pattern.length() - 1)) {
                throw new IllegalArgumentException("path pattern `" + pattern
                        + "`: * is allowed only as a whole last segment (/a/*)");
            }
        }
        List<String> terms = new ArrayList<>(List.of(parts).subList(2, parts.length));
        Optional<RateLimit> limit = Optional.empty();
        String last = terms.get(terms.size() - 1);
        if (last.startsWith(RATE_LIMIT)) {
            terms.remove(terms.size() - 1);
            limit = Optional.of(RateLimit.parse(last.substring(RATE_LIMIT.length())));
            if (terms.isEmpty()) {
                throw new IllegalArgumentException("rate-limit= comes after the scopes (or none)");
            }
        }
        for (String t : terms) {
            if (t.startsWith(RATE_LIMIT)) {
                throw new IllegalArgumentException("rate-limit= must be the last item of the line");
            }
        }
        String name = method + " " + pattern;
        Operation operation;
        if (terms.size() == 1 && terms.get(0).equals("none")) {
            operation = new Operation(name, Operation.Access.TOKEN, List.of(), List.of(), limit);
        } else if (terms.size() == 1 && terms.get(0).equals("public")) {
            if (limit.isPresent()) {
                throw new IllegalArgumentException("a public rule reads no token, so it cannot be rate-limited per token");
            }
            operation = Operation.open(name);
        } else {
            List<String> all = new ArrayList<>();
            List<ScopeRequirement> requirements = new ArrayList<>();
            for (String t : terms) {
                if (t.equals("none") || t.equals("public")) {
                    throw new IllegalArgumentException("`" + t + "` must stand alone");
                }
                ScopeRequirement r = ScopeRequirement.parse(t);
                if (r.names("none") || r.names("public")) {
                    throw new IllegalArgumentException("`none` and `public` must stand alone, not in `" + Sanitizer.text(t) + "`");
                }
                if (r.mode() == ScopeRequirement.Mode.ALL_OF) {
                    all.addAll(r.scopes());
                } else {
                    requirements.add(r);
                }
            }
            if (!all.isEmpty()) {
                requirements.add(0, new ScopeRequirement(ScopeRequirement.Mode.ALL_OF, all));
            }
            if (vocabulary.isPresent()) {
                for (ScopeRequirement r : requirements) {
                    List<String> problems = vocabulary.get().problems(r);
                    if (!problems.isEmpty()) {
                        throw new IllegalArgumentException(problems.get(0));
                    }
                }
            }
            operation = new Operation(name, Operation.Access.TOKEN, requirements, List.of(), limit);
        }
        return new Rule(method, pattern, operation);
    }

    /**
     * The operation a request targets: the first rule that matches, else "a valid token".
     *
     * @param method the request method
     * @param path   the path inside the web application
     * @return what the request needs
     */
    public Operation decide(String method, String path) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        for (Rule r : rules) {
            if (r.matches(method, path)) {
                return r.operation();
            }
        }
        return NO_RULE;
    }

    /** How many rules. */
    public int size() {
        return rules.size();
    }

    static boolean pathMatches(String pattern, String path) {
        if (pattern.equals("*") || pattern.equals("/*")) {
            return true;
        }
        if (pattern.endsWith("/*")) {
            String prefix = pattern.substring(0, pattern.length() - 2);
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
        // An exact pattern also covers the same path with trailing slashes: "/admin/" reaches the
        // resource "/admin" in most frameworks, so it must not slip past the rule.
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.equals(pattern) || path.equals(pattern);
    }


}
