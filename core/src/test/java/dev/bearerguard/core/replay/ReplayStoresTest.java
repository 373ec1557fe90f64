package dev.bearerguard.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.limit.InMemoryRateLimiter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReplayStoresTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-15T12:00:00Z"), ZoneOffset.UTC);
    static final AtomicReference<ReplayStoreRequest> LAST = new AtomicReference<>();

    /** A provider this test module installs through META-INF/services, as a store module would. */
    public static final class FakeProvider implements ReplayStoreProvider {
        @Override
        public Set<String> schemes() {
            return Set.of("fake", "fakes");
        }

        @Override
        public ReplayStore open(ReplayStoreRequest request) {
            LAST.set(request);
            return ReplayStore.of(r -> ReplayCache.Outcome.FIRST_USE, InMemoryRateLimiter.create(request.clock()));
        }
    }

    @Test
    void openWhenASchemeIsInstalledThenItsProviderGetsTheRequestWithClockAndPassword() {
        ReplayStore store = ReplayStores.open(ReplayStoreRequest.of("FAKES://h:1/0?x=1", CLOCK).withPassword("pw"));
        assertThat(LAST.get().location()).isEqualTo("FAKES://h:1/0?x=1");
        assertThat(LAST.get().clock()).isSameAs(CLOCK);
        assertThat(LAST.get().password()).contains("pw");
        assertThat(store.replayCache().record(new ReplayRecord("j", "k", 1, Instant.EPOCH, Instant.MAX, true)))
                .isEqualTo(ReplayCache.Outcome.FIRST_USE);
    }

    @Test
    void openWhenTheSchemeIsUnknownThenTheMessageNamesTheInstalledSchemes() {
        assertThatThrownBy(() -> ReplayStores.open(ReplayStoreRequest.of("redis://127.0.0.1:6379/0", CLOCK)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redis:")
                .hasMessageContaining("installed: fake, fakes, memory")
                .hasMessageContaining("bearerguard-replay-redis");
        assertThat(ReplayStores.schemes()).containsExactly("fake", "fakes", "memory");
    }

    @Test
    void openWhenMemoryThenAnInMemoryCacheOnTheGivenClock() {
        ReplayStore store = ReplayStores.open(ReplayStoreRequest.of("memory:", CLOCK));
        assertThat(store.replayCache()).isInstanceOf(CaffeineReplayCache.class);
        ReplayRecord r = new ReplayRecord("j", "k", 1, Instant.EPOCH, CLOCK.instant().plusSeconds(1), true);
        assertThat(store.replayCache().record(r)).isEqualTo(ReplayCache.Outcome.FIRST_USE);
        assertThat(store.replayCache().record(r)).isEqualTo(ReplayCache.Outcome.SAME_TOKEN);
        assertThat(store.rateLimiter()).isInstanceOf(InMemoryRateLimiter.class);
        store.close();
    }

    @Test
    void openWhenMemoryHasOptionsThenRefusedByName() {
        assertThatThrownBy(() -> ReplayStores.open(ReplayStoreRequest.of("memory:big", CLOCK)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes no options");
    }
}
