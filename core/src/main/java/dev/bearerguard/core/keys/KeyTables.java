package dev.bearerguard.core.keys;

import dev.bearerguard.core.internal.EcTables;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The precomputed tables that make ECDSA verification with a trusted key about three times faster
 * (a comb of multiples of the key's point), within a heap budget: a key whose table is not built,
 * or was evicted, verifies on the plain path until its table is ready. Tables are built off the
 * request path, on an executor.
 *
 * <p>A verifier uses {@link #defaults()} unless its builder is given other tables ({@code
 * TokenVerifier.Builder.keyTables}). The defaults' budget is read once from the system property
 * {@value EcTables#BUDGET_PROPERTY} (bytes; default 32 MiB, about 85 P-521 keys).
 *
 * <p>Immutable and thread-safe; one instance may serve several verifiers.
 */
public final class KeyTables {

    private static final KeyTables DEFAULTS = new KeyTables(EcTables.shared(),
            Long.getLong(EcTables.BUDGET_PROPERTY, EcTables.DEFAULT_BUDGET_BYTES));
    private static final KeyTables NONE = new KeyTables(new EcTables(0, Runnable::run), 0);

    private final EcTables tables;
    private final long budgetBytes;

    private KeyTables(EcTables tables, long budgetBytes) {
        this.tables = tables;
        this.budgetBytes = budgetBytes;
    }

    /** The process-wide tables, budget from {@value EcTables#BUDGET_PROPERTY}. */
    public static KeyTables defaults() {
        return DEFAULTS;
    }

    /** No tables: every EC token takes the plain path (for memory-starved deployments and tests). */
    public static KeyTables none() {
        return NONE;
    }

    /**
     * Tables of their own.
     *
     * @param budgetBytes the most heap the tables may hold together, in bytes; 0 builds none
     * @param executor    where tables are built (a dedicated executor; never the request thread)
     * @throws IllegalArgumentException if the budget is negative
     */
    public static KeyTables of(long budgetBytes, Executor executor) {
        if (budgetBytes < 0) {
            throw new IllegalArgumentException("the table budget must not be negative");
        }
        return new KeyTables(new EcTables(budgetBytes, Objects.requireNonNull(executor, "executor")), budgetBytes);
    }

    /** The heap budget, in bytes. */
    public long budgetBytes() {
        return budgetBytes;
    }

    /** The estimated heap the built tables hold now, in bytes. */
    public long usedBytes() {
        return tables.weightedBytes();
    }

    EcTables tables() {
        return tables;
    }
}
