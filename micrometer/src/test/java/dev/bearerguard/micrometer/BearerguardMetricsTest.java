package dev.bearerguard.micrometer;

import dev.bearerguard.test.TestRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.Reason;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.VerifierUnavailableException;
import dev.bearerguard.core.http.GuardAnswer;
import dev.bearerguard.core.http.Operation;
import dev.bearerguard.core.http.RequestGuard;
import dev.bearerguard.core.http.RequestView;
import dev.bearerguard.core.keys.KeyResolver;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.limit.RateLimit;
import dev.bearerguard.core.observe.Health;
import dev.bearerguard.core.replay.CaffeineReplayCache;
import dev.bearerguard.core.scope.ScopeRequirement;
import dev.bearerguard.test.ManualTime;
import dev.bearerguard.test.PemKeys;
import dev.bearerguard.test.TokenSigner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each outcome and reason moves the right meter, through the request guard both adapters use (the
 * adapters themselves, over HTTP: the sample's {@code MetricsEndpointTest}). Time is {@link ManualTime}.
 */
class BearerguardMetricsTest {

    static final KeyPair PAIR = PemKeys.generateP521();
    static final KeyPair OTHER = PemKeys.generateP521();

    final ManualTime time = new ManualTime(Instant.parse("2026-01-01T00:00:00Z"));
    final TokenSigner signer = TokenSigner.of(PAIR.getPrivate(), PAIR.getPublic()).withClock(time.clock());
    final TokenSigner stranger = TokenSigner.of(OTHER.getPrivate(), OTHER.getPublic()).withClock(time.clock());
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    TokenVerifier.Builder verifier(BearerguardMetrics metrics) {
        return TokenVerifier.builder().keys(KeySet.of(TrustedKey.of(PAIR.getPublic()))).clock(time.clock())
                .listener(metrics);
    }

    static Operation needs(String... scopes) {
        return new Operation("GET /x", Operation.Access.TOKEN, List.of(ScopeRequirement.allOf(scopes)), List.of(),
                Optional.empty());
    }

    /** A request with these Authorization headers. */
    static RequestView request(String... authorization) {
        TestRequest r = TestRequest.get("/x");
        for (String a : authorization) {
            r.header("Authorization", a);
        }
        return r;
    }

    double verifications(String adapter, String outcome, String reason) {
        Counter c = registry.find("bearerguard.verifications").tag("adapter", adapter).tag("outcome", outcome)
                .tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    /** A token the guard refuses for a reason, and the reason's tag value. */
    static Stream<Arguments> refusals() {
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of(Reason.EXPIRED, (Function<BearerguardMetricsTest, String>) t -> t.signer
                .withClock(java.time.Clock.fixed(t.time.now().minus(Duration.ofHours(2)), java.time.ZoneOffset.UTC))
                .token().lifetime(Duration.ofMinutes(5)).sign()));
        cases.add(Arguments.of(Reason.NOT_YET_VALID, (Function<BearerguardMetricsTest, String>) t -> t.signer
                .token().notBefore(t.time.now().plus(Duration.ofHours(1))).lifetime(Duration.ofHours(2)).sign()));
        cases.add(Arguments.of(Reason.UNKNOWN_KEY, (Function<BearerguardMetricsTest, String>) t -> t.stranger.token().sign()));
        cases.add(Arguments.of(Reason.BAD_SIGNATURE, (Function<BearerguardMetricsTest, String>) t -> {
            String good = t.signer.token().sign();
            String forged = t.stranger.withKid(t.signer.kid()).token().sign();
            return good.substring(0, good.lastIndexOf('.')) + forged.substring(forged.lastIndexOf('.'));
        }));
        cases.add(Arguments.of(Reason.MALFORMED, (Function<BearerguardMetricsTest, String>) t -> "not.a.token"));
        cases.add(Arguments.of(Reason.TOO_LARGE, (Function<BearerguardMetricsTest, String>) t -> "a".repeat(9000)));
        cases.add(Arguments.of(Reason.UNSUPPORTED_ALGORITHM, (Function<BearerguardMetricsTest, String>) t ->
                t.signer.token().header("alg", "HS256").sign()));
        cases.add(Arguments.of(Reason.MISSING_CLAIM, (Function<BearerguardMetricsTest, String>) t ->
                t.signer.token().withoutClaim("jti").sign()));
        cases.add(Arguments.of(Reason.TIMESTAMP_IN_MILLISECONDS, (Function<BearerguardMetricsTest, String>) t ->
                t.signer.token().claim("exp", t.time.now().plusSeconds(60).toEpochMilli()).sign()));
        cases.add(Arguments.of(Reason.INSUFFICIENT_SCOPE, (Function<BearerguardMetricsTest, String>) t ->
                t.signer.token().scopes("buyers.read").sign()));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void requestDecidedWhenRefusedThenTheVerificationsCounterOfThatReasonAndAdapterMoves(Reason reason,
            Function<BearerguardMetricsTest, String> token) {
        BearerguardMetrics metrics = BearerguardMetrics.builder(registry).build();
        TokenVerifier v = verifier(metrics).build();
        for (String adapter : List.of("servlet", "jaxrs")) {
            RequestGuard guard = RequestGuard.builder(v).adapter(adapter).build();
            GuardAnswer a = guard.check(request("Bearer " + token.apply(this)), needs("transactions.read"));
            assertThat(a.error()).map(e -> e.reason()).contains(reason);
            assertThat(verifications(adapter, "refused", reason.value())).as(adapter).isEqualTo(1);
        }
        assertThat(registry.find("bearerguard.verifications").counters()).as("nothing else counted").hasSize(2);
    }

    @Test
    void requestDecidedWhenNoTokenOrAReplayThenRefusedUnderNoCredentialsAndReplayed() {
        BearerguardMetrics metrics = BearerguardMetrics.builder(registry).build();
        RequestGuard guard = RequestGuard.builder(verifier(metrics).build()).adapter("servlet").build();
        guard.check(request(), needs());
        String once = signer.token().sign();
        guard.check(request("Bearer " + once), needs());
        guard.check(request("Bearer " + once), needs());
        assertThat(verifications("servlet", "refused", "no_credentials")).isEqualTo(1);
        assertThat(verifications("servlet", "accepted", "none")).isEqualTo(1);
        assertThat(verifications("servlet", "refused", "replayed")).isEqualTo(1);
    }

    @Test
    void requestDecidedWhenTheKeySourceIsDownThenUnavailableUnderItsKindAndPublicIsNotCounted() {
        BearerguardMetrics metrics = BearerguardMetrics.builder(registry).build();
        KeyResolver down = kid -> {
            throw new VerifierUnavailableException(VerifierUnavailableException.Kind.KEY_SOURCE, "key service down");
        };
        TokenVerifier v = TokenVerifier.builder().keys(down).clock(time.clock()).listener(metrics).build();
        RequestGuard guard = RequestGuard.builder(v).adapter("jaxrs").build();
        assertThat(guard.check(request("Bearer " + signer.token().sign()), needs()).status()).isEqualTo(503);
        guard.check(request(), Operation.open("GET /healthz"));
        assertThat(verifications("jaxrs", "unavailable", "key_source")).isEqualTo(1);
        assertThat(registry.find("bearerguard.verifications").counters()).hasSize(1);
        Timer t = registry.find("bearerguard.verification").tag("outcome", "unavailable").tag("path", "cold").timer();
        assertThat(t.count()).isEqualTo(1);
    }

    @Test
    void requestDecidedWhenOverTheRateLimitThenRateLimited() {
        BearerguardMetrics metrics = BearerguardMetrics.builder(registry).build();
        RequestGuard guard = RequestGuard.builder(verifier(metrics).build()).adapter("servlet").build();
        Operation limited = new Operation("POST /tx", Operation.Access.TOKEN, List.of(), List.of(),
                Optional.of(RateLimit.parse("1/1m")));
        String embed = signer.token().scopes("embed").lifetime(Duration.ofHours(1)).sign();
        guard.check(request("Bearer " + embed), limited);
        assertThat(guard.check(request("Bearer " + embed), limited).status()).isEqualTo(429);
        assertThat(verifications("servlet", "accepted", "none")).isEqualTo(1);
        assertThat(verifications("servlet", "rate_limited", "rate_limited")).isEqualTo(1);
    }

    @Test
    void verifiedWhenTheCacheAnswersThenTheCachedTimerMovesAndTheColdOneDoesNot() throws Exception {
        BearerguardMetrics metrics = BearerguardMetrics.builder(registry).build();
        TokenVerifier v = verifier(metrics).verifiedTokenCache(100).build();
        metrics.bindTo(v, "api");
        String embed = signer.token().scopes("embed").lifetime(Duration.ofHours(1)).sign();
        v.verify(embed);
        v.verify(embed);
        v.verify(embed);
        Timer cold = registry.find("bearerguard.verification").tags("outcome", "accepted", "path", "cold").timer();
        Timer cached = registry.find("bearerguard.verification").tags("outcome", "accepted", "path", "cached").timer();
        assertThat(cold.count()).isEqualTo(1);
        assertThat(cached.count()).isEqualTo(2);
        assertThat(cold.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
        assertThat(cold.takeSnapshot().percentileValues()).as("percentiles are off by default").isEmpty();
        FunctionCounter hits = registry.find("bearerguard.token_cache.gets").tags("result", "hit", "verifier", "api")
                .functionCounter();
        FunctionCounter misses = registry.find("bearerguard.token_cache.gets").tags("result", "miss").functionCounter();
        assertThat(hits.count()).isEqualTo(2);
        assertThat(misses.count()).isEqualTo(1);
        assertThat(registry.find("bearerguard.token_cache.size").gauge().value()).isEqualTo(1);
        assertThat(registry.find("bearerguard.token_cache.evictions").functionCounter().count()).isZero();
        // The cache's window ends with the token's: the entry goes, counted as an eviction.
        time.advance(Duration.ofHours(2));
        assertThatThrownBy(() -> v.verify(embed)).isInstanceOf(dev.bearerguard.core.TokenRejectedException.class);
        assertThat(registry.find("bearerguard.token_cache.evictions").functionCounter().count()).isEqualTo(1);
    }

    @Test
    void bindToWhenTheCacheIsOffThenOnlyTheReadyGaugeFollowingHealth() {
        AtomicBoolean ready = new AtomicBoolean(true);
        KeyResolver keys = new KeyResolver() {
            @Override
            public Optional<TrustedKey> resolve(String kid) {
                return Optional.empty();
            }

            @Override
            public Health health() {
                return ready.get() ? Health.READY : Health.notReady("key set too old");
            }
        };
        BearerguardMetrics metrics = BearerguardMetrics.builder(registry).build();
        metrics.bindTo(TokenVerifier.builder().keys(keys).listener(metrics).build(), "api");
        assertThat(registry.find("bearerguard.token_cache.gets").meters()).isEmpty();
        assertThat(registry.find("bearerguard.ready").tag("verifier", "api").gauge().value()).isEqualTo(1);
        ready.set(false);
        assertThat(registry.find("bearerguard.ready").gauge().value()).isZero();
    }

    @Test
    void replayRecordedWhenConflictOrTheKeyHoldsItsShareThenRecordsErrorsAndFairShareRefusals() throws Exception {
        BearerguardMetrics metrics = BearerguardMetrics.builder(registry).build();
        TokenVerifier v = verifier(metrics).replayCache(CaffeineReplayCache.create(time.clock(), 2, 0.5)).build();
        v.verify(signer.token().jti("j-1").sign());
        assertThatThrownBy(() -> v.verify(signer.token().jti("j-1").scopes("buyers.read").sign()))
                .isInstanceOf(dev.bearerguard.core.TokenRejectedException.class);
        assertThatThrownBy(() -> v.verify(signer.token().jti("j-2").sign())).isInstanceOf(VerifierUnavailableException.class);
        assertThat(registry.find("bearerguard.replay.records").tag("result", "first_use").timer().count()).isEqualTo(1);
        assertThat(registry.find("bearerguard.replay.records").tag("result", "conflict").timer().count()).isEqualTo(1);
        assertThat(registry.find("bearerguard.replay.records").tag("result", "error").timer().count()).isEqualTo(1);
        assertThat(registry.find("bearerguard.replay.errors").tag("kind", "replay_key_share").counter().count()).isEqualTo(1);
        Counter share = registry.find("bearerguard.replay.fair_share.refusals").counter();
        assertThat(share.count()).isEqualTo(1);
        assertThat(share.getId().getTag("kid")).as("kid is off by default").isEqualTo(BearerguardMetrics.NONE);
        Timer unavailable = registry.find("bearerguard.verification").tag("outcome", "unavailable").timer();
        assertThat(unavailable.count()).isEqualTo(1);
    }

    @Test
    void kidTagWhenOffThenNoKidTagAndWhenOnThenTheFirstNKidsAndOtherForTheRest() {
        BearerguardMetrics off = BearerguardMetrics.builder(registry).build();
        RequestGuard g = RequestGuard.builder(verifier(off).build()).adapter("servlet").build();
        g.check(request("Bearer " + signer.token().sign()), needs());
        assertThat(registry.find("bearerguard.verifications").counter().getId().getTag("kid")).isNull();

        SimpleMeterRegistry tagged = new SimpleMeterRegistry();
        BearerguardMetrics one = BearerguardMetrics.builder(tagged).kidTag(1).build();
        RequestGuard h = RequestGuard.builder(verifier(one).build()).adapter("servlet").build();
        h.check(request("Bearer " + signer.token().sign()), needs());
        h.check(request("Bearer " + stranger.withKid("kid-two").token().sign()), needs());
        h.check(request("Bearer " + stranger.withKid("kid-three").token().sign()), needs());
        assertThat(tagged.find("bearerguard.verifications").tag("kid", signer.kid()).counter().count()).isEqualTo(1);
        assertThat(tagged.find("bearerguard.verifications").tag("kid", BearerguardMetrics.OTHER_KID).counter().count())
                .as("two keys past the first share one series").isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 1001})
    void kidTagWhenOutOfRangeThenRefused(int n) {
        assertThatThrownBy(() -> BearerguardMetrics.builder(registry).kidTag(n))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0…1000");
    }

    @Test
    void percentilesWhenAskedForThenPublishedElseRefusedOutsideZeroToOne() throws Exception {
        BearerguardMetrics metrics = BearerguardMetrics.builder(registry).percentiles(0.5, 0.99).build();
        verifier(metrics).build().verify(signer.token().sign());
        Timer cold = registry.find("bearerguard.verification").tags("outcome", "accepted", "path", "cold").timer();
        assertThat(cold.takeSnapshot().percentileValues()).hasSize(2);
        assertThatThrownBy(() -> BearerguardMetrics.builder(registry).percentiles(1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void metersWhenRegisteredThenEveryOneHasADescriptionAndBaseUnitsForGauges() {
        BearerguardMetrics metrics = BearerguardMetrics.builder(registry).build();
        metrics.bindTo(verifier(metrics).verifiedTokenCache(10).build(), "api");
        metrics.keySource(new dev.bearerguard.core.observe.KeySourceEvent("https://keys.example/jwks.json",
                dev.bearerguard.core.observe.KeySourceEvent.Kind.LOADED, 2, time.now(), "", Duration.ofMillis(3)));
        for (Meter m : registry.getMeters()) {
            assertThat(m.getId().getDescription()).as(m.getId().getName()).isNotBlank();
            assertThat(m.getId().getName()).startsWith("bearerguard.").matches("[a-z_.]+");
        }
        assertThat(registry.find("bearerguard.keys.age").gauge().getId().getBaseUnit()).isEqualTo("seconds");
        assertThat(Map.of("count", registry.find("bearerguard.keys.count").gauge().value()))
                .containsEntry("count", 2.0);
    }
}
