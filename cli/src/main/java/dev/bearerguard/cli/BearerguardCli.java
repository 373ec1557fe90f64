package dev.bearerguard.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code bearerguard} command: the core verifier on the command line, for engineers asking why
 * a token was refused and for scripts checking tokens in bulk.
 *
 * <p>{@link #run} is the whole program with its streams passed in, so tests drive every subcommand
 * without a subprocess; {@link #main} wires it to the process. Exit codes: 0 success, 1 a token
 * was refused, 2 usage or input error.
 *
 * <p>Each run builds its own command objects; runs share no state, so {@link #run} may be called
 * from several threads with different streams.
 */
@Command(name = "bearerguard", mixinStandardHelpOptions = true, versionProvider = BearerguardCli.Version.class,
        description = "Verify, explain and mint JWT bearer tokens (ES512 by default).",
        subcommands = {VerifyCommand.class, ExplainCommand.class, KeygenCommand.class, MintCommand.class,
            ThumbprintCommand.class},
        footer = {"", "Exit codes: 0 success, 1 a token was refused, 2 usage or input error.",
            "Run 'bearerguard COMMAND --help' for a command's options."})
public final class BearerguardCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private BearerguardCli() {
    }

    /** Runs the command on the process's streams and exits with its code. */
    public static void main(String[] args) {
        // The raw descriptor rather than System.out, a PrintStream that swallows write errors: a
        // closed pipe (`| head`) must be noticed so that verify stops reading.
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        System.exit(run(args, System.in, stdout, System.err, System.console() != null));
    }

    /**
     * Runs the command once.
     *
     * @param args the arguments, e.g. {@code {"verify", "--keys", "keys/"}}
     * @param in   standard input
     * @param out  standard output (flushed, not closed)
     * @param err  standard error (flushed, not closed)
     * @return the exit code: 0 success, 1 a token was refused, 2 usage or input error
     */
    public static int run(String[] args, InputStream in, OutputStream out, OutputStream err) {
        return run(args, in, out, err, false);
    }

    private static int run(String[] args, InputStream in, OutputStream out, OutputStream err, boolean interactive) {
        PrintWriter o = new PrintWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16));
        PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        Io io = new Io(in, o, e, interactive);
        try {
            CommandLine cl = new CommandLine(new BearerguardCli(), new Factory(io));
            cl.setOut(o);
            cl.setErr(e);
            cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
                commandLine.getErr().println(commandLine.getCommandName() + ": " + message(ex));
                return ExitCodes.INPUT;
            });
            cl.setParameterExceptionHandler((ex, args2) -> {
                CommandLine c = ex.getCommandLine();
                c.getErr().println(c.getCommandName() + ": " + ex.getMessage());
                c.getErr().println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
                return ExitCodes.INPUT;
            });
            return cl.execute(args);
        } finally {
            o.flush();
            e.flush();
        }
    }

    /** Without a subcommand: print usage to standard error and fail, so scripts notice. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("bearerguard: a command is required");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.INPUT;
    }

    private static String message(Exception ex) {
        if (ex instanceof InputException) {
            return ex.getMessage();
        }
        if (ex instanceof UncheckedIOException u) {
            return "I/O error: " + u.getCause().getMessage();
        }
        // Unexpected: name it without a stack trace (and without echoing input).
        return "error: " + ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
    }

    /** Makes commands, handing the run's streams to those that take an {@link Io}. */
    private static final class Factory implements CommandLine.IFactory {
        private final Io io;

        Factory(Io io) {
            this.io = io;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                Constructor<K> c = cls.getDeclaredConstructor(Io.class);
                return c.newInstance(io);
            } catch (NoSuchMethodException e) {
                if (cls == BearerguardCli.class) {
                    return cls.cast(new BearerguardCli());
                }
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }

    /** The version from the jar manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = BearerguardCli.class.getPackage().getImplementationVersion();
            return new String[] {"bearerguard " + (v == null ? "(development build)" : v)};
        }
    }
}
