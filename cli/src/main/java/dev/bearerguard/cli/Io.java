package dev.bearerguard.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Objects;

/**
 * The streams one run of the command works on, so that tests drive it without a subprocess.
 *
 * <p>Not thread-safe (the writers are shared by one run).
 *
 * @param in  standard input (tokens, one per line, for {@code verify})
 * @param out standard output (results)
 * @param err standard error (diagnostics and usage)
 * @param interactive whether standard input is a terminal (a person may be typing)
 */
record Io(InputStream in, PrintWriter out, PrintWriter err, boolean interactive) {
    Io {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }
}
