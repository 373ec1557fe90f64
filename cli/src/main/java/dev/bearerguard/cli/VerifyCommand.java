package dev.bearerguard.cli;

import dev.bearerguard.core.Authorizer;
import dev.bearerguard.core.BearerError;
import dev.bearerguard.core.TokenRejectedException;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.VerifiedToken;
import dev.bearerguard.core.VerifierUnavailableException;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.replay.ReplayPolicy;
import dev.bearerguard.core.scope.ScopeRequirement;
import dev.bearerguard.core.scope.ScopeVocabulary;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bearerguard verify}: verifies one token, or every line of standard input through one
 * verifier (so a token presented twice meets the replay cache), and prints one JSON verdict per
 * token, in input order.
 *
 * <p>Not thread-safe: one instance serves one run.
 */
@Command(name = "verify", header = "Verify tokens (argument or stdin lines) and print one JSON verdict each.",
        mixinStandardHelpOptions = true, versionProvider = BearerguardCli.Version.class, sortOptions = false,
        description = {
            "Verify a token, or every line of standard input (one token per line), and print one JSON "
                    + "verdict per token, in order. All lines go through one verifier, so a token seen "
                    + "twice meets the replay cache.",
            "",
            "Exit code: 0 every token accepted; 1 at least one token refused; 2 usage or input error "
                    + "(bad option, unreadable key file, no keys)."
        })
final class VerifyCommand implements Callable<Integer> {

    /** Characters a line may hold beyond the longest token: blanks around it. */
    private static final int LINE_SLACK = 1024;

    private final Io io;

    @Mixin
    VerifierOptions options;

    @Mixin
    ScopeOptions scopeOptions;

    @Option(names = "--replay", paramLabel = "POLICY", converter = ReplayPolicyConverter.class,
            description = "Replay policy: " + ReplayPolicyConverter.CHOICES + " (default: default — "
                    + "single-use, except tokens with the embed scope, which are reusable).")
    ReplayPolicy replay = ReplayPolicy.DEFAULT;

    @Parameters(arity = "0..1", paramLabel = "TOKEN",
            description = "The token (without 'Bearer '). Omit it to read tokens from standard input, one per line.")
    String token;

    VerifyCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        ScopeRequirement requirement = requirement();
        KeySet keySet = options.loadKeys();
        TokenVerifier verifier = options.verifier(keySet, replay);
        Checker checker = new Checker(verifier, requirement);
        if (token != null) {
            StringBuilder sb = new StringBuilder(256);
            boolean ok = checker.check(token, sb);
            io.out().print(sb.append('\n'));
            io.out().flush();
            return ok ? ExitCodes.OK : ExitCodes.REFUSED;
        }
        return verifyLines(checker);
    }

    private int verifyLines(Checker checker) {
        boolean allOk = true;
        if (io.interactive()) {
            io.err().println("reading tokens from standard input, one per line (end with Ctrl-D)");
        }
        PrintWriter out = io.out();
        StringBuilder sb = new StringBuilder(512);
        // Room for blanks around a token; anything longer is cut and refused as too_large by the verifier.
        LineReader lines = new LineReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8),
                options.maxTokenSize + LINE_SLACK);
        try {
            LineReader.Line line;
            long count = 0;
            while ((line = lines.next()) != null) {
                sb.setLength(0);
                String text = line.tooLong() ? line.text() : line.text().strip();
                allOk &= checker.check(text, sb);
                out.append(sb).append('\n');
                // Flush when the input pauses (answer each line as it comes) and now and then, so that
                // a closed output (`| head`) stops the run. checkError() flushes.
                if ((++count & 1023) == 0 || !lines.ready()) {
                    if (out.checkError()) {
                        throw new InputException("standard output is closed; stopped reading tokens");
                    }
                }
            }
        } catch (IOException e) {
            out.flush();
            throw new UncheckedIOException(e);
        }
        out.flush();
        return allOk ? ExitCodes.OK : ExitCodes.REFUSED;
    }

    private ScopeRequirement requirement() {
        ScopeRequirement r = scopeOptions.requirement();
        // A typo in a requirement would refuse every token: warn, but check as asked.
        for (String p : ScopeVocabulary.PAYMENTS.problems(r)) {
            io.err().println("warning: " + p);
        }
        io.err().flush();
        return r;
    }

    /** Verifies one token and authorizes it against the requirement. Reused for every line. */
    private static final class Checker {
        private final TokenVerifier verifier;
        private final ScopeRequirement requirement;

        Checker(TokenVerifier verifier, ScopeRequirement requirement) {
            this.verifier = verifier;
            this.requirement = requirement;
        }

        /** Appends the verdict to {@code sb}; returns whether the token was accepted. */
        boolean check(String token, StringBuilder sb) {
            try {
                VerifiedToken t = verifier.verify(token);
                if (!requirement.isNone()) {
                    Optional<BearerError> denied = Authorizer.defaults().check(t, requirement, null);
                    if (denied.isPresent()) {
                        ResultJson.reject(sb, denied.get());
                        return false;
                    }
                }
                ResultJson.accept(sb, t);
                return true;
            } catch (TokenRejectedException e) {
                ResultJson.reject(sb, e.error());
                return false;
            } catch (VerifierUnavailableException e) {
                // Cannot happen with a fixed key set and the in-memory replay cache.
                ResultJson.error(sb, "verifier unavailable");
                return false;
            } catch (RuntimeException e) {
                // A bug, not the token's fault: report it on its line and go on with the next one.
                ResultJson.error(sb, "internal error (" + e.getClass().getSimpleName() + ")");
                return false;
            }
        }
    }
}
