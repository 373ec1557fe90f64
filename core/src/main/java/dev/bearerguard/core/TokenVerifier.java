package dev.bearerguard.core;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.bearerguard.core.internal.Base64Url;
import dev.bearerguard.core.internal.StrictJson;
import dev.bearerguard.core.keys.KeyResolver;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.replay.CaffeineReplayCache;
import dev.bearerguard.core.replay.ReplayCache;
import dev.bearerguard.core.replay.ReplayPolicy;
import dev.bearerguard.core.scope.GrantedScopes;
import dev.bearerguard.core.scope.Scope;
import dev.bearerguard.core.scope.ScopeVocabulary;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a bearer token is good and what it grants, following the contract
 * ({@code docs/contract.md} in the repository).
 *
 * <p>Checks run cheapest first, so garbage, unknown keys and expired tokens cost no signature math:
 * size; shape (three strict base64url segments); header ({@code typ}, {@code crit}, {@code alg}
 * allow-list, {@code kid}); key (known, and accepting the algorithm); time window ({@code exp},
 * {@code nbf}, lifetime); required claims and their types; issuer allow-list; signature; and last
 * the replay cache, so a {@code jti} is recorded only after everything else passed.
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

    /**
     * Time claims at or above this many seconds (10¹¹, the year 5138 — or 1973 read as
     * milliseconds) are refused as {@link Reason#TIMESTAMP_IN_MILLISECONDS}.
     */
    public static final long MILLIS_THRESHOLD = 100_000_000_000L;
    /** Time claims at or above this overflow when turned into milliseconds: {@link Reason#INVALID_CLAIM}. */
    public static final long OVERFLOW_THRESHOLD = Long.MAX_VALUE / 1000;

    private final KeyResolver keys;
    private final Set<Algorithm> algorithms;
    private final Duration clockSkew;
    private final long skewSeconds;
    private final Duration maxLifetime;
    private final Set<String> issuers;
    private final int maxTokenSize;
    private final ReplayPolicy replayPolicy;
    private final ReplayCache replayCache;
    private final ScopeVocabulary vocabulary;
    private final TokenProfile profile;
    private final Clock clock;
    /** Tokens that passed every check, by their full text; null when the cache is off. */
    private final Cache<String, VerifiedToken> verifiedTokens;

    private TokenVerifier(Builder b) {
        this.keys = b.keys;
        this.algorithms = Set.copyOf(b.algorithms);
        this.clockSkew = b.clockSkew;
        this.skewSeconds = b.clockSkew.getSeconds();
        this.maxLifetime = b.maxLifetime;
        this.issuers = b.issuers;
        this.maxTokenSize = b.maxTokenSize;
        this.replayPolicy = b.replayPolicy;
        this.clock = b.clock;
        this.replayCache = b.replayCache != null ? b.replayCache
                : CaffeineReplayCache.create(b.clock, CaffeineReplayCache.DEFAULT_MAXIMUM_SIZE);
        this.vocabulary = b.vocabulary;
        this.profile = b.profile;
        this.verifiedTokens = b.verifiedTokenCacheSize == 0 ? null : newVerifiedTokenCache(b.verifiedTokenCacheSize, b.clock);
    }

    /** A builder with the contract's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies a compact JWS (the text after {@code Bearer }).
     *
     * @param token the token, untrusted
     * @return the verified token
     * @throws TokenRejectedException   if the token is at fault (401; reason and description say why)
     * @throws VerifierUnavailableException if the server cannot decide (key source or replay store
     *                                      unavailable): answer 503
     */
    public VerifiedToken verify(String token) throws TokenRejectedException {
        if (token == null || token.isEmpty()) {
            throw reject(Reason.MALFORMED, "token is empty");
        }
        if (token.length() > maxTokenSize) {
            throw reject(Reason.TOO_LARGE, "token is longer than " + maxTokenSize + " characters");
        }
        if (verifiedTokens != null) {
            VerifiedToken cached = fromCache(token);
            if (cached != null) {
                return cached;
            }
        }
        int dot1 = token.indexOf('.');
        int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
        if (dot1 <= 0 || dot2 < 0 || token.indexOf('.', dot2 + 1) >= 0) {
            throw reject(Reason.MALFORMED, "token is not three dot-separated segments");
        }
        if (dot2 == dot1 + 1 || dot2 == token.length() - 1) {
            throw reject(Reason.MALFORMED, "token has an empty segment");
        }
        if (!Base64Url.isStrict(token, 0, dot1) || !Base64Url.isStrict(token, dot1 + 1, dot2)
                || !Base64Url.isStrict(token, dot2 + 1, token.length())) {
            throw reject(Reason.MALFORMED, "token segments are not strict base64url");
        }

        // Header.
        Map<String, Object> header = json(token, 0, dot1, "header");
        Object typ = header.get("typ");
        if (typ == null) {
            throw reject(Reason.MALFORMED, "typ header is missing");
        }
        if (!(typ instanceof String t) || !t.equalsIgnoreCase("JWT")) {
            throw reject(Reason.MALFORMED, "typ header is not JWT");
        }
        if (header.containsKey("crit")) {
            throw reject(Reason.MALFORMED, "crit header is not supported");
        }
        Object algName = header.get("alg");
        if (!(algName instanceof String)) {
            throw reject(Reason.MALFORMED, "alg header is missing");
        }
        Algorithm alg = Algorithm.fromJoseName((String) algName).orElse(null);
        if (alg == null || !algorithms.contains(alg)) {
            throw reject(Reason.UNSUPPORTED_ALGORITHM, "algorithm is not allowed");
        }
        Object kidValue = header.get("kid");
        if (!(kidValue instanceof String kid) || kid.isEmpty()) {
            throw reject(Reason.MALFORMED, "kid header is missing");
        }
        TrustedKey key = keys.resolve(kid).orElse(null);
        if (key == null) {
            throw new TokenRejectedException(BearerError.of(Reason.UNKNOWN_KEY, "unknown kid"), kid, null, null);
        }
        if (!key.accepts(alg)) {
            throw new TokenRejectedException(BearerError.of(Reason.UNSUPPORTED_ALGORITHM,
                    "algorithm does not match the key"), kid, null, null);
        }

        // Claims.
        Map<String, Object> claims = json(token, dot1 + 1, dot2, "claims");
        String jti = optionalStringForLog(claims.get("jti"));
        String iss = optionalStringForLog(claims.get("iss"));
        Ids ids = new Ids(kid, jti, iss);
        long now = clock.instant().getEpochSecond();

        Instant exp = time(claims, "exp", true, ids);
        Instant nbf = time(claims, "nbf", profile == TokenProfile.API, ids);
        Instant iat = time(claims, "iat", false, ids);
        if (nbf != null && !exp.isAfter(nbf)) {
            throw ids.reject(Reason.INVALID_CLAIM, "exp is not after nbf");
        }
        checkWindow(now, nbf, exp, ids);
        if (maxLifetime != null) {
            Instant start = nbf != null ? nbf : iat;
            if (start == null) {
                throw ids.reject(Reason.MISSING_CLAIM, "nbf or iat is required to check the token lifetime");
            }
            if (Duration.between(start, exp).compareTo(maxLifetime) > 0) {
                throw ids.reject(Reason.LIFETIME_TOO_LONG, "token lifetime exceeds " + maxLifetime.getSeconds() + " s");
            }
        }

        GrantedScopes granted = GrantedScopes.NONE;
        EmbedPins embed = null;
        String checkoutSessionId = null;
        if (profile == TokenProfile.API) {
            iss = requiredString(claims, "iss", ids);
            jti = requiredString(claims, "jti", ids);
            granted = GrantedScopes.of(scopes(claims, ids));
            Object e = claims.get("embed");
            if (e != null) {
                if (!(e instanceof Map<?, ?> m)) {
                    throw ids.reject(Reason.INVALID_CLAIM, "embed is not an object");
                }
                try {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> em = (Map<String, Object>) m;
                    embed = EmbedPins.of(em);
                } catch (IllegalArgumentException ex) {
                    throw ids.reject(Reason.INVALID_CLAIM, ex.getMessage());
                }
            }
            checkoutSessionId = optionalString(claims, "checkout_session_id", ids);
        } else {
            for (String c : new String[] {"partner_id", "client_id", "customer_id", "invoice_id"}) {
                requiredString(claims, c, ids);
            }
            iss = optionalString(claims, "iss", ids);
            jti = optionalString(claims, "jti", ids);
            if (jti != null && jti.isEmpty()) {
                throw ids.reject(Reason.INVALID_CLAIM, "jti is empty");
            }
        }
        if (!issuers.isEmpty()) {
            if (iss == null) {
                throw ids.reject(Reason.MISSING_CLAIM, "iss claim is missing");
            }
            if (!issuers.contains(iss)) {
                throw ids.reject(Reason.UNTRUSTED_ISSUER, "issuer is not trusted");
            }
        }

        // Signature.
        byte[] signature;
        try {
            signature = Base64Url.decode(token, dot2 + 1, token.length());
        } catch (IllegalArgumentException e) {
            throw ids.reject(Reason.MALFORMED, "signature is not canonical base64url");
        }
        byte[] signingInput = token.substring(0, dot2).getBytes(StandardCharsets.US_ASCII);
        if (!key.verifySignature(alg, signingInput, signature)) {
            throw ids.reject(Reason.BAD_SIGNATURE, "signature does not verify");
        }

        long fingerprint = fingerprint(token);
        checkReplay(jti, fingerprint, exp, granted, ids);
        VerifiedToken verified = new VerifiedToken(profile, key, alg, iss, jti, nbf, exp, iat, granted, embed,
                checkoutSessionId, claims, fingerprint, this);
        if (verifiedTokens != null) {
            verifiedTokens.put(token, verified);
        }
        return verified;
    }

    // -- verified-token cache ----------------------------------------------------------------------

    private static Cache<String, VerifiedToken> newVerifiedTokenCache(int maxEntries, Clock clock) {
        return Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(() -> Math.multiplyExact(clock.millis(), 1_000_000L))
                .expireAfter(new Expiry<String, VerifiedToken>() {
                    @Override
                    public long expireAfterCreate(String key, VerifiedToken value, long currentTime) {
                        // Useless once expired; the time window is re-checked on every hit anyway.
                        // Saturating: a far-future exp (year 2262 and later) must not overflow.
                        long until = value.expiresAt().toEpochMilli();
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
                .build();
    }

    /**
     * A token that passed every check before, re-checked for what can change since: its key must
     * still be the one the resolver returns (else the entry is dropped and the full path decides),
     * the time window, and the replay policy (a single-use token is refused the second time).
     * Returns null on a miss. The cache is keyed by the whole token text, so only the very same
     * token can hit.
     */
    private VerifiedToken fromCache(String token) throws TokenRejectedException {
        VerifiedToken t = verifiedTokens.getIfPresent(token);
        if (t == null) {
            return null;
        }
        TrustedKey current = keys.resolve(t.kid()).orElse(null);
        if (current != t.key()) {
            verifiedTokens.invalidate(token);
            return null;
        }
        Ids ids = new Ids(t.kid(), t.jti().orElse(null), t.issuer().orElse(null));
        // An expired entry also leaves the cache by itself, at exp (see newVerifiedTokenCache).
        checkWindow(clock.instant().getEpochSecond(), t.notBefore().orElse(null), t.expiresAt(), ids);
        checkReplay(t.jti().orElse(null), t.fingerprint(), t.expiresAt(), t.scopes(), ids);
        return t;
    }

    /** The time window, with the skew on both ends; one rule for fresh and cached tokens. */
    private void checkWindow(long now, Instant nbf, Instant exp, Ids ids) throws TokenRejectedException {
        if (now - skewSeconds >= exp.getEpochSecond() + (exp.getNano() > 0 ? 1 : 0)) {
            throw ids.reject(Reason.EXPIRED, "token expired");
        }
        if (nbf != null && now + skewSeconds < nbf.getEpochSecond()) {
            throw ids.reject(Reason.NOT_YET_VALID, "token is not yet valid");
        }
    }

    /**
     * Records the {@code jti} under the replay policy; one rule for fresh and cached tokens. Runs
     * last, so a forged token cannot burn a real one.
     */
    private void checkReplay(String jti, long fingerprint, Instant exp, GrantedScopes granted, Ids ids)
            throws TokenRejectedException {
        if (replayPolicy == ReplayPolicy.OFF || jti == null) {
            return;
        }
        boolean reusable = switch (replayPolicy) {
            case SINGLE_USE -> false;
            case DEFAULT -> profile == TokenProfile.CHECKOUT || granted.declared().contains(Scope.EMBED);
            default -> true;
        };
        ReplayCache.Outcome outcome = replayCache.record(jti, fingerprint, exp.plus(clockSkew));
        boolean ok = outcome == ReplayCache.Outcome.FIRST_USE
                || (reusable && outcome == ReplayCache.Outcome.SAME_TOKEN);
        if (!ok) {
            throw ids.reject(Reason.REPLAYED, outcome == ReplayCache.Outcome.OTHER_TOKEN
                    ? "jti was already used by another token" : "token was already used");
        }
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

    // ---------------------------------------------------------------------------------------------

    private record Ids(String kid, String jti, String iss) {
        TokenRejectedException reject(Reason reason, String description) {
            return new TokenRejectedException(BearerError.of(reason, description), kid, jti, iss);
        }
    }

    private static TokenRejectedException reject(Reason reason, String description) {
        return new TokenRejectedException(BearerError.of(reason, description));
    }

    private static Map<String, Object> json(String token, int from, int to, String what)
            throws TokenRejectedException {
        byte[] bytes;
        try {
            bytes = Base64Url.decode(token, from, to);
        } catch (IllegalArgumentException e) {
            throw reject(Reason.MALFORMED, what + " is not canonical base64url");
        }
        String text;
        boolean ascii = true;
        for (byte x : bytes) {
            if (x < 0) {
                ascii = false;
                break;
            }
        }
        try {
            // Pure ASCII (the usual case) is valid UTF-8 as it stands: skip the decoder.
            text = ascii ? new String(bytes, StandardCharsets.US_ASCII) : StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw reject(Reason.MALFORMED, what + " is not UTF-8");
        }
        try {
            return StrictJson.parseObject(text);
        } catch (StrictJson.JsonException e) {
            throw reject(Reason.MALFORMED, what + " is not a strict JSON object (" + e.getMessage() + ")");
        }
    }

    private static String optionalStringForLog(Object v) {
        return v instanceof String s ? s : null;
    }

    private static String requiredString(Map<String, Object> claims, String name, Ids ids)
            throws TokenRejectedException {
        Object v = claims.get(name);
        if (v == null) {
            throw ids.reject(Reason.MISSING_CLAIM, name + " claim is missing");
        }
        if (!(v instanceof String s) || s.isEmpty()) {
            throw ids.reject(Reason.INVALID_CLAIM, name + " claim is not a non-empty string");
        }
        return s;
    }

    private static String optionalString(Map<String, Object> claims, String name, Ids ids)
            throws TokenRejectedException {
        Object v = claims.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw ids.reject(Reason.INVALID_CLAIM, name + " claim is not a string");
        }
        return s;
    }

    private static List<String> scopes(Map<String, Object> claims, Ids ids) throws TokenRejectedException {
        Object v = claims.get("scopes");
        if (v == null) {
            throw ids.reject(Reason.MISSING_CLAIM, "scopes claim is missing");
        }
        if (!(v instanceof List<?> list)) {
            throw ids.reject(Reason.INVALID_CLAIM, "scopes claim is not an array of strings");
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw ids.reject(Reason.INVALID_CLAIM, "scopes claim is not an array of strings");
            }
            out.add(s);
        }
        return out;
    }

    /** Reads a NumericDate claim (RFC 7519 §2), refusing milliseconds and overflowing values. */
    private static Instant time(Map<String, Object> claims, String name, boolean required, Ids ids)
            throws TokenRejectedException {
        Object v = claims.get(name);
        if (v == null) {
            if (required) {
                throw ids.reject(Reason.MISSING_CLAIM, name + " claim is missing");
            }
            return null;
        }
        if (!(v instanceof Number)) {
            throw ids.reject(Reason.INVALID_CLAIM, name + " claim is not a number");
        }
        if (v instanceof Long l) {
            // The field's SDKs send integers: the same checks, without BigDecimal (cheap refusals).
            if (l < 0) {
                throw ids.reject(Reason.INVALID_CLAIM, name + " claim is negative");
            }
            if (l >= OVERFLOW_THRESHOLD) {
                throw ids.reject(Reason.INVALID_CLAIM, name + " claim is out of range");
            }
            if (l >= MILLIS_THRESHOLD) {
                throw ids.reject(Reason.TIMESTAMP_IN_MILLISECONDS,
                        name + " claim looks like milliseconds; NumericDate is seconds");
            }
            return Instant.ofEpochSecond(l);
        }
        BigDecimal d = v instanceof BigDecimal bd ? bd
                : v instanceof BigInteger bi ? new BigDecimal(bi) : BigDecimal.valueOf(((Number) v).longValue());
        if (d.signum() < 0) {
            throw ids.reject(Reason.INVALID_CLAIM, name + " claim is negative");
        }
        if (d.compareTo(BigDecimal.valueOf(OVERFLOW_THRESHOLD)) >= 0) {
            throw ids.reject(Reason.INVALID_CLAIM, name + " claim is out of range");
        }
        if (d.compareTo(BigDecimal.valueOf(MILLIS_THRESHOLD)) >= 0) {
            throw ids.reject(Reason.TIMESTAMP_IN_MILLISECONDS,
                    name + " claim looks like milliseconds; NumericDate is seconds");
        }
        long seconds = d.longValue();
        int nanos = d.subtract(BigDecimal.valueOf(seconds)).movePointRight(9).intValue();
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static long fingerprint(String token) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return ByteBuffer.wrap(h).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

        private Builder() {
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
