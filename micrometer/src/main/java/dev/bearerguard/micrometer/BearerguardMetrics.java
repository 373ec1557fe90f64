package dev.bearerguard.micrometer;

import dev.bearerguard.core.Sanitizer;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.VerifierUnavailableException;
import dev.bearerguard.core.observe.BearerguardListener;
import dev.bearerguard.core.observe.CacheStats;
import dev.bearerguard.core.observe.KeySourceEvent;
import dev.bearerguard.core.observe.ReplayEvent;
import dev.bearerguard.core.observe.RequestEvent;
import dev.bearerguard.core.observe.VerificationEvent;
import dev.bearerguard.core.replay.ReplayCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Core's {@link BearerguardListener} on a Micrometer {@link MeterRegistry}: verifications by outcome
 * and reason, verification time (cold and cached path), the replay store, the key sources and the
 * verified-token cache. The names, tags and units are in this module's README.
 *
 * <pre>{@code
 * BearerguardMetrics metrics = BearerguardMetrics.builder(registry).build();
 * JwksKeyResolver keys = JwksKeyResolver.builder(jwksUrl).listener(metrics).build();
 * TokenVerifier verifier = TokenVerifier.builder().keys(keys).listener(metrics).verifiedTokenCache(10_000).build();
 * metrics.bindTo(verifier, "api");   // the token cache's counts and the readiness gauge
 * }</pre>
 *
 * <p>Cardinality is bounded by construction: the {@code kid} tag is off unless the deployment asks
 * for it ({@link Builder#kidTag}), and then only the first {@code n} keys seen get a tag value of
 * their own; every tag value goes through {@link Sanitizer#field}. Meters are looked up in maps of
 * this binding (no registry lookup per event); the verification timers are made up front.
 *
 * <p>Thread-safe; never throws from a listener method (the callers drop exceptions anyway).
 */
public final class BearerguardMetrics implements BearerguardListener {

    /** The tag value of a {@code kid} past the first {@code n} ({@link Builder#kidTag}): {@value}. */
    public static final String OTHER_KID = "other";
    /** The tag value where a field is absent (no {@code kid} read, no reason): {@value}. */
    public static final String NONE = "none";

    private final MeterRegistry registry;
    private final int maxKids;
    private final double[] percentiles;
    private final boolean histogram;
    private final Clock clock;

    /** [outcome][cached ? 1 : 0]. */
    private final Timer[][] verificationTimers;
    /** By replay outcome; the last slot is a failure. */
    private final Timer[] replayTimers;
    private final Map<VerifierUnavailableException.Kind, Counter> replayErrors = new ConcurrentHashMap<>();
    private final Map<String, Counter> fairShare = new ConcurrentHashMap<>();
    private final Map<RequestKey, Counter> verifications = new ConcurrentHashMap<>();
    private final Map<String, Source> sources = new ConcurrentHashMap<>();
    private final Set<String> taggedKids = ConcurrentHashMap.newKeySet();

    private BearerguardMetrics(Builder b) {
        this.registry = b.registry;
        this.maxKids = b.maxKids;
        this.percentiles = b.percentiles.clone();
        this.histogram = b.histogram;
        this.clock = b.clock;
        VerificationEvent.Outcome[] outcomes = VerificationEvent.Outcome.values();
        verificationTimers = new Timer[outcomes.length][2];
        for (VerificationEvent.Outcome o : outcomes) {
            for (int cached = 0; cached < 2; cached++) {
                verificationTimers[o.ordinal()][cached] = timer("bearerguard.verification",
                        "Time to verify a token (the verifier alone, without the HTTP adapter)",
                        Tags.of("outcome", lower(o.name()), "path", cached == 1 ? "cached" : "cold"));
            }
        }
        ReplayCache.Outcome[] replay = ReplayCache.Outcome.values();
        replayTimers = new Timer[replay.length + 1];
        for (ReplayCache.Outcome o : replay) {
            replayTimers[o.ordinal()] = replayTimer(o == ReplayCache.Outcome.OTHER_TOKEN ? "conflict" : lower(o.name()));
        }
        replayTimers[replay.length] = replayTimer("error");
    }

    /**
     * A builder over {@code registry}: no {@code kid} tag, no percentiles or histogram, the system
     * clock for the age of key sets.
     *
     * @throws NullPointerException if {@code registry} is null
     */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(registry);
    }

    /**
     * Registers the meters that read {@code verifier} rather than hear from it: the verified-token
     * cache's gets, evictions and size (when the cache is on) and {@code bearerguard.ready}, 1 while
     * {@link TokenVerifier#health()} is ready. Call once per verifier; the registry keeps the verifier
     * reachable.
     *
     * @param verifier a verifier built with this listener (or any other)
     * @param name     the value of the {@code verifier} tag these meters carry (e.g. {@code api})
     * @return this
     * @throws NullPointerException if an argument is null
     */
    public BearerguardMetrics bindTo(TokenVerifier verifier, String name) {
        Objects.requireNonNull(verifier, "verifier");
        Tags tags = Tags.of("verifier", Sanitizer.field(Objects.requireNonNull(name, "name")));
        Gauge.builder("bearerguard.ready", verifier, v -> v.health().ready() ? 1 : 0).tags(tags)
                .description("1 while the verifier can decide (key set loaded and fresh, replay store answering), else 0")
                .strongReference(true).register(registry);
        if (verifier.verifiedTokenCacheStats().isEmpty()) {
            return this;
        }
        cacheCounter(verifier, "bearerguard.token_cache.gets", tags.and("result", "hit"), CacheStats::hits,
                "Lookups in the verified-token cache");
        cacheCounter(verifier, "bearerguard.token_cache.gets", tags.and("result", "miss"), CacheStats::misses,
                "Lookups in the verified-token cache");
        cacheCounter(verifier, "bearerguard.token_cache.evictions", tags, CacheStats::evictions,
                "Entries the verified-token cache removed for room or at the end of their window");
        Gauge.builder("bearerguard.token_cache.size", verifier,
                v -> v.verifiedTokenCacheStats().map(CacheStats::size).orElse(0L)).tags(tags)
                .description("Entries in the verified-token cache").strongReference(true)
                .register(registry);
        return this;
    }

    private void cacheCounter(TokenVerifier verifier, String name, Tags tags, ToDoubleFunction<CacheStats> f,
            String description) {
        FunctionCounter.builder(name, verifier, v -> v.verifiedTokenCacheStats().map(f::applyAsDouble).orElse(0.0))
                .tags(tags).description(description).register(registry); // weak, but the ready gauge holds the verifier
    }

    // -- listener ------------------------------------------------------------------------------------

    @Override
    public void verified(VerificationEvent event) {
        verificationTimers[event.outcome().ordinal()][event.cached() ? 1 : 0].record(event.nanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void replayRecorded(ReplayEvent event) {
        if (!event.failed()) {
            replayTimers[event.outcome().ordinal()].record(event.nanos(), TimeUnit.NANOSECONDS);
            return;
        }
        replayTimers[replayTimers.length - 1].record(event.nanos(), TimeUnit.NANOSECONDS);
        replayErrors.computeIfAbsent(event.failure(), k -> Counter.builder("bearerguard.replay.errors")
                .description("Replay-store calls that failed, by kind (each answered 503)")
                .tag("kind", k.value()).register(registry)).increment();
        if (event.failure() == VerifierUnavailableException.Kind.REPLAY_KEY_SHARE) {
            String kid = kidTag(event.kid());
            fairShare.computeIfAbsent(kid, k -> Counter.builder("bearerguard.replay.fair_share.refusals")
                    .description("New tokens refused (503) because their key holds its full share of the replay store")
                    .tag("kid", k).register(registry)).increment();
        }
    }

    @Override
    public void requestDecided(RequestEvent event) {
        if (event.outcome() == RequestEvent.Outcome.PUBLIC) {
            return; // no token was looked at
        }
        String reason = switch (event.outcome()) {
            case REFUSED -> event.reason() != null ? event.reason().value() : NONE;
            case UNAVAILABLE -> event.unavailable().value();
            case RATE_LIMITED -> "rate_limited";
            case FAILED -> "internal";
            default -> NONE;
        };
        RequestKey key = new RequestKey(event.adapter(), event.outcome(), reason, kidTag(event.kid()));
        Counter c = verifications.get(key);
        if (c == null) {
            c = verifications.computeIfAbsent(key, k -> {
                Counter.Builder b = Counter.builder("bearerguard.verifications")
                        .description("Requests whose token an adapter decided, by outcome and reason")
                        .tag("adapter", Sanitizer.field(k.adapter())).tag("outcome", lower(k.outcome().name()))
                        .tag("reason", k.reason());
                if (maxKids > 0) {
                    b.tag("kid", k.kid());
                }
                return b.register(registry);
            });
        }
        c.increment();
    }

    @Override
    public void keySource(KeySourceEvent event) {
        Source s = sources.computeIfAbsent(event.source(), this::newSource);
        s.keys = event.keys();
        s.loadedAt = event.loadedAt();
        switch (event.kind()) {
            case LOADED -> s.loaded.record(event.elapsed());
            case FAILED -> s.failed.record(event.elapsed());
            case STALE -> s.stale.increment();
            case UNKNOWN_KID -> s.unknownKid.computeIfAbsent(event.detail().isEmpty() ? NONE : Sanitizer.field(event.detail()),
                    how -> Counter.builder("bearerguard.keys.unknown_kid").tags(s.tags).tag("how", how)
                            .description("Tokens refused (unknown_key) for a kid the source does not have")
                            .register(registry)).increment();
            default -> { }
        }
    }

    private Source newSource(String source) {
        Tags tags = Tags.of("source", Sanitizer.field(source));
        Source s = new Source(tags,
                fetchTimer(tags, "loaded"), fetchTimer(tags, "failed"),
                Counter.builder("bearerguard.keys.stale").tags(tags)
                        .description("Times the last good key set grew older than the allowed staleness (then 503)")
                        .register(registry));
        Gauge.builder("bearerguard.keys.count", s, x -> x.keys).tags(tags)
                .description("Keys in force").strongReference(true).register(registry);
        Gauge.builder("bearerguard.keys.age", s, x -> {
            Instant at = x.loadedAt;
            return at == null ? Double.NaN : Duration.between(at, clock.instant()).toNanos() / 1e9;
        }).tags(tags).baseUnit("seconds").description("Age of the key set in force (NaN before the first load)")
                .strongReference(true).register(registry);
        return s;
    }

    private Timer fetchTimer(Tags tags, String result) {
        return Timer.builder("bearerguard.keys.fetches").tags(tags).tag("result", result)
                .description("Fetches (or scans) of a key source, by result, with their duration").register(registry);
    }

    private Timer replayTimer(String result) {
        return timer("bearerguard.replay.records", "Calls of the replay store, by result, with their duration",
                Tags.of("result", result));
    }

    private Timer timer(String name, String description, Tags tags) {
        Timer.Builder b = Timer.builder(name).description(description).tags(tags);
        if (percentiles.length > 0) {
            b.publishPercentiles(percentiles);
        }
        if (histogram) {
            b.publishPercentileHistogram();
        }
        return b.register(registry);
    }

    private String kidTag(String kid) {
        if (maxKids == 0) {
            return NONE;
        }
        if (kid == null) {
            return NONE;
        }
        String v = Sanitizer.field(kid);
        if (taggedKids.contains(v)) {
            return v;
        }
        synchronized (taggedKids) {
            if (taggedKids.size() < maxKids) {
                taggedKids.add(v);
                return v;
            }
        }
        return OTHER_KID;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private record RequestKey(String adapter, RequestEvent.Outcome outcome, String reason, String kid) {
    }

    /** What a key source last said, for its gauges. */
    private static final class Source {
        final Tags tags;
        final Timer loaded;
        final Timer failed;
        final Counter stale;
        final Map<String, Counter> unknownKid = new ConcurrentHashMap<>();
        volatile int keys;
        volatile Instant loadedAt;

        Source(Tags tags, Timer loaded, Timer failed, Counter stale) {
            this.tags = tags;
            this.loaded = loaded;
            this.failed = failed;
            this.stale = stale;
        }
    }

    /** Configures a {@link BearerguardMetrics}. Not thread-safe; {@link #build()} copies everything. */
    public static final class Builder {
        private final MeterRegistry registry;
        private int maxKids;
        private double[] percentiles = new double[0];
        private boolean histogram;
        private Clock clock = Clock.systemUTC();

        private Builder(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /**
         * Tags {@code bearerguard.verifications} and {@code bearerguard.replay.fair_share.refusals}
         * with the token's {@code kid}: the first {@code maxKids} distinct keys seen get their own
         * value, every later one {@value #OTHER_KID}. Default 0: no {@code kid} tag (a deployment
         * with thousands of keys would otherwise make thousands of time series).
         *
         * @param maxKids how many keys get a value of their own, 0…1000
         * @return this
         * @throws IllegalArgumentException if outside 0…1000
         */
        public Builder kidTag(int maxKids) {
            if (maxKids < 0 || maxKids > 1000) {
                throw new IllegalArgumentException("kidTag must be 0…1000, not " + maxKids);
            }
            this.maxKids = maxKids;
            return this;
        }

        /**
         * Client-side percentiles of the verification and replay timers (e.g. 0.5, 0.99); default
         * none (they cost memory and time per series and cannot be aggregated across instances —
         * prefer {@link #histogram}).
         *
         * @throws IllegalArgumentException if a percentile is outside [0, 1]
         */
        public Builder percentiles(double... percentiles) {
            for (double p : percentiles) {
                if (!(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException("a percentile is within [0, 1], not " + p);
                }
            }
            this.percentiles = percentiles.clone();
            return this;
        }

        /** Whether the verification and replay timers publish histogram buckets; default false. */
        public Builder histogram(boolean publish) {
            this.histogram = publish;
            return this;
        }

        /** The clock for the age of key sets; default the system clock (use the key source's). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The binding; its meters register now (verification and replay timers) or on first use. */
        public BearerguardMetrics build() {
            return new BearerguardMetrics(this);
        }
    }
}
