package dev.bearerguard.core;

/**
 * A request changed a value its token pins ({@code embed}) or named another customer, invoice or
 * bound claim than its token's: answered 403 with the {@link BearerError} it carries, whose
 * description names the field but never its value.
 *
 * <p>Unchecked so that resource code can enforce a pin in one line.
 */
public final class PinMismatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final BearerError error;

    /** @param error the 403 error */
    public PinMismatchException(BearerError error) {
        super(error.description(), null, false, false);
        this.error = error;
    }

    /** The error to answer with. */
    public BearerError error() {
        return error;
    }
}
