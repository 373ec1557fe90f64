package dev.bearerguard.cli;

import dev.bearerguard.core.scope.ScopeRequirement;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code --scope}/{@code --any-scope} options {@code verify} and {@code explain} share, as a
 * picocli mixin. Not thread-safe (picocli fills the fields).
 */
final class ScopeOptions {

    @Option(names = "--scope", paramLabel = "SCOPE",
            description = "A scope the token must grant (repeatable: all are required, unless --any-scope); "
                    + "'a|b' alone asks for any one of the alternatives, as an operation listing 'transactions.write|embed'.")
    List<String> scopes = new ArrayList<>();

    @Option(names = "--any-scope", description = "One of the --scope values suffices.")
    boolean anyScope;

    /**
     * The requirement these options describe; {@link ScopeRequirement#none()} without {@code --scope}.
     *
     * @throws InputException if a scope is malformed, or {@code --any-scope} has no scope
     */
    ScopeRequirement requirement() {
        if (anyScope && scopes.isEmpty()) {
            throw new InputException("--any-scope needs at least one --scope");
        }
        List<ScopeRequirement> terms = new ArrayList<>();
        for (String s : scopes) {
            try {
                terms.add(ScopeRequirement.parse(s));
            } catch (IllegalArgumentException e) {
                throw new InputException("--scope: " + e.getMessage()
                        + " (printable ASCII, no spaces, quotes or backslashes; a|b for alternatives)");
            }
        }
        boolean alternatives = terms.stream().anyMatch(t -> t.mode() == ScopeRequirement.Mode.ANY_OF);
        if (alternatives && (terms.size() > 1 || anyScope)) {
            throw new InputException("--scope 'a|b' stands alone: give one --scope with alternatives, "
                    + "or several --scope (with --any-scope for one of them)");
        }
        if (alternatives) {
            return terms.get(0);
        }
        return new ScopeRequirement(anyScope ? ScopeRequirement.Mode.ANY_OF : ScopeRequirement.Mode.ALL_OF, scopes);
    }
}
