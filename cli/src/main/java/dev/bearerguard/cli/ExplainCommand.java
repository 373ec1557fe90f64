package dev.bearerguard.cli;

import dev.bearerguard.core.Authorizer;
import dev.bearerguard.core.BearerError;
import dev.bearerguard.core.TokenRejectedException;
import dev.bearerguard.core.VerifiedToken;
import dev.bearerguard.core.internal.JsonWriter;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.replay.ReplayPolicy;
import dev.bearerguard.core.scope.ScopeRequirement;
import dev.bearerguard.core.scope.ScopeVocabulary;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code bearerguard explain}: decodes a token without trusting it, lists every problem in plain
 * words, and, given keys, prints the real verifier's verdict.
 *
 * <p>Not thread-safe: one instance serves one run.
 */
@Command(name = "explain", header = "Explain, in plain words, everything wrong with a token.",
        mixinStandardHelpOptions = true, versionProvider = BearerguardCli.Version.class, sortOptions = false,
        description = {
            "Decode a token WITHOUT trusting it and list, in plain words, every problem a verifier would "
                    + "find (the verifier itself stops at the first). With --keys, also run the real verifier "
                    + "and print its verdict.",
            "",
            "Exit code: 0 no problem found (and, with --keys, the verifier accepts); 1 the token has a "
                    + "problem or is refused; 2 usage or input error."
        })
final class ExplainCommand implements Callable<Integer> {

    /** Longest line read when the token comes from standard input. */
    private static final int STDIN_LIMIT = 1 << 20;
    /** Longest JSON shown for the header or the claims. */
    private static final int SHOW_LIMIT = 4000;

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
        TokenExplainer explainer = new TokenExplainer(options.clock().instant(), options.effectiveSkew(),
                options.effectiveAlgorithms(), options.maxLifetime, new LinkedHashSet<>(options.issuers),
                options.maxTokenSize, keySet, ScopeVocabulary.PAYMENTS, requirement);
        TokenExplainer.Explanation x = explainer.explain(text);

        PrintWriter out = io.out();
        out.println("header:    " + show(x.header()));
        out.println("claims:    " + show(x.claims()));
        out.println("signature: " + (x.signatureLength() < 0 ? "(unreadable)" : x.signatureLength() + " bytes"));
        for (String t : x.times()) {
            out.println("  " + t);
        }
        section(out, "problems", x.problems());
        section(out, "warnings", x.warnings());
        section(out, "notes", x.notes());
        out.println();

        boolean ok = x.problems().isEmpty();
        if (keySet == null) {
            out.println(ok ? "verdict: no problem found (give --keys to check the kid and the signature)"
                    : "verdict: a verifier would refuse this token");
        } else {
            Optional<BearerError> refusal = verdict(keySet, text, requirement);
            if (refusal.isEmpty()) {
                out.println("verdict: accepted by the verifier");
                ok = true;
            } else {
                BearerError e = refusal.get();
                out.println("verdict: refused by the verifier: " + e.code().value() + " (" + e.reason().value() + "): "
                        + e.description());
                ok = false;
            }
        }
        out.flush();
        return ok ? ExitCodes.OK : ExitCodes.REFUSED;
    }

    private Optional<BearerError> verdict(KeySet keySet, String text, ScopeRequirement requirement) {
        try {
            VerifiedToken t = options.verifier(keySet, ReplayPolicy.OFF).verify(text);
            return requirement.isNone() ? Optional.empty() : Authorizer.defaults().check(t, requirement, null);
        } catch (TokenRejectedException e) {
            return Optional.of(e.error());
        }
    }

    private static void section(PrintWriter out, String name, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        out.println();
        out.println(name + " (" + items.size() + "):");
        for (String i : items) {
            out.println("  - " + i);
        }
    }

    private static String show(Map<String, Object> m) {
        if (m == null) {
            return "(unreadable)";
        }
        String json = JsonWriter.write(m);
        return json.length() <= SHOW_LIMIT ? json : json.substring(0, SHOW_LIMIT) + "… (" + json.length() + " characters)";
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
