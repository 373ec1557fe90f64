package dev.bearerguard.core.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The per-key comb tables, bounded in total heap, sized by use and evicted by frequency and
 * recency (Caffeine's W-TinyLFU, weighted by bytes), so a server that trusts thousands of keys
 * keeps big tables for its busy keys and small ones for the rest.
 *
 * <p>The policy, per key:
 * <ol>
 *   <li>its first {@value #SMALL_AFTER} tokens take BouncyCastle's plain path, and no table is
 *       built (a key seen once costs nothing more than its verification);</li>
 *   <li>then a <em>small</em> comb is built (for P-521 5 teeth × 2 blocks, 62 points, about 12 KiB:
 *       53 doublings and 150 additions instead of the full table's 27 and 98);</li>
 *   <li>after {@value #FULL_AFTER} more tokens the <em>full</em> comb is added (P-521: 2 046
 *       points, about 384 KiB); the small one stays, as the fallback if the full one is evicted.</li>
 * </ol>
 * Small tables may take 7/8 of the budget and full tables what the small ones leave (with
 * thousands of keys, coverage pays more than speed: a full table costs the heap of 32 small ones),
 * each tier evicting by frequency and recency. A key whose table was evicted needs twice as many
 * tokens as the last time (up to 2¹⁰ times) before that tier's next build, so keys the budget
 * cannot hold do not make the builder churn.
 *
 * <p>Tables are built off the request path on an executor (by default {@link #newBuildExecutor()},
 * one daemon thread with a bounded queue; a build it cannot take is simply skipped and tried
 * again later). Until a key's table is ready its tokens take the plain path: a request never
 * waits for a build. Entries hold their key weakly: a key dropped by every key set loses its
 * table at the next collection.
 *
 * <p>The budget is process-wide because keys are loaded independently of verifiers; it is read
 * once from the system property {@value #BUDGET_PROPERTY} (bytes); without it the budget is
 * {@link #defaultBudgetBytes()}: a sixteenth of the maximum heap, at least 32 MiB and at most
 * 256 MiB. Thread-safe.
 */
public final class EcTables {

    /** System property naming the total heap, in bytes, that key tables may hold. */
    public static final String BUDGET_PROPERTY = "bearerguard.ec.tableBudgetBytes";
    /** The smallest default budget: 32 MiB. */
    public static final long DEFAULT_BUDGET_BYTES = 32L << 20;
    /** The largest default budget: 256 MiB. */
    public static final long MAX_DEFAULT_BUDGET_BYTES = 256L << 20;
    /** Tokens a key verifies on the plain path before its small table is built. */
    static final int SMALL_AFTER = 2;
    /** Tokens a key verifies with its small table before its full table is built. */
    static final int FULL_AFTER = 64;
    /** The builder queue's bound; a build beyond it is skipped (and retried on a later use). */
    static final int QUEUE = 64;

    private static final EcTables SHARED = new EcTables(Long.getLong(BUDGET_PROPERTY, defaultBudgetBytes()),
            newBuildExecutor());

    /** Small tables: at most 7/8 of the budget (coverage first: 12 KiB each for P-521). */
    private final Cache<EcSignatureCheck, Comb> small;
    /** Full tables: whatever the small ones leave of the budget. */
    private final Cache<EcSignatureCheck, Comb> full;
    private final long budget;
    private final Executor executor;
    /** False for a zero budget: then nothing is ever built (a table built only to be evicted is pure waste). */
    private final boolean builds;

    /**
     * @param budgetBytes the most heap the tables may hold together; 0 builds none
     * @param executor    where tables are built, off the request path
     */
    public EcTables(long budgetBytes, Executor executor) {
        this.executor = executor;
        this.budget = Math.max(0, budgetBytes);
        this.builds = budget > 0;
        this.small = cache(budget - budget / 8, false);
        this.full = cache(budget, true);
    }

    private static Cache<EcSignatureCheck, Comb> cache(long maxWeight, boolean fullTier) {
        return Caffeine.newBuilder()
                .weakKeys()
                .maximumWeight(maxWeight)
                .<EcSignatureCheck, Comb>weigher((k, c) -> (int) Math.min(Integer.MAX_VALUE, k.domain().bytes(c)))
                .removalListener((EcSignatureCheck k, Comb c, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
                    if (k != null && cause.wasEvicted()) {
                        k.evicted(fullTier);
                    }
                })
                .executor(Runnable::run)
                .build();
    }

    /** The process-wide instance. */
    public static EcTables shared() {
        return SHARED;
    }

    /** A sixteenth of the maximum heap, between 32 MiB and 256 MiB. */
    public static long defaultBudgetBytes() {
        long heap = Runtime.getRuntime().maxMemory();
        long sixteenth = heap == Long.MAX_VALUE ? MAX_DEFAULT_BUDGET_BYTES : heap / 16;
        return Math.max(DEFAULT_BUDGET_BYTES, Math.min(MAX_DEFAULT_BUDGET_BYTES, sixteenth));
    }

    /**
     * The default build executor: one daemon thread ({@code bearerguard-key-tables}) that ends
     * when idle for 30 s, and a queue of {@value #QUEUE} builds beyond which builds are refused.
     * Not the common pool, which belongs to the application.
     */
    public static ThreadPoolExecutor newBuildExecutor() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor e = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                r -> {
                    Thread t = new Thread(r, "bearerguard-key-tables-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        e.allowCoreThreadTimeOut(true);
        return e;
    }

    /**
     * The key's table if one is built, else null; counts the use and starts the build the policy
     * calls for (never on this thread, unless the executor runs tasks in place).
     */
    Comb get(EcSignatureCheck key) {
        if (!builds) {
            return null;
        }
        Comb c = full.getIfPresent(key);
        if (c != null) {
            return c;
        }
        c = small.getIfPresent(key);
        if (c == null) {
            if (key.noteUse() >= key.smallThreshold()) {
                schedule(key, false);
            }
        } else if (key.noteUse() >= key.fullThreshold()) {
            schedule(key, true);
        }
        return c;
    }

    private void schedule(EcSignatureCheck key, boolean fullTable) {
        if (!key.claimBuild()) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    Comb built = fullTable ? key.buildTable() : key.buildSmallTable();
                    key.resetUses();
                    put(key, built, fullTable);
                } finally {
                    key.releaseBuild();
                }
            });
        } catch (RuntimeException rejected) {
            key.releaseBuild();
        }
    }

    /** Stores a table; the full tier's bound follows what the small tier holds, so both stay within the budget. */
    private void put(EcSignatureCheck key, Comb table, boolean fullTable) {
        (fullTable ? full : small).put(key, table);
        small.cleanUp();
        long left = Math.max(0, budget - weight(small));
        full.policy().eviction().ifPresent(e -> e.setMaximum(left));
        full.cleanUp();
    }

    /** Builds the key's full table now, on the calling thread (used at load time and by tests). */
    Comb getNow(EcSignatureCheck key) {
        Comb c = full.getIfPresent(key);
        if (c != null) {
            return c;
        }
        Comb built = key.buildTable();
        put(key, built, true);
        return built;
    }

    /** The estimated heap the tables hold now, in bytes. */
    public long weightedBytes() {
        small.cleanUp();
        full.cleanUp();
        return weight(small) + weight(full);
    }

    private static long weight(Cache<?, ?> c) {
        return c.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    /** How many keys hold a table now (a key holding both a small and a full one counts once). */
    public long size() {
        small.cleanUp();
        full.cleanUp();
        java.util.Set<EcSignatureCheck> keys = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        keys.addAll(small.asMap().keySet());
        keys.addAll(full.asMap().keySet());
        return keys.size();
    }

    /** How many keys hold a full table now. */
    public long fullTables() {
        full.cleanUp();
        return full.estimatedSize();
    }
}
