package dev.bearerguard.core;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.bearerguard.core.internal.pipeline.Check;
import dev.bearerguard.core.internal.pipeline.ClaimsCheck;
import dev.bearerguard.core.internal.pipeline.HeaderCheck;
import dev.bearerguard.core.internal.pipeline.IssuerCheck;
import dev.bearerguard.core.internal.pipeline.KeyCheck;
import dev.bearerguard.core.internal.pipeline.Problem;
import dev.bearerguard.core.internal.pipeline.ProfileCheck;
import dev.bearerguard.core.internal.pipeline.ReplayCheck;
import dev.bearerguard.core.internal.pipeline.ShapeCheck;
import dev.bearerguard.core.internal.pipeline.SignatureCheck;
import dev.bearerguard.core.internal.pipeline.TimeWindow;
import dev.bearerguard.core.internal.pipeline.TokenState;
import dev.bearerguard.core.internal.pipeline.WindowCheck;
import dev.bearerguard.core.keys.KeyResolver;
import dev.bearerguard.core.keys.KeyTables;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.observe.BearerguardListener;
import dev.bearerguard.core.observe.Listeners;
import dev.bearerguard.core.observe.ReplayEvent;
import dev.bearerguard.core.observe.VerificationEvent;
import dev.bearerguard.core.replay.CaffeineReplayCache;
import dev.bearerguard.core.replay.ReplayCache;
import dev.bearerguard.core.replay.ReplayPolicy;
import dev.bearerguard.core.scope.ScopeVocabulary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a bearer token is good and what it grants, following the contract
 * ({@code docs/contract.md} in the repository).
 *
 * <p>It runs one pipeline of small checks, cheapest first, so garbage, unknown keys and expired
 * tokens cost no signature math:
 * <ol>
 *   <li><b>shape</b> — size, then three strict base64url segments;</li>
 *   <li><b>header</b> — strict JSON, {@code typ}, no {@code crit}, {@code alg} on the allow-list,
 *       {@code kid};</li>
 *   <li><b>key</b> — the {@code kid} names a trusted key that accepts the algorithm;</li>
 *   <li><b>claims</b> — strict JSON;</li>
 *   <li><b>window</b> — {@code exp}, {@code nbf}, the skew, the lifetime;</li>
 *   <li><b>profile</b> — the claims the profile requires, with their types;</li>
 *   <li><b>issuer</b> — the allow-list, if any;</li>
 *   <li><b>signature</b>;</li>
 *   <li><b>replay</b> — last, so a {@code jti} is recorded only after everything else passed.</li>
 * </ol>
 * {@link #verify} stops at the first problem; {@link #explain} runs every step that can run and
 * returns every finding — the same steps, so an explanation never disagrees with a decision.
 *
 * <p>Built once with {@link #builder()}, then immutable and thread-safe: call {@link #verify} from
 * any number of threads.
 *
 * <pre>{@code
 * TokenVerifier verifier = TokenVerifier.builder()
 *         .keys(KeyLoader.load(Path.of("keys/")))
 *         .build();
 * VerifiedToken token = verifier.verify(bearer);   // throws TokenRejectedException
 * }</pre>
 */
public final class TokenVerifier {

    private final KeyResolver keys;
    private final Set<Algorithm> algorithms;
    private final Duration clockSkew;
    private final Duration maxLifetime;
    private final Set<String> issuers;
    private final int maxTokenSize;
    private final ReplayPolicy replayPolicy;
    private final ScopeVocabulary vocabulary;
    private final TokenProfile profile;
    private final Clock clock;
    private final KeyTables keyTables;
    private final int verifiedTokenCacheSize;
    private final BearerguardListener listener;
    private final ReplayCache replayStore;
    /** The steps, in the order verify runs them. */
    private final List<Check> pipeline;
    private final WindowCheck window;
    private final ReplayCheck replay;
    /** Tokens that passed every check, by their full text; null when the cache is off. */
    private final Cache<String, VerifiedToken> verifiedTokens;

    private TokenVerifier(Builder b) {
        this.keys = b.keys;
        this.algorithms = Set.copyOf(b.algorithms);
        this.clockSkew = b.clockSkew;
        this.maxLifetime = b.maxLifetime;
        this.issuers = b.issuers;
        this.maxTokenSize = b.maxTokenSize;
        this.replayPolicy = b.replayPolicy;
        this.clock = b.clock;
        this.vocabulary = b.vocabulary;
        this.profile = b.profile;
        this.keyTables = b.keyTables;
        this.listener = b.listener;
        TimeWindow timeWindow = new TimeWindow(b.clockSkew);
        ReplayCache store = b.replayCache != null ? b.replayCache
                : CaffeineReplayCache.create(b.clock, CaffeineReplayCache.DEFAULT_MAXIMUM_SIZE);
        this.replayStore = store;
        this.window = new WindowCheck(profile, timeWindow, maxLifetime);
        this.replay = new ReplayCheck(replayPolicy, listener == BearerguardListener.NONE ? store : reporting(store, listener),
                timeWindow, profile);
        this.pipeline = List.of(new ShapeCheck(maxTokenSize), new HeaderCheck(algorithms), new KeyCheck(keys),
                new ClaimsCheck(), window, new ProfileCheck(profile), new IssuerCheck(issuers, profile),
                new SignatureCheck(keyTables), replay);
        this.verifiedTokenCacheSize = b.verifiedTokenCacheSize;
        this.verifiedTokens = b.verifiedTokenCacheSize == 0 ? null
                : newVerifiedTokenCache(b.verifiedTokenCacheSize, b.clock, timeWindow);
    }

    /** A builder with the contract's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies a compact JWS (the text after {@code Bearer }): runs the pipeline and stops at the
     * first problem.
     *
     * @param token the token, untrusted
     * @return the verified token
     * @throws TokenRejectedException       if the token is at fault (401; reason and description say why)
     * @throws VerifierUnavailableException if the server cannot decide (key source or replay store
     *                                      unavailable): answer 503
     */
    public VerifiedToken verify(String token) throws TokenRejectedException {
        if (listener == BearerguardListener.NONE) {
            VerifiedToken cached = fromCache(token);
            return cached != null ? cached : runPipeline(token);
        }
        long start = System.nanoTime();
        boolean[] cachedHit = new boolean[1];
        try {
            VerifiedToken cached = fromCache(token);
            cachedHit[0] = cached != null;
            VerifiedToken v = cached != null ? cached : runPipeline(token);
            report(VerificationEvent.Outcome.ACCEPTED, null, v.kid(), cachedHit[0], start, null);
            return v;
        } catch (TokenRejectedException e) {
            report(VerificationEvent.Outcome.REFUSED, e.reason(), e.kid().orElse(null), cachedHit[0], start, null);
            throw e;
        } catch (VerifierUnavailableException e) {
            report(VerificationEvent.Outcome.UNAVAILABLE, null, null, cachedHit[0], start, e.kind());
            throw e;
        }
    }

    private void report(VerificationEvent.Outcome outcome, Reason reason, String kid, boolean cached, long start,
            VerifierUnavailableException.Kind unavailable) {
        long nanos = System.nanoTime() - start;
        Listeners.safely(() -> listener.verified(new VerificationEvent(outcome, reason, kid, cached, nanos, unavailable)));
    }

    private VerifiedToken runPipeline(String token) throws TokenRejectedException {
        TokenState s = new TokenState(token, clock.instant());
        for (Check step : pipeline) {
            Problem p = step.run(s);
            if (p != null) {
                throw s.reject(p);
            }
        }
        VerifiedToken verified = new VerifiedToken(profile, s.key(), s.algorithm(), s.issuer(), s.jti(),
                s.notBefore(), s.expiresAt(), s.issuedAt(), s.scopes(), s.embed(), s.checkoutSessionId(), s.claims(),
                s.fingerprint(), this);
        if (verifiedTokens != null) {
            verifiedTokens.put(token, verified);
        }
        return verified;
    }

    /**
     * Explains a token: runs every step of the pipeline that can run (an unknown {@code kid} does
     * not stop the time checks; an expired token still has its signature checked) and returns every
     * finding, in pipeline order. Records nothing: the replay step does not run, so explaining a
     * single-use token does not spend it. {@link Explanation#accepted()} is true exactly when
     * {@link #verify} would accept the token on a fresh replay cache, and {@link
     * Explanation#firstProblem()} is the refusal {@code verify} would give.
     *
     * @param token the token, untrusted
     * @return the findings and what could be read of the token
     */
    public Explanation explain(String token) {
        TokenState s = new TokenState(token, clock.instant());
        List<Finding> findings = new ArrayList<>(pipeline.size());
        for (Check step : pipeline) {
            if (!step.explains() || !step.canRun(s)) {
                findings.add(new Finding(Finding.Status.NOT_CHECKED, step.name(), null, step.whyNot(s)));
                continue;
            }
            try {
                Problem p = step.run(s);
                findings.add(p == null ? new Finding(Finding.Status.PASSED, step.name(), null, step.passed(s))
                        : new Finding(Finding.Status.FAILED, step.name(), p.reason(), p.description()));
            } catch (VerifierUnavailableException e) {
                findings.add(new Finding(Finding.Status.UNAVAILABLE, step.name(), null, Sanitizer.text(e.getMessage())));
            }
        }
        return new Explanation(findings, s, clockSkew, profile);
    }

    // -- verified-token cache ----------------------------------------------------------------------

    private static Cache<String, VerifiedToken> newVerifiedTokenCache(int maxEntries, Clock clock, TimeWindow window) {
        return Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(() -> Math.multiplyExact(clock.millis(), 1_000_000L))
                .expireAfter(new Expiry<String, VerifiedToken>() {
                    @Override
                    public long expireAfterCreate(String key, VerifiedToken value, long currentTime) {
                        // Useless once the window closes; it is re-checked on every hit anyway.
                        // Saturating: a far-future exp (year 2262 and later) must not overflow.
                        long until = window.acceptedUntil(value.expiresAt()).toEpochMilli();
                        long untilNanos = until > Long.MAX_VALUE / 1_000_000L ? Long.MAX_VALUE : until * 1_000_000L;
                        return Math.max(0, untilNanos - currentTime);
                    }

                    @Override
                    public long expireAfterUpdate(String key, VerifiedToken value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }

                    @Override
                    public long expireAfterRead(String key, VerifiedToken value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .executor(Runnable::run)
                .recordStats()
                .build();
    }

    /**
     * A token that passed every check before, re-checked by the steps whose answer can change since:
     * its key must still be the one the resolver returns (else the entry is dropped and the full
     * pipeline decides), the window, and the replay record (a single-use token is refused the second
     * time). Returns null on a miss. The cache is keyed by the whole token text, so only the very
     * same token can hit.
     */
    private VerifiedToken fromCache(String token) throws TokenRejectedException {
        if (verifiedTokens == null || token == null || token.length() > maxTokenSize) {
            return null;
        }
        VerifiedToken t = verifiedTokens.getIfPresent(token);
        if (t == null) {
            return null;
        }
        TrustedKey current = keys.resolve(t.kid()).orElse(null);
        if (current != t.key()) {
            verifiedTokens.invalidate(token);
            return null;
        }
        TokenState s = TokenState.ofVerified(token, clock.instant(), t.key(), t.jti().orElse(null),
                t.issuer().orElse(null), t.notBefore().orElse(null), t.expiresAt(), t.issuedAt().orElse(null),
                t.scopes(), t.fingerprint());
        // An expired entry also leaves the cache by itself, at the end of its window.
        for (Check step : List.of(window, replay)) {
            Problem p = step.run(s);
            if (p != null) {
                throw s.reject(p);
            }
        }
        return t;
    }

    private static ReplayCache reporting(ReplayCache store, BearerguardListener listener) {
        return record -> {
            long start = System.nanoTime();
            ReplayCache.Outcome outcome = null;
            VerifierUnavailableException.Kind failure = VerifierUnavailableException.Kind.OTHER;
            try {
                outcome = store.record(record);
                return outcome;
            } catch (VerifierUnavailableException e) {
                failure = e.kind();
                throw e;
            } finally {
                ReplayEvent event = new ReplayEvent(outcome, record.kid(), System.nanoTime() - start,
                        outcome == null ? failure : null);
                Listeners.safely(() -> listener.replayRecorded(event));
            }
        };
    }

    /**
     * The counts of the verified-token cache ({@link Builder#verifiedTokenCache}), for metrics; empty
     * when the cache is off. Cheap (Caffeine's striped counters); thread-safe.
     *
     * @return hits, misses, evictions and size since the verifier was built
     */
    public java.util.Optional<dev.bearerguard.core.observe.CacheStats> verifiedTokenCacheStats() {
        if (verifiedTokens == null) {
            return java.util.Optional.empty();
        }
        com.github.benmanes.caffeine.cache.stats.CacheStats s = verifiedTokens.stats();
        return java.util.Optional.of(new dev.bearerguard.core.observe.CacheStats(s.hitCount(), s.missCount(),
                s.evictionCount(), verifiedTokens.estimatedSize()));
    }

    /**
     * Whether the verifier can decide now: its key source has a key set fresh enough and its replay
     * store answers (when the replay policy uses one). For a readiness probe; cheap, never blocks.
     *
     * @return ready, or not ready with the reasons
     */
    public dev.bearerguard.core.observe.Health health() {
        return dev.bearerguard.core.observe.Health.of(keys.health(),
                replayPolicy == ReplayPolicy.OFF ? dev.bearerguard.core.observe.Health.READY : replayStore.health());
    }

    /** The profile this verifier checks. */
    public TokenProfile profile() {
        return profile;
    }

    /** The configured scope vocabulary, if any. */
    public Optional<ScopeVocabulary> vocabulary() {
        return Optional.ofNullable(vocabulary);
    }

    /** The allowed algorithms. */
    public Set<Algorithm> algorithms() {
        return algorithms;
    }

    /** The clock skew allowed at both ends of the time window. */
    public Duration clockSkew() {
        return clockSkew;
    }

    /** The longest lifetime accepted, if one is set. */
    public Optional<Duration> maxLifetime() {
        return Optional.ofNullable(maxLifetime);
    }

    /** The accepted issuers; empty accepts any. */
    public Set<String> issuers() {
        return issuers;
    }

    /** The longest token accepted, in characters. */
    public int maxTokenSize() {
        return maxTokenSize;
    }

    /** The clock the verifier reads. */
    public Clock clock() {
        return clock;
    }

    /** The key resolver. */
    public KeyResolver keys() {
        return keys;
    }

    /** The replay policy. */
    public ReplayPolicy replayPolicy() {
        return replayPolicy;
    }

    /** The EC key tables the signature step uses. */
    public KeyTables keyTables() {
        return keyTables;
    }

    /**
     * The most tokens the verified-token cache remembers ({@link Builder#verifiedTokenCache}); 0
     * when the cache is off.
     */
    public int verifiedTokenCacheSize() {
        return verifiedTokenCacheSize;
    }

    /** The listener the verifier reports to ({@link BearerguardListener#NONE} by default). */
    public BearerguardListener listener() {
        return listener;
    }

    /**
     * Configures a {@link TokenVerifier}. Not thread-safe; {@link #build()} copies everything, so
     * a builder may be reused.
     */
    public static final class Builder {
        private KeyResolver keys;
        private Set<Algorithm> algorithms = EnumSet.of(Algorithm.ES512);
        private Duration clockSkew = Duration.ofSeconds(60);
        private Duration maxLifetime;
        private Set<String> issuers = Set.of();
        private int maxTokenSize = 8192;
        private ReplayPolicy replayPolicy = ReplayPolicy.DEFAULT;
        private ReplayCache replayCache;
        private ScopeVocabulary vocabulary;
        private TokenProfile profile = TokenProfile.API;
        private Clock clock = Clock.systemUTC();
        private int verifiedTokenCacheSize;
        private KeyTables keyTables = KeyTables.defaults();
        private BearerguardListener listener = BearerguardListener.NONE;

        private Builder() {
        }

        /**
         * The EC key tables the signature step uses (their heap budget and the executor that builds
         * them off the request path); default {@link KeyTables#defaults()}.
         */
        public Builder keyTables(KeyTables tables) {
            this.keyTables = Objects.requireNonNull(tables, "tables");
            return this;
        }

        /**
         * Where the verifier reports each verification (outcome, reason, {@code kid}, timing, cache
         * hit) and each replay-store call; default {@link BearerguardListener#NONE}, which costs
         * nothing. The adapters' request guards report to the verifier's listener too.
         */
        public Builder listener(BearerguardListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The trusted keys (a {@link dev.bearerguard.core.keys.KeySet} or any resolver). Required. */
        public Builder keys(KeyResolver keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /**
         * The accepted algorithms; default ES512 only.
         *
         * @throws IllegalArgumentException if empty
         */
        public Builder algorithms(Set<Algorithm> algorithms) {
            if (algorithms.isEmpty()) {
                throw new IllegalArgumentException("at least one algorithm must be allowed");
            }
            this.algorithms = EnumSet.copyOf(algorithms);
            return this;
        }

        /** As {@link #algorithms(Set)}. */
        public Builder algorithms(Algorithm first, Algorithm... more) {
            return algorithms(EnumSet.of(first, more));
        }

        /**
         * Clock skew allowed at both ends of the time window; default 60 s (the field's SDKs do not
         * backdate {@code nbf}).
         *
         * @throws IllegalArgumentException if negative or above 10 minutes
         */
        public Builder clockSkew(Duration skew) {
            if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("clock skew must be between 0 and 10 minutes");
            }
            this.clockSkew = Duration.ofSeconds(skew.getSeconds());
            return this;
        }

        /**
         * The longest {@code exp - nbf} accepted (default: no limit).
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxLifetime(Duration maxLifetime) {
            if (maxLifetime != null && (maxLifetime.isZero() || maxLifetime.isNegative())) {
                throw new IllegalArgumentException("max lifetime must be positive");
            }
            this.maxLifetime = maxLifetime;
            return this;
        }

        /** The accepted {@code iss} values; empty (default) accepts any non-empty issuer. */
        public Builder issuers(Set<String> issuers) {
            this.issuers = Set.copyOf(issuers);
            return this;
        }

        /**
         * The longest token accepted, in characters; default 8192. Longer tokens are refused before
         * any decoding.
         *
         * @throws IllegalArgumentException if below 64 or above 1 MiB
         */
        public Builder maxTokenSize(int chars) {
            if (chars < 64 || chars > 1 << 20) {
                throw new IllegalArgumentException("max token size must be between 64 and 1048576");
            }
            this.maxTokenSize = chars;
            return this;
        }

        /** The replay policy; default {@link ReplayPolicy#DEFAULT}. */
        public Builder replayPolicy(ReplayPolicy policy) {
            this.replayPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The replay cache; default a {@link CaffeineReplayCache} of one million entries on the verifier's clock. */
        public Builder replayCache(ReplayCache cache) {
            this.replayCache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /** The scope vocabulary adapters check requirements against (optional). */
        public Builder vocabulary(ScopeVocabulary vocabulary) {
            this.vocabulary = vocabulary;
            return this;
        }

        /** The claim profile; default {@link TokenProfile#API}. */
        public Builder profile(TokenProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /** The clock; default the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Remembers up to {@code maxEntries} tokens that passed every check, so a token presented
         * again and again (an embed token, a checkout token) costs a map lookup instead of a
         * signature verification (microseconds instead of about half a millisecond for ES512).
         *
         * <p>Off by default ({@code 0}): it only pays where tokens are reused, and server-to-server
         * tokens are single-use. The cache is keyed by the whole token text (a different token can
         * never hit another's entry), holds only accepted tokens (never a refusal), and on every
         * hit re-checks the time window, the replay policy (a single-use token is still refused
         * the second time, cheaply) and that the key resolver still returns the same key object
         * (an entry whose key was removed or replaced is dropped and the token verified afresh).
         * Entries leave at the token's {@code exp} or, beyond {@code maxEntries}, least recently
         * or frequently used first. Each entry holds the token text and its {@link VerifiedToken}:
         * roughly 1–3 KiB for the field's tokens.
         *
         * @param maxEntries the most tokens remembered; 0 turns the cache off
         * @throws IllegalArgumentException if negative or above 10 000 000
         */
        public Builder verifiedTokenCache(int maxEntries) {
            if (maxEntries < 0 || maxEntries > 10_000_000) {
                throw new IllegalArgumentException("verified-token cache size must be between 0 and 10000000");
            }
            this.verifiedTokenCacheSize = maxEntries;
            return this;
        }

        /**
         * @throws IllegalStateException if no keys were given
         */
        public TokenVerifier build() {
            if (keys == null) {
                throw new IllegalStateException("keys are required");
            }
            return new TokenVerifier(this);
        }
    }
}
