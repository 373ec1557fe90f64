package dev.bearerguard.core.observe;

/**
 * Calls listeners the way {@link BearerguardListener} promises: an exception from one is caught
 * and dropped (a broken metrics binding must not decide a request). Stateless and thread-safe.
 */
public final class Listeners {

    private static final System.Logger LOG = System.getLogger(Listeners.class.getName());

    private Listeners() {
    }

    /**
     * Runs {@code call}, dropping (and logging once at DEBUG) any exception it throws.
     *
     * @param call the listener call
     */
    public static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "bearerguard: a listener threw " + e.getClass().getName()
                    + "; dropped");
        }
    }
}
