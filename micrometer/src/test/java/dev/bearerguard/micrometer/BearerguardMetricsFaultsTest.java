package dev.bearerguard.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.test.JwksServer;
import dev.bearerguard.test.TestKey;
import dev.bearerguard.contract.RedisServer;
import dev.bearerguard.core.Algorithm;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.VerifierUnavailableException;
import dev.bearerguard.core.keys.JwksKeyResolver;
import dev.bearerguard.core.observe.KeySourceEvent;
import dev.bearerguard.replay.redis.RedisReplayStore;
import dev.bearerguard.test.ManualTime;
import dev.bearerguard.test.PemKeys;
import dev.bearerguard.test.TokenSigner;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The key-source and replay-store meters move on real faults: a key service on loopback ({@link
 * JwksServer}) that answers 500 and then goes quiet past the staleness bound, on {@link
 * ManualTime}; and a real {@code redis-server} ({@link RedisServer}) stopped under the verifier.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BearerguardMetricsFaultsTest {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    Timer fetches(String source, String result) {
        return registry.find("bearerguard.keys.fetches").tags("source", source, "result", result).timer();
    }

    @Test
    void keySourceWhenTheKeyServiceLoadsFailsAndGoesStaleThenFetchesCountAgeAndReadinessFollow() throws Exception {
        ManualTime time = new ManualTime();
        KeyPair pair = PemKeys.generateP521();
        TestKey key = new TestKey("kid-metrics", pair);
        try (JwksServer server = JwksServer.start()) {
            BearerguardMetrics metrics = BearerguardMetrics.builder(registry).clock(time.clock()).build();
            server.publish(List.of(key));
            try (JwksKeyResolver keys = JwksKeyResolver.builder(server.uri()).clock(time.clock()).scheduler(time)
                    .listener(metrics).maxStaleness(Duration.ofHours(2)).build()) {
                TokenVerifier verifier = TokenVerifier.builder().keys(keys).clock(time.clock()).listener(metrics)
                        .algorithms(java.util.Set.of(Algorithm.ES512)).build();
                metrics.bindTo(verifier, "api");
                assertThat(keys.refresh().kind()).isEqualTo(KeySourceEvent.Kind.LOADED);
                String source = server.uri().toString();
                assertThat(fetches(source, "loaded").count()).isEqualTo(1);
                assertThat(fetches(source, "loaded").totalTime(TimeUnit.NANOSECONDS)).isPositive();
                assertThat(registry.find("bearerguard.keys.count").tag("source", source).gauge().value()).isEqualTo(1);
                assertThat(registry.find("bearerguard.keys.age").gauge().value()).isZero();
                assertThat(registry.find("bearerguard.ready").gauge().value()).isEqualTo(1);

                server.fault(JwksServer.Fault.ERROR_500);
                time.advance(Duration.ofMinutes(10));
                assertThat(keys.refresh().kind()).isEqualTo(KeySourceEvent.Kind.FAILED);
                assertThat(fetches(source, "failed").count()).isPositive();
                assertThat(registry.find("bearerguard.keys.age").gauge().value())
                        .as("the last good set stays in force, and ages").isEqualTo(600);
                assertThat(registry.find("bearerguard.keys.count").gauge().value()).isEqualTo(1);

                time.advance(Duration.ofHours(2));
                TokenSigner signer = TokenSigner.of(pair.getPrivate(), pair.getPublic()).withKid("kid-metrics")
                        .withClock(time.clock());
                assertThatThrownBy(() -> verifier.verify(signer.token().sign()))
                        .isInstanceOf(VerifierUnavailableException.class)
                        .extracting(e -> ((VerifierUnavailableException) e).kind())
                        .isEqualTo(VerifierUnavailableException.Kind.KEY_SOURCE);
                assertThat(registry.find("bearerguard.keys.stale").tag("source", source).counter().count()).isEqualTo(1);
                assertThat(registry.find("bearerguard.ready").gauge().value()).isZero();
                assertThat(registry.find("bearerguard.verification").tag("outcome", "unavailable").timer().count())
                        .isEqualTo(1);

                server.fault(JwksServer.Fault.NONE);
                assertThat(keys.refresh().kind()).isEqualTo(KeySourceEvent.Kind.LOADED);
                assertThat(registry.find("bearerguard.keys.age").gauge().value()).isZero();
                assertThat(registry.find("bearerguard.ready").gauge().value()).isEqualTo(1);
            }
        }
    }

    @Test
    void replayRecordedWhenRedisStopsThenErrorsOfKindReplayStoreAndRecordsBefore() throws Exception {
        try (RedisServer redis = RedisServer.launch()) {
            KeyPair pair = PemKeys.generateP521();
            TokenSigner signer = TokenSigner.of(pair.getPrivate(), pair.getPublic());
            BearerguardMetrics metrics = BearerguardMetrics.builder(registry).build();
            try (RedisReplayStore store = RedisReplayStore.builder(redis.uri() + "?timeout=500ms").clock(Clock.systemUTC())
                    .build()) {
                store.declareNew(); // a new, empty store: nothing was recorded before
                TokenVerifier verifier = TokenVerifier.builder()
                        .keys(dev.bearerguard.core.keys.KeySet.of(dev.bearerguard.core.keys.TrustedKey.of(pair.getPublic())))
                        .replayCache(store.replayCache()).listener(metrics).build();
                metrics.bindTo(verifier, "api");
                verifier.verify(signer.token().sign());
                assertThat(registry.find("bearerguard.replay.records").tag("result", "first_use").timer().count())
                        .isEqualTo(1);
                redis.stop();
                assertThatThrownBy(() -> verifier.verify(signer.token().sign()))
                        .isInstanceOf(VerifierUnavailableException.class)
                        .extracting(e -> ((VerifierUnavailableException) e).kind())
                        .isEqualTo(VerifierUnavailableException.Kind.REPLAY_STORE);
                assertThat(registry.find("bearerguard.replay.errors").tag("kind", "replay_store").counter().count())
                        .isEqualTo(1);
                assertThat(registry.find("bearerguard.replay.records").tag("result", "error").timer().count())
                        .isEqualTo(1);
                assertThat(registry.find("bearerguard.ready").gauge().value())
                        .as("the store's health saw the failure").isZero();
            }
        }
    }
}
