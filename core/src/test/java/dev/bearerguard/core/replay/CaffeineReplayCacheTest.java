package dev.bearerguard.core.replay;

import dev.bearerguard.test.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.VerifierUnavailableException;
import dev.bearerguard.core.replay.ReplayCache.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What is particular to the in-memory cache: its layout, its size, its bound and share arithmetic.
 * The rules every replay cache follows are checked by {@code CaffeineReplayCacheContractTest} in the
 * contract-tests module.
 */
class CaffeineReplayCacheTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    private final ManualClock clock = new ManualClock(T0);

    private static ReplayRecord rec(String jti, String kid, long fingerprint, Instant until) {
        return new ReplayRecord(jti, kid, fingerprint, T0, until, true);
    }

    @Test
    void recordWhenManyDistinctJtisThenNoneIsTakenForAnother() {
        CaffeineReplayCache cache = CaffeineReplayCache.create(clock, 200_000, 1);
        for (int i = 0; i < 100_000; i++) {
            assertThat(cache.record(rec(UUID.randomUUID().toString(), "k", i, T0.plusSeconds(60)))).isEqualTo(Outcome.FIRST_USE);
        }
        assertThat(cache.size()).isEqualTo(100_000);
    }

    @Test
    void recordWhenEntriesExpireThenSizeCountsOnlyLiveOnes() {
        CaffeineReplayCache cache = CaffeineReplayCache.create(clock, 10);
        cache.record(rec("a", "k", 1, T0.plusSeconds(10)));
        cache.record(rec("b", "k", 1, T0.plusSeconds(20)));
        clock.advance(Duration.ofSeconds(10));
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void recordWhenUntilIsPastThenExpiredAndNothingIsStored() {
        CaffeineReplayCache cache = CaffeineReplayCache.create(clock, 10);
        assertThat(cache.record(rec("j", "k", 1, T0))).isEqualTo(Outcome.EXPIRED);
        assertThat(cache.size()).isZero();
    }

    @Test
    void perKeyLimitIsTheShareOfTheRoomRoundedDownAndAtLeastOne() {
        assertThat(CaffeineReplayCache.create(clock, CaffeineReplayCache.DEFAULT_MAXIMUM_SIZE).perKeyLimit())
                .isEqualTo(500_000);
        assertThat(CaffeineReplayCache.create(clock, 7, 0.5).perKeyLimit()).isEqualTo(3);
        assertThat(CaffeineReplayCache.create(clock, 3, 0.01).perKeyLimit()).isEqualTo(1);
        assertThat(CaffeineReplayCache.create(clock, 3, 1).perKeyLimit()).isEqualTo(3);
    }

    @Test
    void recordWhenAKeyIsOverItsShareThenTheMessageNamesTheKeyAndNotTheJti() {
        CaffeineReplayCache cache = CaffeineReplayCache.create(clock, 2, 0.5);
        cache.record(rec("first-jti", "kid-1", 1, T0.plusSeconds(60)));
        assertThatThrownBy(() -> cache.record(rec("second-jti", "kid-1", 1, T0.plusSeconds(60))))
                .isInstanceOf(VerifierUnavailableException.class)
                .hasMessageContaining("kid-1").hasMessageContaining("share").hasMessageNotContaining("second-jti");
    }

    @Test
    void recordWhenARaceLosesThePutThenTheKeyCountIsNotInflated() {
        CaffeineReplayCache cache = CaffeineReplayCache.create(clock, 4, 0.5);
        cache.record(rec("j", "kid-1", 1, T0.plusSeconds(60)));
        for (int i = 0; i < 10; i++) {
            assertThat(cache.record(rec("j", "kid-1", 1, T0.plusSeconds(60)))).isEqualTo(Outcome.SAME_TOKEN);
        }
        assertThat(cache.record(rec("j2", "kid-1", 1, T0.plusSeconds(60)))).isEqualTo(Outcome.FIRST_USE);
    }

    @Test
    void createWhenBadSizeOrShareThenRefused() {
        assertThatThrownBy(() -> CaffeineReplayCache.create(clock, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CaffeineReplayCache.create(clock, 10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CaffeineReplayCache.create(clock, 10, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CaffeineReplayCache.create(clock, 10, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sizeWhenEntriesExpiredThenCountsOnlyLiveOnes() {
        CaffeineReplayCache c = CaffeineReplayCache.create(clock, 10);
        c.record(rec("a", "k", 1, clock.instant().plusSeconds(10)));
        c.record(rec("b", "k", 2, clock.instant().plusSeconds(100)));
        assertThat(c.size()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(11));
        assertThat(c.size()).isEqualTo(1);
    }

    @Test
    void createWithoutArgumentsThenAWorkingCacheOnTheSystemClock() {
        CaffeineReplayCache c = CaffeineReplayCache.create();
        Instant until = Instant.now().plusSeconds(60);
        assertThat(c.record(new ReplayRecord("j", "k", 1, Instant.now(), until, true))).isEqualTo(ReplayCache.Outcome.FIRST_USE);
        assertThat(c.record(new ReplayRecord("j", "k", 1, Instant.now(), until, true))).isEqualTo(ReplayCache.Outcome.SAME_TOKEN);
    }
}
