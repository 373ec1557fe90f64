package dev.bearerguard.core.keys;

import dev.bearerguard.core.observe.BearerguardListener;
import dev.bearerguard.core.observe.Health;
import dev.bearerguard.core.observe.KeySourceEvent;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Trusted keys read from a folder of key files (PEM, JWK, JWKS; the files {@link KeyLoader#load}
 * reads from a directory), kept up to date while the API runs: an added, changed or removed file is
 * picked up without a restart. Built by {@link #builder(Path)}.
 *
 * <h2>Picking up changes</h2>
 * A {@link WatchService} on the folder rescans it when an entry is created, changed or deleted (a
 * Kubernetes volume's symbolic-link swap included); a periodic rescan (default every minute) is the
 * fallback for file systems that send no events (NFS, some container mounts). A token with an
 * unknown {@code kid} may trigger one rescan, rate-limited as for {@link JwksKeyResolver}.
 *
 * <h2>A bad file does not drop the good set</h2>
 * Each file is read on its own. A file that cannot be read or holds a bad key (half written,
 * private, weak, off its curve) is logged and its keys from its last good read, if any, stay in
 * force, so a file being rewritten never takes its key away in between; the other files' keys are
 * used as they are. A deleted file's keys are gone after the rescan. A folder that is missing,
 * cannot be listed, or holds no usable key counts as an outage, never as "trust nothing": the last
 * good set stays in force up to the maximum staleness (default 24 h) — to revoke every key, stop
 * the server. Before the first good scan the folder answers 503.
 *
 * <h2>Stable keys</h2>
 * As for {@link JwksKeyResolver}: a key unchanged by a rescan stays the same {@link TrustedKey}
 * object; a removed key is refused from the next request. Key restrictions apply by {@code kid}.
 *
 * <p>Thread-safe. {@link #close()} stops the watch and the periodic rescan.
 */
public final class WatchedKeyFolder implements KeyResolver, AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.bearerguard.keys");

    private final Path folder;
    private final Duration rescanInterval;
    private final RefreshingKeys keys;
    private final WatchService watch;
    private final Thread watcher;
    private final Object scanLock = new Object();
    /** Each file's keys from its last good read (guarded by scanLock). */
    private Map<Path, List<TrustedKey>> lastGood = Map.of();
    /** The folder's registration with the watch service (guarded by scanLock); null when not watched. */
    private WatchKey watchKey;
    private volatile boolean closed;

    private WatchedKeyFolder(Builder b, WatchService watch) {
        this.folder = b.folder;
        this.rescanInterval = b.rescanInterval;
        this.watch = watch;
        boolean own = b.scheduler == null;
        ScheduledExecutorService scheduler = own ? newScheduler() : b.scheduler;
        RefreshingKeys.Settings settings = new RefreshingKeys.Settings(b.folder.toString(), b.clock, b.listener,
                b.restrictions, b.refreshInterval, b.maxStaleness, b.scanTimeout, b.rescanInterval);
        this.keys = new RefreshingKeys(settings, this::scan, scheduler, own);
        this.watcher = watch == null ? null : newWatcher();
    }

    private static ScheduledExecutorService newScheduler() {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName("bearerguard-key-folder-rescan");
            t.setDaemon(true);
            return t;
        });
        s.setRemoveOnCancelPolicy(true);
        return s;
    }

    private Thread newWatcher() {
        Thread t = new Thread(this::watchLoop, "bearerguard-key-folder-watch");
        t.setDaemon(true);
        return t;
    }

    /**
     * A builder for the folder {@code folder} (which need not exist yet: until it does, the
     * resolver answers 503).
     */
    public static Builder builder(Path folder) {
        return new Builder(folder);
    }

    /**
     * @throws dev.bearerguard.core.VerifierUnavailableException before the first good scan, once
     *     the set is past its maximum staleness, or for an unknown {@code kid} while the folder
     *     cannot be read
     */
    @Override
    public Optional<TrustedKey> resolve(String kid) {
        return keys.resolve(kid);
    }

    /** Not ready before the first good scan and once the set is past its maximum staleness. */
    @Override
    public Health health() {
        return keys.health();
    }

    /**
     * Rescans the folder now, on the calling thread, and returns what the scan did (after any scan
     * in flight, so the answer reflects the folder as of this call). Not rate-limited.
     *
     * @return {@link KeySourceEvent.Kind#LOADED} or {@link KeySourceEvent.Kind#FAILED} with the reason
     * @throws IllegalStateException if the folder is closed
     */
    public KeySourceEvent refresh() {
        return keys.refresh();
    }

    /** The keys in force now; empty before the first good scan. */
    public KeySet keys() {
        return keys.keys();
    }

    /** The folder. */
    public Path folder() {
        return folder;
    }

    /** Stops the watch and the periodic rescan. */
    @Override
    public void close() {
        closed = true;
        keys.close();
        if (watch != null) {
            try {
                watch.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }

    @Override
    public String toString() {
        return "WatchedKeyFolder[" + folder + "]";
    }

    // ---------------------------------------------------------------- scanning

    private CompletableFuture<RefreshingKeys.Load> scan() {
        try {
            return CompletableFuture.completedFuture(scanNow());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private RefreshingKeys.Load scanNow() {
        synchronized (scanLock) {
            if (!Files.isDirectory(folder)) {
                throw new KeyLoadException("the folder does not exist (or is not a folder)");
            }
            watchIfNeeded();
            List<Path> files = KeyLoader.keyFiles(folder);
            if (files.isEmpty()) {
                throw new KeyLoadException("the folder holds no key file");
            }
            Map<Path, List<TrustedKey>> good = new HashMap<>();
            List<TrustedKey> all = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (Path f : files) {
                List<TrustedKey> read;
                try {
                    read = KeyLoader.loadFile(f);
                } catch (KeyLoadException e) {
                    read = lastGood.get(f);
                    // the log line names the folder; the file by its name keeps the sentence short
                    String why = String.valueOf(e.getMessage()).replace(f.toString(), f.getFileName().toString());
                    problems.add(why + (read == null ? "" : "; kept from its last good read"));
                }
                if (read != null) {
                    good.put(f, read);
                    all.addAll(read);
                }
            }
            lastGood = Map.copyOf(good);
            return new RefreshingKeys.Load(all, rescanInterval, problems);
        }
    }

    /** Registers the folder with the watch service when it is not (yet, or any more) watched. */
    private void watchIfNeeded() {
        if (watch == null || closed || (watchKey != null && watchKey.isValid())) {
            return;
        }
        try {
            watchKey = folder.register(watch, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException | ClosedWatchServiceException | UnsupportedOperationException e) {
            watchKey = null;
            LOG.log(System.Logger.Level.DEBUG, () -> "bearerguard: cannot watch " + folder + " ("
                    + e.getClass().getSimpleName() + "); the periodic rescan picks up changes");
        }
    }

    private void watchLoop() {
        while (!closed) {
            WatchKey key;
            try {
                key = watch.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            key.pollEvents();
            key.reset(); // an invalid key (folder gone) is registered again by the next good scan
            if (!closed) {
                try {
                    keys.refresh();
                } catch (IllegalStateException closedMeanwhile) {
                    return;
                }
            }
        }
    }

    // ---------------------------------------------------------------- builder

    /** Builds a {@link WatchedKeyFolder}. Not thread-safe; build on one thread. */
    public static final class Builder {
        private final Path folder;
        private Clock clock = Clock.systemUTC();
        private BearerguardListener listener = BearerguardListener.NONE;
        private List<KeyRestrictionRule> restrictions = List.of();
        private Duration refreshInterval = Duration.ofSeconds(30);
        private Duration rescanInterval = Duration.ofMinutes(1);
        private Duration maxStaleness = Duration.ofHours(24);
        private Duration scanTimeout = Duration.ofSeconds(10);
        private ScheduledExecutorService scheduler;
        private boolean watch = true;

        private Builder(Path folder) {
            this.folder = Objects.requireNonNull(folder, "folder");
        }

        /** The clock every time decision reads; default UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where scans, failures, staleness and unknown-{@code kid} refusals are reported; default none. */
        public Builder listener(BearerguardListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Restrictions by {@code kid} ({@code key-restrictions}). */
        public Builder restrictions(List<KeyRestrictionRule> rules) {
            this.restrictions = List.copyOf(rules);
            return this;
        }

        /** The least time between two rescans an unknown {@code kid} may trigger; default 30 s. @throws IllegalArgumentException if not positive */
        public Builder refreshInterval(Duration d) {
            this.refreshInterval = RefreshingKeys.positive(d, "refreshInterval");
            return this;
        }

        /** How often the folder is rescanned whatever the watch service says; default 1 min. @throws IllegalArgumentException if not positive */
        public Builder rescanInterval(Duration d) {
            this.rescanInterval = RefreshingKeys.positive(d, "rescanInterval");
            return this;
        }

        /** How long after the last good scan the set stays in force while the folder cannot be read; default 24 h. @throws IllegalArgumentException if not positive */
        public Builder maxStaleness(Duration d) {
            this.maxStaleness = RefreshingKeys.positive(d, "maxStaleness");
            return this;
        }

        /** Whether a {@link WatchService} triggers rescans (default true); without it only the periodic rescan does. */
        public Builder watch(boolean watch) {
            this.watch = watch;
            return this;
        }

        /** Where periodic rescans run; default a daemon thread of the folder's own, stopped by {@link #close()}. */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Builds the resolver, scans the folder once on the calling thread (so a good folder's keys
         * are in force when this returns; a bad one is logged and answered with 503 until it is
         * fixed), and starts the watch and the periodic rescan.
         *
         * @throws IllegalArgumentException if the maximum staleness does not exceed the rescan interval
         */
        public WatchedKeyFolder build() {
            if (maxStaleness.compareTo(rescanInterval) <= 0) {
                throw new IllegalArgumentException("maxStaleness (" + maxStaleness
                        + ") must exceed the rescan interval (" + rescanInterval + ")");
            }
            WatchService ws = null;
            if (watch) {
                try {
                    ws = folder.getFileSystem().newWatchService();
                } catch (IOException | UnsupportedOperationException e) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "bearerguard: no watch service for " + folder
                            + "; the periodic rescan picks up changes");
                }
            }
            WatchedKeyFolder f = new WatchedKeyFolder(this, ws);
            f.keys.refresh();
            if (f.watcher != null) {
                f.watcher.start();
            }
            return f;
        }
    }
}
