package dev.bearerguard.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.bearerguard.core.VerifierUnavailableException;
import dev.bearerguard.core.replay.ReplayCache;
import dev.bearerguard.core.replay.ReplayCache.Outcome;
import dev.bearerguard.core.replay.ReplayRecord;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The replay-cache contract for a store behind a server (Redis): every rule of {@link
 * ReplayCacheContractTest}, and the store's outages — while it cannot be reached it fails closed,
 * quickly (within its timeout, never a hung request), for new and live {@code jti}s alike, and when
 * it is back it answers again without a restart, with the records it held.
 */
public abstract class ReplayStoreContractTest extends ReplayCacheContractTest {

    /** Cuts the store off (stops its server); {@link ReplayCache#record} must then fail closed. */
    protected abstract void makeUnavailable() throws Exception;

    /** Undoes {@link #makeUnavailable}: the server is back, with its data. */
    protected abstract void restore() throws Exception;

    /** How soon after {@link #restore} the store must answer again, without a restart: 5 s by default. */
    protected Duration recoveryBound() {
        return Duration.ofSeconds(5);
    }

    private boolean cutOff;

    @AfterEach
    final void restoreIfCutOff() throws Exception {
        if (cutOff) {
            cutOff = false;
            restore();
        }
    }

    // ---------------------------------------------------------------- a store that is down

    @Test
    void recordWhenTheStoreIsDownThenFailsClosedQuicklyAndRecoversWhenItIsBack() throws Exception {
        ReplayCache cache = newCache(clock, 1000, 0.5);
        ReplayRecord before = fresh();
        assertThat(cache.record(before)).isEqualTo(Outcome.FIRST_USE);
        cutOff = true;
        makeUnavailable();
        ReplayRecord during = fresh();
        long started = System.nanoTime();
        Throwable t = catchThrowable(() -> cache.record(during));
        assertThat(t).isInstanceOf(VerifierUnavailableException.class);
        assertThat(t.getMessage()).doesNotContain(during.jti());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("fails within its timeout, not hangs")
                .isLessThan(Duration.ofSeconds(10));
        assertThatThrownBy(() -> cache.record(before)).as("no answer for a live jti either")
                .isInstanceOf(VerifierUnavailableException.class);
        cutOff = false;
        restore();
        // The client reconnects by itself: wait (boundedly) for the first answer, which must be the
        // record made before the outage.
        long back = System.nanoTime();
        Outcome first = null;
        while (first == null) {
            try {
                first = cache.record(before);
            } catch (VerifierUnavailableException e) {
                assertThat(Duration.ofNanos(System.nanoTime() - back)).as("answers again within the recovery bound")
                        .isLessThan(recoveryBound());
                java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(10));
            }
        }
        assertThat(first).as("the record made before the outage is still there").isEqualTo(Outcome.SAME_TOKEN);
        assertThat(cache.record(fresh())).isEqualTo(Outcome.FIRST_USE);
    }

}
