package dev.bearerguard.core.keys;

import static dev.bearerguard.core.VerifierUnavailableException.Kind.KEY_SOURCE;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bearerguard.core.Sanitizer;
import dev.bearerguard.core.VerifierUnavailableException;
import dev.bearerguard.core.observe.BearerguardListener;
import dev.bearerguard.core.observe.Health;
import dev.bearerguard.core.observe.KeySourceEvent;
import dev.bearerguard.core.observe.Listeners;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the two sources of changing keys ({@link JwksKeyResolver}, {@link WatchedKeyFolder}) share:
 * the key set in force and every rule about when it is replaced, used or given up. A source only
 * says how to load its keys once ({@link Loader}); everything here is decided once for both.
 *
 * <ul>
 *   <li><b>Known {@code kid}</b>: answered from the set in force — one volatile read and a map
 *       lookup; never a load, never a lock, never a wait (unless the set is past its maximum
 *       staleness, see below).</li>
 *   <li><b>Stable keys</b>: a load's key that equals the one in force (same {@code kid}, public key,
 *       algorithm and restrictions) is replaced by the object in force, so a key present before and
 *       after a refresh stays the same {@link TrustedKey} (its comb table and the verifier's
 *       verified-token cache survive); a removed key is no longer referenced from here.</li>
 *   <li><b>Unknown {@code kid}</b>: first the negative cache (a {@code kid} found missing within
 *       the refresh interval is refused at once); then at most one load in flight (single-flight:
 *       a request joins it) and at most one load started per refresh interval for all unknown
 *       {@code kid}s together (any load, background ones included, closes the gate); a request
 *       waits for a load at most {@code waitLimit}. Every load reads the whole set, so whoever
 *       triggers it, it finds every new key: a flood of made-up {@code kid}s cannot lock out a
 *       real one.</li>
 *   <li><b>Outage</b>: a failed load leaves the set in force; after {@code maxStaleness} since
 *       the last successful load the source answers 503 (and a request then may trigger one
 *       rate-limited load, bounded by {@code waitLimit}, so service resumes as soon as the source
 *       does). A {@code kid} not in the last good set while the last load failed is 503 too: it
 *       may be a new key the source could not be asked about. Before any load succeeded: 503.</li>
 *   <li><b>Background</b>: after each load the next is scheduled (the loader's delay on success; on
 *       failure a backoff from the refresh interval, doubling, at most {@code maxRetryDelay}).</li>
 *   <li><b>Logging and events</b>: each transition (first load, change of keys, start and end of an
 *       outage, staleness) is logged once; per-entry problems when they change. Every load, failure,
 *       staleness and unknown-{@code kid} refusal is a {@link KeySourceEvent}.</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
final class RefreshingKeys implements AutoCloseable {

    /** The most {@code kid}s the negative cache remembers. */
    static final int NEGATIVE_CACHE_SIZE = 10_000;
    /** Longer {@code kid}s are never remembered (so the negative cache stays small in bytes). */
    static final int NEGATIVE_CACHE_KID_LENGTH = 256;
    /** The longest wait between retries while a key service fails. */
    static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(5);

    private static final System.Logger LOG = System.getLogger("dev.bearerguard.keys");

    /**
     * What one load read.
     *
     * @param keys        the keys (restrictions not yet applied); may share a {@code kid}
     * @param nextRefresh when to load again
     * @param problems    entries left out or kept from an earlier load, one sentence each (not yet
     *                    sanitised)
     */
    record Load(List<TrustedKey> keys, Duration nextRefresh, List<String> problems) {
        Load {
            keys = List.copyOf(keys);
            problems = List.copyOf(problems);
            Objects.requireNonNull(nextRefresh, "nextRefresh");
        }
    }

    /** Loads a source's keys once. */
    @FunctionalInterface
    interface Loader {
        /**
         * @return a future completing with the load, or exceptionally (a {@link KeyLoadException} or
         *     an I/O failure) when the source cannot be read; may complete on the calling thread
         */
        CompletableFuture<Load> load();
    }

    /** The settings both sources take from their builders, checked once here. */
    record Settings(String source, Clock clock, BearerguardListener listener, List<KeyRestrictionRule> rules,
            Duration refreshInterval, Duration maxStaleness, Duration waitLimit, Duration maxRetryDelay) {
        Settings {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(listener, "listener");
            rules = List.copyOf(rules);
            positive(refreshInterval, "refreshInterval");
            positive(maxStaleness, "maxStaleness");
            positive(waitLimit, "waitLimit");
            positive(maxRetryDelay, "maxRetryDelay");
        }
    }

    static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
        return d;
    }

    private record Snapshot(Map<String, TrustedKey> byKid, Instant loadedAt) {
    }

    private enum State { NEVER_LOADED, LOADED, FAILING }

    private final Settings settings;
    private final Loader loader;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final Cache<String, Boolean> missing;

    private volatile Snapshot snapshot;
    /** Why the last load failed; null when it succeeded (or none ran yet). */
    private volatile String lastFailure;
    private final AtomicBoolean staleReported = new AtomicBoolean();

    private final Object lock = new Object();
    // guarded by lock
    private CompletableFuture<KeySourceEvent> inFlight;
    private Instant lastStart;
    private int failures;
    private ScheduledFuture<?> next;
    /** The generation of {@link #next}: a scheduled load runs only while it is the current one. */
    private long scheduled;
    private State state = State.NEVER_LOADED;
    private List<String> loggedProblems = List.of();
    private boolean closed;

    /**
     * @param settings      the settings
     * @param loader        how to load the source once
     * @param scheduler     where background loads run
     * @param ownsScheduler whether {@link #close} shuts the scheduler down
     */
    RefreshingKeys(Settings settings, Loader loader, ScheduledExecutorService scheduler, boolean ownsScheduler) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.ownsScheduler = ownsScheduler;
        Clock clock = settings.clock();
        this.missing = Caffeine.newBuilder()
                .maximumSize(NEGATIVE_CACHE_SIZE)
                .expireAfterWrite(settings.refreshInterval())
                .ticker(() -> Math.multiplyExact(clock.millis(), 1_000_000L))
                .executor(Runnable::run)
                .build();
    }

    /** Schedules the first background load, {@code delay} from now. */
    void start(Duration delay) {
        synchronized (lock) {
            scheduleLocked(delay);
        }
    }

    String source() {
        return settings.source();
    }

    // ---------------------------------------------------------------- the request path

    Optional<TrustedKey> resolve(String kid) {
        if (kid == null) {
            return Optional.empty();
        }
        Snapshot s = snapshot;
        if (s != null) {
            if (!isStale(s, settings.clock().instant())) {
                TrustedKey k = s.byKid.get(kid);
                if (k != null) {
                    return Optional.of(k);
                }
                if (lastFailure == null && missing.getIfPresent(kid) != null) {
                    report(KeySourceEvent.Kind.UNKNOWN_KID, s, KeySourceEvent.NEGATIVE, Duration.ZERO);
                    return Optional.empty();
                }
            } else {
                reportStale(s);
            }
        }
        // An unknown kid, a stale set or none at all: one rate-limited, single-flight load, one wait.
        CompletableFuture<KeySourceEvent> f = attempt(false);
        if (f != null) {
            await(f);
        }
        return answer(kid);
    }

    /** The answer from the set in force now, without loading or waiting. */
    private Optional<TrustedKey> answer(String kid) {
        Snapshot s = snapshot;
        if (s == null) {
            throw new VerifierUnavailableException(KEY_SOURCE, "no key set loaded yet from " + source() + failureSuffix());
        }
        if (isStale(s, settings.clock().instant())) {
            reportStale(s);
            throw new VerifierUnavailableException(KEY_SOURCE, "keys from " + source() + " are older than "
                    + settings.maxStaleness() + failureSuffix());
        }
        TrustedKey k = s.byKid.get(kid);
        if (k != null) {
            return Optional.of(k);
        }
        if (lastFailure != null) {
            throw new VerifierUnavailableException(KEY_SOURCE, "kid not among the last good keys from " + source()
                    + ", which cannot be asked for new ones" + failureSuffix());
        }
        if (kid.length() <= NEGATIVE_CACHE_KID_LENGTH) {
            missing.put(kid, Boolean.TRUE);
        }
        report(KeySourceEvent.Kind.UNKNOWN_KID, s, KeySourceEvent.CHECKED, Duration.ZERO);
        return Optional.empty();
    }

    private boolean isStale(Snapshot s, Instant now) {
        return now.isAfter(s.loadedAt.plus(settings.maxStaleness()));
    }

    /** Logs and reports, once per stale period, that the set in force is too old to use. */
    private void reportStale(Snapshot s) {
        if (staleReported.compareAndSet(false, true)) {
            String detail = "the last good key set was loaded at " + s.loadedAt + ", more than "
                    + settings.maxStaleness() + " ago" + failureSuffix();
            LOG.log(System.Logger.Level.ERROR, () -> "bearerguard: keys from " + source() + ": " + detail
                    + "; answering 503 until a load succeeds");
            report(KeySourceEvent.Kind.STALE, s, detail, Duration.ZERO);
        }
    }

    private String failureSuffix() {
        String f = lastFailure;
        return f == null ? "" : " (last load: " + f + ")";
    }

    /** Waits for a load, at most the wait limit; a load that is late counts as failed for the caller. */
    private void await(CompletableFuture<KeySourceEvent> f) {
        try {
            f.get(settings.waitLimit().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerifierUnavailableException(KEY_SOURCE, "interrupted while waiting for keys from " + source());
        } catch (TimeoutException e) {
            throw new VerifierUnavailableException(KEY_SOURCE, "keys from " + source() + " did not arrive within "
                    + settings.waitLimit());
        } catch (ExecutionException e) {
            // finish() never completes exceptionally; treat it as a failed load anyway
            throw new VerifierUnavailableException(KEY_SOURCE, "loading keys from " + source() + " failed", e.getCause());
        }
    }

    // ---------------------------------------------------------------- loads

    /**
     * Loads now and waits: a load already in flight is waited for first (it may have started before
     * the caller's change), then one more is started (or joined, if another began meanwhile — it
     * began after this call). Before the first load completed, the one in flight (started by the
     * builder) is the answer. Not rate-limited: for start-up, operators and tests, never for a
     * request thread.
     */
    KeySourceEvent refresh() {
        CompletableFuture<KeySourceEvent> running;
        boolean first;
        synchronized (lock) {
            running = inFlight;
            first = state == State.NEVER_LOADED;
        }
        if (running != null) {
            KeySourceEvent e = running.join();
            if (first) {
                return e; // the first load, started by the builder: what the caller asks for at start-up
            }
        }
        CompletableFuture<KeySourceEvent> f = attempt(true, 0);
        if (f == null) {
            throw new IllegalStateException("the key source " + source() + " is closed");
        }
        return f.join();
    }

    private CompletableFuture<KeySourceEvent> attempt(boolean force) {
        return attempt(force, 0);
    }

    /**
     * Joins the load in flight, or starts one: always when {@code force}, else only if none started
     * within the refresh interval. Null when the gate is closed, the source is closed, or {@code
     * generation} (a scheduled load's; 0 for others) is no longer the current schedule — a load
     * that ended meanwhile scheduled the next one, so this one is not due.
     */
    private CompletableFuture<KeySourceEvent> attempt(boolean force, long generation) {
        CompletableFuture<KeySourceEvent> done;
        Instant started;
        synchronized (lock) {
            if (closed || (generation != 0 && generation != scheduled)) {
                return null;
            }
            if (inFlight != null) {
                return inFlight;
            }
            started = settings.clock().instant();
            if (!force && lastStart != null && started.isBefore(lastStart.plus(settings.refreshInterval()))) {
                return null;
            }
            lastStart = started;
            done = new CompletableFuture<>();
            inFlight = done;
        }
        long t0 = System.nanoTime();
        CompletableFuture<Load> f;
        try {
            f = loader.load();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((load, error) -> {
            KeySourceEvent e;
            try {
                e = finish(load, error, t0);
            } catch (RuntimeException | Error bug) {
                // finish() catches what it can; this only keeps the source from hanging on a bug
                synchronized (lock) {
                    inFlight = null;
                }
                e = new KeySourceEvent(source(), KeySourceEvent.Kind.FAILED, 0, null, "internal error", Duration.ZERO);
            }
            done.complete(e);
        });
        return done;
    }

    private void scheduledLoad(long generation) {
        CompletableFuture<KeySourceEvent> f = attempt(true, generation);
        if (f != null) {
            try {
                f.get(settings.waitLimit().toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // the load reports itself; the next one is scheduled when it ends
            }
        }
    }

    /** Installs a load or records its failure; never throws. */
    private KeySourceEvent finish(Load load, Throwable error, long t0) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        try {
            if (error == null && load != null) {
                Map<String, TrustedKey> fresh = merge(load);
                if (!fresh.isEmpty()) {
                    return installed(fresh, load, elapsed);
                }
                error = new KeyLoadException("no usable signature key"
                        + (load.problems().isEmpty() ? "" : " (" + load.problems().get(0) + ")"));
            }
            return failed(describe(error), elapsed);
        } catch (RuntimeException e) {
            return failed("internal error " + e.getClass().getSimpleName(), elapsed);
        }
    }

    /** The load's keys with their restrictions, the objects in force kept where nothing changed. */
    private Map<String, TrustedKey> merge(Load load) {
        Snapshot old = snapshot;
        Map<String, TrustedKey> before = old == null ? Map.of() : old.byKid;
        Map<String, TrustedKey> out = new LinkedHashMap<>();
        Set<String> conflicting = new HashSet<>();
        List<String> problems = new ArrayList<>(load.problems());
        for (TrustedKey raw : load.keys()) {
            TrustedKey k = KeyRestrictionRule.applyTo(raw, settings.rules());
            TrustedKey kept = before.get(k.kid());
            if (kept != null && same(kept, k)) {
                k = kept;
            }
            TrustedKey other = out.putIfAbsent(k.kid(), k);
            if (other != null && !same(other, k)) {
                conflicting.add(k.kid());
            }
        }
        for (String kid : conflicting) {
            out.remove(kid);
            problems.add("two different keys share the kid " + kid + "; neither is trusted");
        }
        logProblems(problems);
        return out;
    }

    private static boolean same(TrustedKey a, TrustedKey b) {
        return a.kid().equals(b.kid()) && a.algorithm().equals(b.algorithm())
                && a.restrictions().equals(b.restrictions())
                && Arrays.equals(a.publicKey().getEncoded(), b.publicKey().getEncoded());
    }

    private KeySourceEvent installed(Map<String, TrustedKey> fresh, Load load, Duration elapsed) {
        Instant now = settings.clock().instant();
        String detail;
        Snapshot s = new Snapshot(Collections.unmodifiableMap(fresh), now);
        synchronized (lock) {
            Snapshot old = snapshot;
            snapshot = s;
            lastFailure = null;
            staleReported.set(false);
            detail = old == null ? "" : changes(old.byKid, fresh);
            State was = state;
            state = State.LOADED;
            failures = 0;
            inFlight = null;
            scheduleLocked(load.nextRefresh());
            if (was == State.NEVER_LOADED) {
                LOG.log(System.Logger.Level.INFO, () -> "bearerguard: loaded " + fresh.size() + " key(s) from " + source()
                        + ": " + kids(fresh.keySet()));
            } else if (was == State.FAILING) {
                LOG.log(System.Logger.Level.INFO, () -> "bearerguard: keys from " + source() + " load again: "
                        + fresh.size() + " key(s)" + (detail.isEmpty() ? ", unchanged" : ", " + detail));
            } else if (!detail.isEmpty()) {
                LOG.log(System.Logger.Level.INFO, () -> "bearerguard: keys from " + source() + " changed: " + detail);
            }
        }
        return report(KeySourceEvent.Kind.LOADED, s, detail, elapsed);
    }

    private KeySourceEvent failed(String reason, Duration elapsed) {
        String why = Sanitizer.text(reason);
        Snapshot s;
        synchronized (lock) {
            s = snapshot;
            lastFailure = why;
            failures++;
            State was = state;
            inFlight = null;
            long doubling = Math.min(failures - 1, 20);
            Duration delay = settings.refreshInterval().multipliedBy(1L << doubling);
            Duration most = settings.maxRetryDelay();
            scheduleLocked(delay.compareTo(most) > 0 ? most : delay);
            if (was == State.LOADED) {
                state = State.FAILING;
                LOG.log(System.Logger.Level.WARNING, () -> "bearerguard: cannot load keys from " + source() + ": " + why
                        + "; the last good set (" + s.byKid.size() + " key(s), loaded at " + s.loadedAt
                        + ") stays in force until " + s.loadedAt.plus(settings.maxStaleness()));
            } else if (was == State.NEVER_LOADED && failures == 1) {
                LOG.log(System.Logger.Level.WARNING, () -> "bearerguard: cannot load keys from " + source() + ": " + why
                        + "; answering 503 until a load succeeds");
            } else {
                LOG.log(System.Logger.Level.DEBUG, () -> "bearerguard: still cannot load keys from " + source() + ": " + why);
            }
        }
        return report(KeySourceEvent.Kind.FAILED, s, why, elapsed);
    }

    private void logProblems(List<String> problems) {
        List<String> clean = problems.stream().map(Sanitizer::text).toList();
        synchronized (lock) {
            if (clean.equals(loggedProblems)) {
                return;
            }
            loggedProblems = clean;
        }
        if (!clean.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, () -> "bearerguard: keys from " + source() + ": left out or kept from "
                    + "the last good load: " + String.join("; ", clean));
        }
    }

    private static String changes(Map<String, TrustedKey> before, Map<String, TrustedKey> after) {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> replaced = new ArrayList<>();
        for (Map.Entry<String, TrustedKey> e : after.entrySet()) {
            TrustedKey old = before.get(e.getKey());
            if (old == null) {
                added.add(e.getKey());
            } else if (old != e.getValue()) {
                replaced.add(e.getKey());
            }
        }
        for (String kid : before.keySet()) {
            if (!after.containsKey(kid)) {
                removed.add(kid);
            }
        }
        List<String> parts = new ArrayList<>();
        if (!added.isEmpty()) {
            parts.add("added " + kids(added));
        }
        if (!removed.isEmpty()) {
            parts.add("removed " + kids(removed));
        }
        if (!replaced.isEmpty()) {
            parts.add("replaced " + kids(replaced));
        }
        return String.join(", ", parts);
    }

    /** At most ten {@code kid}s, each sanitised (they come from the source, untrusted). */
    private static String kids(java.util.Collection<String> kids) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (String kid : kids) {
            if (i == 10) {
                sb.append(" and ").append(kids.size() - 10).append(" more");
                break;
            }
            sb.append(i++ == 0 ? "" : " ").append(Sanitizer.field(kid));
        }
        return sb.toString();
    }

    private static String describe(Throwable error) {
        Throwable t = error;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        if (t == null) {
            return "no answer";
        }
        if (t instanceof KeyLoadException) {
            return t.getMessage();
        }
        return describeIoFailure(t);
    }

    /** A failure of the network or the file system as one short sentence (no stack, no secrets). */
    static String describeIoFailure(Throwable t) {
        if (t instanceof java.net.http.HttpConnectTimeoutException) {
            return "no connection within the connect timeout";
        }
        if (t instanceof java.net.http.HttpTimeoutException || t instanceof TimeoutException) {
            return "no complete answer within the timeout";
        }
        if (t instanceof java.io.EOFException
                || (t.getMessage() != null && t.getMessage().contains("bytes received"))) {
            return "the answer was cut short (the connection closed before its end)";
        }
        if (t instanceof java.net.ConnectException) {
            return "connection refused or unreachable";
        }
        if (t instanceof javax.net.ssl.SSLException) {
            return "TLS failed (" + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()) + ")";
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private void scheduleLocked(Duration delay) {
        if (closed) {
            return;
        }
        if (next != null) {
            next.cancel(false);
        }
        long generation = ++scheduled;
        try {
            next = scheduler.schedule(() -> scheduledLoad(generation), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            next = null; // the scheduler was shut down by its owner: no more background loads
        }
    }

    private KeySourceEvent report(KeySourceEvent.Kind kind, Snapshot s, String detail, Duration elapsed) {
        KeySourceEvent e = new KeySourceEvent(source(), kind, s == null ? 0 : s.byKid.size(),
                s == null ? null : s.loadedAt, detail, elapsed);
        BearerguardListener l = settings.listener();
        if (l != BearerguardListener.NONE) {
            Listeners.safely(() -> l.keySource(e));
        }
        return e;
    }

    // ---------------------------------------------------------------- status

    Health health() {
        Snapshot s = snapshot;
        if (s == null) {
            return Health.notReady("no key set loaded yet from " + source() + failureSuffix());
        }
        if (isStale(s, settings.clock().instant())) {
            return Health.notReady("the keys from " + source() + " were loaded at " + s.loadedAt + ", more than "
                    + settings.maxStaleness() + " ago" + failureSuffix());
        }
        return Health.READY;
    }

    /** The keys in force (empty before the first load), in load order. */
    KeySet keys() {
        Snapshot s = snapshot;
        return s == null ? KeySet.of() : KeySet.of(s.byKid.values());
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (next != null) {
                next.cancel(false);
                next = null;
            }
        }
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
    }
}
