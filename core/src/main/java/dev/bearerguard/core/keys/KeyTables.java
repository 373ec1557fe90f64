package dev.bearerguard.core.keys;

import dev.bearerguard.core.internal.EcTables;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The precomputed tables that make ECDSA verification with a trusted key three to four times
 * faster (a comb of multiples of the key's point), within a heap budget, sized by use: a key's
 * first two tokens take the plain path, then it gets a small table (P-521: about 12 KiB, 53
 * doublings and 150 additions per verification instead of 27 and 98), and after 64 more tokens
 * its full table (P-521: about 384 KiB). Small tables may take 7/8 of the budget, full tables
 * what the small ones leave. Tables are evicted by frequency and recency (Caffeine's W-TinyLFU)
 * when the budget is full; a key whose
 * table is not built, or was evicted, verifies on the plain path until its table is ready. Tables
 * are built off the request path, on an executor; a request never waits for a build.
 *
 * <p>A verifier uses {@link #defaults()} unless its builder is given other tables ({@code
 * TokenVerifier.Builder.keyTables}). The defaults build on one daemon thread of their own
 * ({@code bearerguard-key-tables}, never the common pool) with a bounded queue; their budget is
 * read once from the system property {@value EcTables#BUDGET_PROPERTY} (bytes), by default a
 * sixteenth of the maximum heap, at least 32 MiB and at most 256 MiB (for a 1 GiB heap: 64 MiB;
 * with 10 000 P-521 keys in use it gave 4 298 keys a table, 40 of them a full one; see the benchmarks
 * README).
 *
 * <p>Immutable and thread-safe; one instance may serve several verifiers.
 */
public final class KeyTables {

    private static final KeyTables DEFAULTS = new KeyTables(EcTables.shared(),
            Long.getLong(EcTables.BUDGET_PROPERTY, EcTables.defaultBudgetBytes()));
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
     * @param executor    where tables are built (a dedicated executor, e.g. {@link #newBuildExecutor()};
     *                    never the request thread); a build it refuses is skipped and tried later
     * @throws IllegalArgumentException if the budget is negative
     */
    public static KeyTables of(long budgetBytes, Executor executor) {
        if (budgetBytes < 0) {
            throw new IllegalArgumentException("the table budget must not be negative");
        }
        return new KeyTables(new EcTables(budgetBytes, Objects.requireNonNull(executor, "executor")), budgetBytes);
    }

    /**
     * A build executor like the defaults' own: one daemon thread that ends when idle, and a
     * bounded queue beyond which builds are refused (and tried again on a later use of the key).
     */
    public static java.util.concurrent.ExecutorService newBuildExecutor() {
        return EcTables.newBuildExecutor();
    }

    /** The heap budget, in bytes. */
    public long budgetBytes() {
        return budgetBytes;
    }

    /** The estimated heap the built tables hold now, in bytes. */
    public long usedBytes() {
        return tables.weightedBytes();
    }

    /** How many keys hold a table now. */
    public long tableCount() {
        return tables.size();
    }

    /** How many keys hold a full table now. */
    public long fullTableCount() {
        return tables.fullTables();
    }

    EcTables tables() {
        return tables;
    }
}
