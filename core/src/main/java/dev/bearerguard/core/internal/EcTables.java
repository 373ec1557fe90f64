package dev.bearerguard.core.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * The per-key comb tables, bounded in total heap and evicted least-recently-used (Caffeine's
 * W-TinyLFU, weighted by bytes), so a server that trusts many keys keeps tables only for the keys
 * actually in use. A key whose table was evicted verifies on BouncyCastle's plain path (about
 * twice as slow) until its table is rebuilt (a table evicted and needed again is rebuilt; with far
 * more hot keys than the budget holds, raise the budget rather than let tables churn).
 *
 * <p>Tables are built off the request path on an executor (by default the common pool); until a
 * key's table is ready its tokens take the plain path. Entries hold their key weakly: a key
 * dropped by every key set loses its table at the next collection.
 *
 * <p>The budget is process-wide because keys are loaded independently of verifiers; it is read
 * once from the system property {@value #BUDGET_PROPERTY} (bytes, default {@value
 * #DEFAULT_BUDGET_BYTES}: about 85 P-521 keys at 384 KiB each). Thread-safe.
 */
public final class EcTables {

    /** System property naming the total heap, in bytes, that key tables may hold. */
    public static final String BUDGET_PROPERTY = "bearerguard.ec.tableBudgetBytes";
    /** The default budget: 32 MiB. */
    public static final long DEFAULT_BUDGET_BYTES = 32L << 20;

    private static final EcTables SHARED = new EcTables(Long.getLong(BUDGET_PROPERTY, DEFAULT_BUDGET_BYTES),
            ForkJoinPool.commonPool());

    private final Cache<EcSignatureCheck, Comb> tables;
    private final Executor executor;

    /**
     * @param budgetBytes the most heap the tables may hold together; 0 builds none
     * @param executor    where tables are built, off the request path
     */
    public EcTables(long budgetBytes, Executor executor) {
        this.executor = executor;
        this.tables = Caffeine.newBuilder()
                .weakKeys()
                .maximumWeight(Math.max(0, budgetBytes))
                .<EcSignatureCheck, Comb>weigher((k, c) -> (int) Math.min(Integer.MAX_VALUE,
                        k.domain().bytes(c)))
                .executor(Runnable::run)
                .build();
    }

    /** The process-wide instance. */
    public static EcTables shared() {
        return SHARED;
    }

    /** The key's table if it is built, else null (and a build is started if none is running). */
    Comb get(EcSignatureCheck key) {
        Comb c = tables.getIfPresent(key);
        if (c == null && key.claimBuild()) {
            try {
                executor.execute(() -> {
                    try {
                        tables.put(key, key.buildTable());
                    } finally {
                        key.releaseBuild();
                    }
                });
            } catch (RuntimeException rejected) {
                key.releaseBuild();
            }
        }
        return c;
    }

    /** Builds the key's table now, on the calling thread (used at load time and by tests). */
    Comb getNow(EcSignatureCheck key) {
        return tables.get(key, EcSignatureCheck::buildTable);
    }

    /** The estimated heap the tables hold now, in bytes. */
    public long weightedBytes() {
        tables.cleanUp();
        return tables.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }
}
