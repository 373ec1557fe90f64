package dev.bearerguard.cli;

import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.replay.ReplayPolicy;
import dev.bearerguard.core.scope.ScopeRequirement;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code bearerguard explain}: runs the verifier's own pipeline over a token without stopping at
 * the first problem ({@link TokenVerifier#explain}), and prints what each step found, the CLI's
 * hints on why, and the verdict that the first problem gives. The verifier is built from the same
 * options as {@code verify}'s, on a clock fixed at {@code --now} (or at the moment of the run).
 *
 * <p>Not thread-safe: one instance serves one run.
 */
@Command(name = "explain", header = "Explain, in plain words, everything wrong with a token.",
        mixinStandardHelpOptions = true, versionProvider = BearerguardCli.Version.class, sortOptions = false,
        description = {
            "Decode a token WITHOUT trusting it and run every step of the verifier that can run (verify "
                    + "stops at the first problem): list each problem with hints on its cause, and the "
                    + "verdict. Without --keys, the kid and the signature are not checked.",
            "",
            "Exit code: 0 no problem found (with --keys: the verifier accepts the token and, with --scope, "
                    + "authorizes it); 1 the token has a problem or is refused; 2 usage or input error."
        })
final class ExplainCommand implements Callable<Integer> {

    /** Longest line read when the token comes from standard input. */
    private static final int STDIN_LIMIT = 1 << 20;

    private final Io io;

    @Mixin
    VerifierOptions options;

    @Mixin
    ScopeOptions scopeOptions;

    @Parameters(index = "0", paramLabel = "TOKEN",
            description = "The token; '-' reads it from the first line of standard input (keeps it out of shell history).")
    String token;

    ExplainCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        String text = token.equals("-") ? readStdin() : token;
        ScopeRequirement requirement = scopeOptions.requirement();
        KeySet keySet = options.keys.isEmpty() ? null : options.loadKeys();
        // Without --keys, an empty key set: the key step then names no key, which the report says.
        TokenVerifier verifier = options.verifier(keySet == null ? KeySet.of() : keySet, ReplayPolicy.OFF,
                options.fixedClock());
        TokenExplainer.Report r = new TokenExplainer(verifier, keySet, requirement).explain(text);

        PrintWriter out = io.out();
        out.println("header:    " + r.header());
        out.println("claims:    " + r.claims());
        out.println("signature: " + r.signature());
        for (String t : r.times()) {
            out.println("  " + t);
        }
        if (!r.problems().isEmpty()) {
            out.println();
            out.println("problems (" + r.problems().size() + "):");
            for (TokenExplainer.Problem p : r.problems()) {
                item(out, p.text(), p.hints());
            }
        }
        if (!r.warnings().isEmpty()) {
            out.println();
            out.println("warnings (" + r.warnings().size() + "):");
            for (String w : r.warnings()) {
                item(out, w, List.of());
            }
        }
        if (!r.notes().isEmpty()) {
            out.println();
            out.println("notes (" + r.notes().size() + "):");
            for (TokenExplainer.Note n : r.notes()) {
                item(out, n.text(), n.hints());
            }
        }
        out.println();
        out.println("verdict: " + r.verdict());
        out.flush();
        return r.ok() ? ExitCodes.OK : ExitCodes.REFUSED;
    }

    private static void item(PrintWriter out, String text, List<String> hints) {
        out.println("  - " + text);
        for (String h : hints) {
            out.println("    " + h);
        }
    }

    private String readStdin() {
        if (io.interactive()) {
            io.err().println("paste the token and press Enter:");
        }
        try {
            LineReader.Line line = new LineReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8), STDIN_LIMIT).next();
            if (line == null) {
                throw new InputException("no token on standard input");
            }
            if (line.tooLong()) {
                throw new InputException("the line on standard input is longer than " + STDIN_LIMIT + " characters");
            }
            return line.text().strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
