package dev.bearerguard.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs the command in-process, as tests need it: arguments and stdin in, exit code and streams out. */
final class Cli {

    /** What one run produced. */
    record Result(int exit, String out, String err) {
        /** Standard output split into lines. */
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private Cli() {
    }

    static Result withStdin(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = BearerguardCli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, err);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Result run(String... args) {
        return withStdin("", args);
    }
}
