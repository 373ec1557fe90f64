package dev.bearerguard.cli;

/**
 * The user's input is wrong (a key file that cannot be read, a bad option value): the command
 * prints the message and exits with {@link ExitCodes#INPUT}. The message is shown as is, so it
 * never holds a token, a signature or key material.
 */
final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InputException(String message) {
        super(message, null, false, false);
    }
}
