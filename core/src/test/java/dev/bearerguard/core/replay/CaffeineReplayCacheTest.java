package dev.bearerguard.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.MutableClock;
import dev.bearerguard.core.VerifierUnavailableException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CaffeineReplayCacheTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));

    @Test
    void recordWhenFirstThenSameThenOtherToken() {
        CaffeineReplayCache c = CaffeineReplayCache.create(clock, 10);
        Instant until = clock.instant().plusSeconds(60);
        assertThat(c.record("j", 1, until)).isEqualTo(ReplayCache.Outcome.FIRST_USE);
        assertThat(c.record("j", 1, until)).isEqualTo(ReplayCache.Outcome.SAME_TOKEN);
        assertThat(c.record("j", 2, until)).isEqualTo(ReplayCache.Outcome.OTHER_TOKEN);
    }

    @Test
    void recordWhenEntryExpiredThenFirstUseAgain() {
        CaffeineReplayCache c = CaffeineReplayCache.create(clock, 10);
        c.record("j", 1, clock.instant().plusSeconds(60));
        clock.advance(Duration.ofSeconds(59));
        assertThat(c.record("j", 2, clock.instant().plusSeconds(60))).isEqualTo(ReplayCache.Outcome.OTHER_TOKEN);
        clock.advance(Duration.ofSeconds(2));
        assertThat(c.record("j", 2, clock.instant().plusSeconds(60))).isEqualTo(ReplayCache.Outcome.FIRST_USE);
    }

    @Test
    void recordWhenFullOfLiveEntriesThenFailsClosed() {
        CaffeineReplayCache c = CaffeineReplayCache.create(clock, 2);
        Instant until = clock.instant().plusSeconds(60);
        c.record("a", 1, until);
        c.record("b", 1, until);
        assertThatThrownBy(() -> c.record("c", 1, until)).isInstanceOf(VerifierUnavailableException.class)
                .hasMessageContaining("full");
        // An already-recorded jti is still refused rather than forgotten.
        assertThat(c.record("a", 2, until)).isEqualTo(ReplayCache.Outcome.OTHER_TOKEN);
    }

    @Test
    void recordWhenFullButEntriesExpiredThenRoomAgain() {
        CaffeineReplayCache c = CaffeineReplayCache.create(clock, 2);
        c.record("a", 1, clock.instant().plusSeconds(10));
        c.record("b", 1, clock.instant().plusSeconds(10));
        clock.advance(Duration.ofSeconds(11));
        assertThat(c.record("c", 1, clock.instant().plusSeconds(10))).isEqualTo(ReplayCache.Outcome.FIRST_USE);
        assertThat(c.size()).isEqualTo(1);
    }

    @Test
    void createWhenBadSizeThenRefused() {
        assertThatThrownBy(() -> CaffeineReplayCache.create(clock, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sizeWhenEntriesExpiredThenCountsOnlyLiveOnes() {
        CaffeineReplayCache c = CaffeineReplayCache.create(clock, 10);
        c.record("a", 1, clock.instant().plusSeconds(10));
        c.record("b", 2, clock.instant().plusSeconds(100));
        assertThat(c.size()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(11));
        assertThat(c.size()).isEqualTo(1);
    }

    @Test
    void createWithoutArgumentsThenAWorkingCacheOnTheSystemClock() {
        CaffeineReplayCache c = CaffeineReplayCache.create();
        Instant until = Instant.now().plusSeconds(60);
        assertThat(c.record("j", 1, until)).isEqualTo(ReplayCache.Outcome.FIRST_USE);
        assertThat(c.record("j", 1, until)).isEqualTo(ReplayCache.Outcome.SAME_TOKEN);
    }
}
