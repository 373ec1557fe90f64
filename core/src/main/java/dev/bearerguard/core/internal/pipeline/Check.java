package dev.bearerguard.core.internal.pipeline;

/**
 * One step of the verification pipeline, with one job. {@code TokenVerifier.verify} runs the steps
 * in order and stops at the first problem; {@code TokenVerifier.explain} runs every step that can
 * run and keeps every finding — the same steps, so the explanation cannot disagree with the
 * decision.
 *
 * <p>Implementations are immutable and thread-safe; the {@link TokenState} they read and fill is
 * the one token's and is used by one thread.
 */
public interface Check {

    /** A short name for findings, e.g. {@code "header"}. */
    String name();

    /**
     * Whether the state holds what this step needs (an earlier step may have failed). Only {@code
     * explain} asks: {@code verify} never gets past a failed step. It must be true whenever every
     * earlier step passed, or {@code explain} would skip a step {@code verify} runs.
     */
    boolean canRun(TokenState state);

    /** Why the step cannot run, for a finding; called when {@link #canRun} is false. */
    String whyNot(TokenState state);

    /**
     * Runs the step.
     *
     * @return null when the token passes, else the problem
     * @throws dev.bearerguard.core.VerifierUnavailableException when the step cannot decide (a key
     *     source or replay store is down)
     */
    Problem run(TokenState state);

    /** What a passing step established, for a finding (e.g. "the signature verifies with …"). */
    String passed(TokenState state);

    /** Whether {@code explain} runs this step; false for steps with side effects (the replay record). */
    default boolean explains() {
        return true;
    }
}
