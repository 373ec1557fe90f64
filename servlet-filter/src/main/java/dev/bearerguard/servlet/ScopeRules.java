package dev.bearerguard.servlet;

import dev.bearerguard.core.Sanitizer;
import dev.bearerguard.core.scope.Scope;
import dev.bearerguard.core.scope.ScopeRequirement;
import dev.bearerguard.core.scope.ScopeVocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code scope-rules} of a filter: an ordered list of {@code METHOD PATH-PATTERN SCOPE[ SCOPE…]}
 * lines, the first match winning. A request that no rule matches needs only a valid token.
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

    /** What a matching rule asks for. */
    record Decision(ScopeRequirement requirement, boolean isPublic) {
        static final Decision VALID_TOKEN = new Decision(ScopeRequirement.none(), false);
        static final Decision PUBLIC = new Decision(ScopeRequirement.none(), true);
    }

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
            throw new IllegalArgumentException("expected METHOD PATH-PATTERN SCOPE[ SCOPE…] (or none, or public)");
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
        List<String> scopes = List.of(parts).subList(2, parts.length);
        Decision decision;
        if (scopes.size() == 1 && scopes.get(0).equals("none")) {
            decision = Decision.VALID_TOKEN;
        } else if (scopes.size() == 1 && scopes.get(0).equals("public")) {
            decision = Decision.PUBLIC;
        } else {
            for (String s : scopes) {
                if (s.equals("none") || s.equals("public")) {
                    throw new IllegalArgumentException("`" + s + "` must stand alone");
                }
                if (!Scope.isWellFormed(s)) {
                    throw new IllegalArgumentException("`" + Sanitizer.text(s) + "` is not a well-formed scope");
                }
                if (vocabulary.isPresent()) {
                    Optional<String> problem = vocabulary.get().problem(s);
                    if (problem.isPresent()) {
                        throw new IllegalArgumentException(problem.get());
                    }
                }
            }
            decision = new Decision(new ScopeRequirement(ScopeRequirement.Mode.ALL_OF, scopes), false);
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
