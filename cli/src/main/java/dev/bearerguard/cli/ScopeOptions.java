package dev.bearerguard.cli;

import dev.bearerguard.core.Sanitizer;
import dev.bearerguard.core.scope.Scope;
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
            description = "A scope the token must grant (repeatable: all are required, unless --any-scope).")
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
        for (String s : scopes) {
            if (!Scope.isWellFormed(s)) {
                throw new InputException("--scope: '" + Sanitizer.text(s)
                        + "' is not a well-formed scope (printable ASCII, no spaces, quotes or backslashes)");
            }
        }
        return new ScopeRequirement(anyScope ? ScopeRequirement.Mode.ANY_OF : ScopeRequirement.Mode.ALL_OF, scopes);
    }
}
