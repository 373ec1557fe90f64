package dev.bearerguard.core;

import dev.bearerguard.test.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.keys.KeyTables;
import dev.bearerguard.core.observe.BearerguardListener;
import dev.bearerguard.core.observe.ReplayEvent;
import dev.bearerguard.core.observe.VerificationEvent;
import dev.bearerguard.core.replay.ReplayCache;
import dev.bearerguard.test.TokenSigner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the verifier reports to its listener, and that a listener cannot change a decision. */
class TokenVerifierListenerTest {

    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    final TokenSigner signer = TestKeys.signer().withClock(clock);
    final List<VerificationEvent> verifications = new CopyOnWriteArrayList<>();
    final List<ReplayEvent> replays = new CopyOnWriteArrayList<>();
    final BearerguardListener recording = new BearerguardListener() {
        @Override
        public void verified(VerificationEvent event) {
            verifications.add(event);
        }

        @Override
        public void replayRecorded(ReplayEvent event) {
            replays.add(event);
        }
    };

    TokenVerifier.Builder builder() {
        return TokenVerifier.builder().keys(TestKeys.keySet()).clock(clock).listener(recording);
    }

    @Test
    void verifyWhenAcceptedThenRefusedThenEachIsReportedWithItsReasonKidAndTiming() throws Exception {
        TokenVerifier v = builder().build();
        String token = signer.token().sign();
        v.verify(token);
        assertThatThrownBy(() -> v.verify(token)).isInstanceOf(TokenRejectedException.class);
        assertThat(verifications).hasSize(2);
        VerificationEvent ok = verifications.get(0);
        assertThat(ok.outcome()).isEqualTo(VerificationEvent.Outcome.ACCEPTED);
        assertThat(ok.kid()).isEqualTo(signer.kid());
        assertThat(ok.reason()).isNull();
        assertThat(ok.nanos()).isPositive();
        VerificationEvent replayed = verifications.get(1);
        assertThat(replayed.outcome()).isEqualTo(VerificationEvent.Outcome.REFUSED);
        assertThat(replayed.reason()).isEqualTo(Reason.REPLAYED);
        assertThat(replays).extracting(ReplayEvent::outcome)
                .containsExactly(ReplayCache.Outcome.FIRST_USE, ReplayCache.Outcome.SAME_TOKEN);
        assertThat(replays).allMatch(e -> e.kid().equals(signer.kid()) && e.nanos() >= 0);
    }

    @Test
    void verifyWhenTheReplayStoreIsDownThenUnavailableAndAFailedReplayEvent() {
        TokenVerifier v = builder().replayCache(r -> {
            throw new VerifierUnavailableException("store down");
        }).build();
        assertThatThrownBy(() -> v.verify(signer.token().sign())).isInstanceOf(VerifierUnavailableException.class);
        assertThat(verifications).extracting(VerificationEvent::outcome).containsExactly(VerificationEvent.Outcome.UNAVAILABLE);
        assertThat(replays).singleElement().matches(ReplayEvent::failed);
    }

    @Test
    void verifyWhenTheVerifiedTokenCacheAnswersThenTheEventSaysCached() throws Exception {
        TokenVerifier v = builder().verifiedTokenCache(10).build();
        String embed = signer.token().scopes("embed").lifetime(Duration.ofHours(1)).sign();
        v.verify(embed);
        v.verify(embed);
        assertThat(verifications).extracting(VerificationEvent::cached).containsExactly(false, true);
    }

    @Test
    void verifyWhenTheListenerThrowsThenTheDecisionStands() throws Exception {
        TokenVerifier v = TokenVerifier.builder().keys(TestKeys.keySet()).clock(clock).listener(new BearerguardListener() {
            @Override
            public void verified(VerificationEvent event) {
                throw new IllegalStateException("broken metrics");
            }

            @Override
            public void replayRecorded(ReplayEvent event) {
                throw new IllegalStateException("broken metrics");
            }
        }).build();
        String token = signer.token().sign();
        assertThat(v.verify(token).jti()).isPresent();
        assertThatThrownBy(() -> v.verify(token)).isInstanceOf(TokenRejectedException.class);
    }

    @Test
    void allWhenSeveralListenersThenEachHearsEveryEventEvenIfOneThrows() throws Exception {
        AtomicInteger second = new AtomicInteger();
        BearerguardListener throwing = new BearerguardListener() {
            @Override
            public void verified(VerificationEvent event) {
                throw new IllegalStateException("first is broken");
            }
        };
        BearerguardListener counting = new BearerguardListener() {
            @Override
            public void verified(VerificationEvent event) {
                second.incrementAndGet();
            }
        };
        TokenVerifier v = TokenVerifier.builder().keys(TestKeys.keySet()).clock(clock)
                .listener(BearerguardListener.all(throwing, counting)).build();
        v.verify(signer.token().sign());
        assertThat(second).hasValue(1);
        assertThat(BearerguardListener.all()).isSameAs(BearerguardListener.NONE);
    }

    @Test
    void keyTablesWhenInjectedThenTablesAreBuiltOnTheGivenExecutorAndNoneMeansNone() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        KeyTables own = KeyTables.of(64L << 20, task -> {
            builds.incrementAndGet();
            task.run();
        });
        TokenVerifier v = TokenVerifier.builder().keys(TestKeys.keySet()).clock(clock).keyTables(own).build();
        v.verify(signer.token().sign());
        v.verify(signer.token().sign());
        assertThat(builds).hasValue(1);
        assertThat(own.usedBytes()).isPositive();
        assertThat(v.keyTables()).isSameAs(own);

        TokenVerifier plain = TokenVerifier.builder().keys(TestKeys.keySet()).clock(clock).keyTables(KeyTables.none()).build();
        plain.verify(signer.token().sign());
        assertThat(KeyTables.none().usedBytes()).isZero();
        assertThat(TokenVerifier.builder().keys(TestKeys.keySet()).build().keyTables()).isSameAs(KeyTables.defaults());
    }

    @Test
    void healthWhenKeysAndStoreAreReadyThenReadyElseTheirProblems() {
        assertThat(TokenVerifier.builder().keys(TestKeys.keySet()).build().health().ready()).isTrue();
        dev.bearerguard.core.keys.KeyResolver stale = new dev.bearerguard.core.keys.KeyResolver() {
            @Override
            public java.util.Optional<dev.bearerguard.core.keys.TrustedKey> resolve(String kid) {
                return java.util.Optional.empty();
            }

            @Override
            public dev.bearerguard.core.observe.Health health() {
                return dev.bearerguard.core.observe.Health.notReady("key set is 25 h old");
            }
        };
        ReplayCache down = new ReplayCache() {
            @Override
            public Outcome record(dev.bearerguard.core.replay.ReplayRecord record) {
                throw new VerifierUnavailableException("down");
            }

            @Override
            public dev.bearerguard.core.observe.Health health() {
                return dev.bearerguard.core.observe.Health.notReady("replay store unreachable");
            }
        };
        TokenVerifier v = TokenVerifier.builder().keys(stale).replayCache(down).build();
        assertThat(v.health().ready()).isFalse();
        assertThat(v.health().problems()).containsExactly("key set is 25 h old", "replay store unreachable");
        TokenVerifier noReplay = TokenVerifier.builder().keys(TestKeys.keySet()).replayCache(down)
                .replayPolicy(dev.bearerguard.core.replay.ReplayPolicy.OFF).build();
        assertThat(noReplay.health().ready()).as("a store the policy never asks does not count").isTrue();
    }
}
