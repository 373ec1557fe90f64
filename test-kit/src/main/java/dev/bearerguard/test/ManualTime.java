package dev.bearerguard.test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Time a test moves by hand: a {@link Clock} and a {@link ScheduledExecutorService} on it. A task
 * scheduled with a delay runs when the test {@link #advance}s the clock past its time, on the test's
 * thread, in time order, with the clock set to the task's time while it runs — so a refresh "every
 * five minutes" happens exactly when the test says, and never on its own.
 *
 * <p>Thread-safe: other threads may schedule tasks and read the clock while the test advances it,
 * and advances from several threads add up (they run one at a time).
 * Only one-shot {@code schedule} is supported (the periodic forms throw); {@link #execute} runs the
 * task at once.
 */
public final class ManualTime extends AbstractExecutorService implements ScheduledExecutorService {

    private final Object lock = new Object();
    /** Serialises advances, so two threads moving the clock at once both count. */
    private final Object advancing = new Object();
    private final List<Task<?>> tasks = new ArrayList<>();
    private long sequence;
    private volatile boolean shutdown;

    private final ManualClock clock;

    /** @param start the clock's first reading */
    public ManualTime(Instant start) {
        this.clock = new ManualClock(start);
    }

    /** Starts at 2026-03-01T10:00:00Z. */
    public ManualTime() {
        this(Instant.parse("2026-03-01T10:00:00Z"));
    }

    /** The clock. */
    public ManualClock clock() {
        return clock;
    }

    /** The clock's reading. */
    public Instant now() {
        return clock.instant();
    }

    /**
     * Moves the clock forward by {@code d}, running every task that falls due on the way (those it
     * schedules too), each at its own time.
     */
    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time does not go back");
        }
        synchronized (advancing) {
            advanceTo(d);
        }
    }

    private void advanceTo(Duration d) {
        Instant target;
        synchronized (lock) {
            target = clock.instant().plus(d);
        }
        while (true) {
            Task<?> due;
            synchronized (lock) {
                due = tasks.stream().filter(t -> !t.at.isAfter(target))
                        .min(Comparator.<Task<?>, Instant>comparing(t -> t.at).thenComparingLong(t -> t.seq))
                        .orElse(null);
                if (due == null) {
                    if (clock.instant().isBefore(target)) {
                        clock.set(target);
                    }
                    return;
                }
                tasks.remove(due);
                if (due.at.isAfter(clock.instant())) {
                    clock.set(due.at);
                }
            }
            due.run();
        }
    }

    /** Runs the tasks due now (a zero advance). */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** How many tasks wait to fall due. */
    public int pending() {
        synchronized (lock) {
            return tasks.size();
        }
    }

    /** When the next task falls due, if one waits. */
    public java.util.Optional<Instant> nextDue() {
        synchronized (lock) {
            return tasks.stream().map(t -> t.at).min(Comparator.naturalOrder());
        }
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(() -> {
            command.run();
            return null;
        }, delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return add(callable, delay, unit);
    }

    private <V> ScheduledFuture<V> add(Callable<V> callable, long delay, TimeUnit unit) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }
        synchronized (lock) {
            Task<V> t = new Task<>(callable, clock.instant().plusNanos(Math.max(0, unit.toNanos(delay))), sequence++);
            tasks.add(t);
            return t;
        }
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("ManualTime runs one-shot tasks only");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("ManualTime runs one-shot tasks only");
    }

    @Override
    public void execute(Runnable command) {
        command.run();
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        synchronized (lock) {
            tasks.clear();
        }
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return shutdown;
    }

    private final class Task<V> implements ScheduledFuture<V> {
        final Callable<V> callable;
        final Instant at;
        final long seq;
        final CompletableFuture<V> result = new CompletableFuture<>();

        Task(Callable<V> callable, Instant at, long seq) {
            this.callable = callable;
            this.at = at;
            this.seq = seq;
        }

        void run() {
            if (result.isDone()) {
                return;
            }
            try {
                result.complete(callable.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(clock.instant(), at));
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            synchronized (lock) {
                tasks.remove(this);
            }
            return result.cancel(mayInterruptIfRunning);
        }

        @Override
        public boolean isCancelled() {
            return result.isCancelled();
        }

        @Override
        public boolean isDone() {
            return result.isDone();
        }

        @Override
        public V get() throws InterruptedException, ExecutionException {
            return result.get();
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            return result.get(timeout, unit);
        }
    }
}
