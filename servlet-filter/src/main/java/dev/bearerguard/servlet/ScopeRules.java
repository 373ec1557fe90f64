package dev.bearerguard.servlet;

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
final class ScopeRules {

    /**
     * What a matching rule asks for.
     *
     * @param requirements the requirements that must all hold (empty: a valid token)
     * @param isPublic     whether no token is read at all
     * @param rateLimit    the per-token limit of the rule, if any
     * @param operation    names the rule (its method and pattern): the rate-limit bucket per token
     */
    record Decision(List<ScopeRequirement> requirements, boolean isPublic, Optional<RateLimit> rateLimit,
            String operation) {
        static final Decision VALID_TOKEN = new Decision(List.of(), false, Optional.empty(), "(no rule)");
        static final Decision PUBLIC = new Decision(List.of(), true, Optional.empty(), "(public)");

        Decision {
            requirements = List.copyOf(requirements);
        }

        /** The one requirement of a rule that has at most one ({@link ScopeRequirement#none()} for none). */
        ScopeRequirement requirement() {
            if (requirements.size() > 1) {
                throw new IllegalStateException("this rule has " + requirements.size() + " requirements");
            }
            return requirements.isEmpty() ? ScopeRequirement.none() : requirements.get(0);
        }
    }

    private static final String RATE_LIMIT = "rate-limit=";

    private record Rule(String method, String pattern, Decision decision) {
        boolean matches(String requestMethod, String path) {
            boolean methodOk = method.equals("*") || method.equals(requestMethod)
                    || (method.equals("GET") && requestMethod.equals("HEAD"));
            return methodOk && pathMatches(pattern, path);
        }
    }

    static final ScopeRules EMPTY = new ScopeRules(List.of());

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
    static ScopeRules parse(String text, Optional<ScopeVocabulary> vocabulary) {
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
            if (!isToken(method)) {
                throw new IllegalArgumentException("`" + method + "` is not an HTTP method");
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
        String operation = method + " " + pattern;
        Decision decision;
        if (terms.size() == 1 && terms.get(0).equals("none")) {
            decision = new Decision(List.of(), false, limit, operation);
        } else if (terms.size() == 1 && terms.get(0).equals("public")) {
            if (limit.isPresent()) {
                throw new IllegalArgumentException("a public rule reads no token, so it cannot be rate-limited per token");
            }
            decision = Decision.PUBLIC;
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
            decision = new Decision(requirements, false, limit, operation);
        }
        return new Rule(method, pattern, decision);
    }

    /**
     * The decision for a request.
     *
     * @param method the request method
     * @param path   the path inside the web application
     */
    Decision decide(String method, String path) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        for (Rule r : rules) {
            if (r.matches(method, path)) {
                return r.decision();
            }
        }
        return Decision.VALID_TOKEN;
    }

    /** How many rules. */
    int size() {
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

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return !s.isEmpty();
    }
}
