package dev.bearerguard.cli;

/** The exit codes every subcommand uses. */
final class ExitCodes {
    /** Success: every token was accepted, a key or token was written. */
    static final int OK = 0;
    /** At least one token was refused (or, for {@code explain}, has a problem). */
    static final int REFUSED = 1;
    /** Usage or input error: bad option, unreadable key file, no keys, I/O failure. */
    static final int INPUT = 2;

    private ExitCodes() {
    }
}
