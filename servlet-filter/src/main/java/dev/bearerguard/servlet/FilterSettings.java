package dev.bearerguard.servlet;

import dev.bearerguard.core.Algorithm;
import dev.bearerguard.core.DurationSyntax;
import dev.bearerguard.core.Authorizer;
import dev.bearerguard.core.BearerChallenge;
import dev.bearerguard.core.BearerError;
import dev.bearerguard.core.Reason;
import dev.bearerguard.core.Sanitizer;
import dev.bearerguard.core.TokenProfile;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.http.RequestGuard;
import dev.bearerguard.core.http.ScopeRules;
import dev.bearerguard.core.keys.KeyLoadException;
import dev.bearerguard.core.keys.JwksKeyResolver;
import dev.bearerguard.core.keys.KeyLoader;
import dev.bearerguard.core.keys.KeyLocation;
import dev.bearerguard.core.keys.KeyResolver;
import dev.bearerguard.core.keys.KeyRestrictionRule;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.keys.WatchedKeyFolder;
import dev.bearerguard.core.limit.InMemoryRateLimiter;
import dev.bearerguard.core.limit.RateLimiter;
import dev.bearerguard.core.replay.CaffeineReplayCache;
import dev.bearerguard.core.replay.ReplayPolicy;
import dev.bearerguard.core.replay.ReplayStore;
import dev.bearerguard.core.replay.ReplayStoreRequest;
import dev.bearerguard.core.replay.ReplayStores;
import dev.bearerguard.core.scope.ScopeVocabulary;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A filter's whole configuration, immutable once made: the request guard (the verifier and every
 * per-request decision: realm, merchant header, HTTPS policy, authorizer, rate-limit buckets) and
 * the {@code scope-rules} naming each request's operation. Made from web.xml init-params by {@link
 * #fromInitParams} or in code by {@link BearerTokenFilter.Builder}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param guard the request guard
 * @param rules the scope rules
 * @param owned what the filter made and {@code destroy} closes: a key source's background refresh,
 *              the replay store the init-params opened ({@code replay-store})
 */
record FilterSettings(RequestGuard guard, ScopeRules rules, AutoCloseable owned) {

    static final String DEFAULT_REALM = RequestGuard.DEFAULT_REALM;
    static final String DEFAULT_MERCHANT_HEADER = RequestGuard.DEFAULT_MERCHANT_HEADER;

    // Init-param names (documented in README-section.md).
    static final String KEYS = "keys";
    static final String KEYS_REFRESH_INTERVAL = "keys-refresh-interval";
    static final String KEYS_CACHE_LIFETIME = "keys-cache-lifetime";
    static final String KEYS_MAX_STALENESS = "keys-max-staleness";
    static final String KEYS_CONNECT_TIMEOUT = "keys-connect-timeout";
    static final String KEYS_READ_TIMEOUT = "keys-read-timeout";
    static final String ALGORITHMS = "algorithms";
    static final String CLOCK_SKEW = "clock-skew";
    static final String MAX_LIFETIME = "max-lifetime";
    static final String ISSUERS = "issuers";
    static final String REPLAY = "replay";
    static final String REPLAY_CACHE_SIZE = "replay-cache-size";
    static final String REPLAY_STORE = "replay-store";
    static final String REPLAY_STORE_PASSWORD_ENV = "replay-store-password-env";
    static final String REPLAY_STORE_PASSWORD_FILE = "replay-store-password-file";
    static final String REALM = "realm";
    static final String MAX_TOKEN_SIZE = "max-token-size";
    static final String REQUIRE_HTTPS = "require-https";
    static final String TRUST_FORWARDED_PROTO = "trust-forwarded-proto";
    static final String MERCHANT_HEADER = "merchant-header";
    static final String SCOPE_RULES = "scope-rules";
    static final String PROFILE = "profile";
    static final String KEY_RESTRICTIONS = "key-restrictions";
    static final String SCOPE_VOCABULARY = "scope-vocabulary";
    static final String VERIFIER_ATTRIBUTE = "verifier-attribute";
    static final String AUDIT_LEVEL = "audit-level";
    static final String VERIFIED_TOKEN_CACHE = "verified-token-cache";

    /** Parameters that configure the verifier itself, so they conflict with a ready verifier. */
    private static final List<String> VERIFIER_PARAMS = List.of(KEYS, ALGORITHMS, CLOCK_SKEW, MAX_LIFETIME,
            ISSUERS, REPLAY, REPLAY_CACHE_SIZE, REPLAY_STORE, REPLAY_STORE_PASSWORD_ENV, REPLAY_STORE_PASSWORD_FILE,
            MAX_TOKEN_SIZE, PROFILE, KEY_RESTRICTIONS, SCOPE_VOCABULARY,
            KEYS_REFRESH_INTERVAL, KEYS_CACHE_LIFETIME, KEYS_MAX_STALENESS, KEYS_CONNECT_TIMEOUT, KEYS_READ_TIMEOUT,
            VERIFIED_TOKEN_CACHE);

    /** The settings of a key source that changes, and the sources each applies to. */
    private static final List<String> URL_ONLY = List.of(KEYS_CACHE_LIFETIME, KEYS_CONNECT_TIMEOUT, KEYS_READ_TIMEOUT);
    private static final List<String> LIVE_ONLY = List.of(KEYS_REFRESH_INTERVAL, KEYS_MAX_STALENESS);

    static final Set<String> KNOWN = Set.of(KEYS, ALGORITHMS, CLOCK_SKEW, MAX_LIFETIME, ISSUERS, REPLAY,
            REPLAY_CACHE_SIZE, REPLAY_STORE, REPLAY_STORE_PASSWORD_ENV, REPLAY_STORE_PASSWORD_FILE, REALM, MAX_TOKEN_SIZE,
            REQUIRE_HTTPS, TRUST_FORWARDED_PROTO, MERCHANT_HEADER, SCOPE_RULES, PROFILE, KEY_RESTRICTIONS,
            SCOPE_VOCABULARY, VERIFIER_ATTRIBUTE, KEYS_REFRESH_INTERVAL, KEYS_CACHE_LIFETIME, KEYS_MAX_STALENESS,
            KEYS_CONNECT_TIMEOUT, KEYS_READ_TIMEOUT, VERIFIED_TOKEN_CACHE,
            AUDIT_LEVEL);


    FilterSettings {
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(owned, "owned");
    }

    /** Settings that own nothing (a filter configured in code: the verifier belongs to its builder). */
    FilterSettings(RequestGuard guard, ScopeRules rules) {
        this(guard, rules, () -> { });
    }

    /** The verifier. */
    TokenVerifier verifier() {
        return guard.verifier();
    }

    /**
     * Reads every init-param, refusing the first bad one.
     *
     * @throws ServletException naming the parameter and what is wrong with it; the filter then never
     *                          starts, so the application never runs half-protected
     */
    static FilterSettings fromInitParams(FilterConfig config) throws ServletException {
        Map<String, String> p = new LinkedHashMap<>();
        for (String name : Collections.list(config.getInitParameterNames())) {
            p.put(name, config.getInitParameter(name));
        }
        for (String name : p.keySet()) {
            if (!KNOWN.contains(name)) {
                throw new ServletException(message(name, "unknown init-param; known are "
                        + new TreeSet<>(KNOWN)));
            }
        }
        ServletContext context = config.getServletContext();

        Optional<ReplayStore> store = Optional.empty();
        try {
            if (!p.containsKey(VERIFIER_ATTRIBUTE)) {
                store = openStore(p);
            }
            FilterSettings s = fromInitParams(p, context, store);
            store = Optional.empty(); // handed over
            return s;
        } finally {
            store.ifPresent(ReplayStore::close);
        }
    }

    /** Opens {@code replay-store} (with its password from an environment variable or a file), if given. */
    private static Optional<ReplayStore> openStore(Map<String, String> p) throws ServletException {
        if (!p.containsKey(REPLAY_STORE)) {
            for (String name : List.of(REPLAY_STORE_PASSWORD_ENV, REPLAY_STORE_PASSWORD_FILE)) {
                if (p.containsKey(name)) {
                    throw new ServletException(message(name, "is given without " + REPLAY_STORE));
                }
            }
            return Optional.empty();
        }
        if (p.containsKey(REPLAY_CACHE_SIZE)) {
            throw new ServletException(message(REPLAY_CACHE_SIZE, "sizes the in-memory cache; it cannot be combined with "
                    + REPLAY_STORE + " (the store has its own bounds)"));
        }
        if (p.containsKey(REPLAY_STORE_PASSWORD_ENV) && p.containsKey(REPLAY_STORE_PASSWORD_FILE)) {
            throw new ServletException(message(REPLAY_STORE_PASSWORD_FILE, "and " + REPLAY_STORE_PASSWORD_ENV
                    + " both give the password; give one"));
        }
        ReplayStoreRequest request = param(REPLAY_STORE, () -> ReplayStoreRequest.of(p.get(REPLAY_STORE), Clock.systemUTC()));
        if (p.containsKey(REPLAY_STORE_PASSWORD_ENV)) {
            String password = param(REPLAY_STORE_PASSWORD_ENV,
                    () -> ReplayStoreRequest.passwordFromEnvironment(p.get(REPLAY_STORE_PASSWORD_ENV).strip(), System::getenv));
            request = request.withPassword(password);
        }
        if (p.containsKey(REPLAY_STORE_PASSWORD_FILE)) {
            String password = param(REPLAY_STORE_PASSWORD_FILE,
                    () -> ReplayStoreRequest.passwordFromFile(java.nio.file.Path.of(p.get(REPLAY_STORE_PASSWORD_FILE).strip())));
            request = request.withPassword(password);
        }
        ReplayStoreRequest r = request;
        return Optional.of(param(REPLAY_STORE, () -> ReplayStores.open(r)));
    }

    private static FilterSettings fromInitParams(Map<String, String> p, ServletContext context,
            Optional<ReplayStore> store) throws ServletException {
        TokenVerifier verifier;
        AutoCloseable[] owned = {() -> { }};
        if (p.containsKey(VERIFIER_ATTRIBUTE)) {
            for (String v : VERIFIER_PARAMS) {
                if (p.containsKey(v)) {
                    throw new ServletException(message(v, "cannot be combined with " + VERIFIER_ATTRIBUTE
                            + " (configure the verifier in code instead)"));
                }
            }
            String attr = p.get(VERIFIER_ATTRIBUTE).strip();
            Object o = attr.isEmpty() ? null : context.getAttribute(attr);
            if (!(o instanceof TokenVerifier tv)) {
                throw new ServletException(message(VERIFIER_ATTRIBUTE, "the servlet context attribute `" + attr
                        + "` holds no " + TokenVerifier.class.getName()
                        + " (set it from a ServletContextListener, which runs before filters start)"));
            }
            verifier = tv;
        } else {
            verifier = buildVerifier(p, context, owned, store);
        }

        ScopeRules rules = param(SCOPE_RULES, () -> ScopeRules.parse(p.get(SCOPE_RULES), verifier.vocabulary()));
        boolean requireHttps = bool(p, REQUIRE_HTTPS);
        boolean trustForwarded = bool(p, TRUST_FORWARDED_PROTO);
        if (trustForwarded && !requireHttps) {
            throw new ServletException(message(TRUST_FORWARDED_PROTO, "is true but " + REQUIRE_HTTPS
                    + " is not; set " + REQUIRE_HTTPS + " to true as well, or remove " + TRUST_FORWARDED_PROTO));
        }
        String realm = p.getOrDefault(REALM, DEFAULT_REALM).strip();
        param(REALM, () -> RequestGuard.builder(verifier).realm(realm).build());
        String header = p.getOrDefault(MERCHANT_HEADER, DEFAULT_MERCHANT_HEADER).strip();
        RequestGuard.Builder g = RequestGuard.builder(verifier).adapter("servlet").realm(realm)
                .merchantHeader(header).requireHttps(requireHttps).trustForwardedProto(trustForwarded);
        store.ifPresent(st -> g.rateLimiter(st.rateLimiter()));
        if (p.containsKey(AUDIT_LEVEL)) {
            g.auditLevel(param(AUDIT_LEVEL, () -> RequestGuard.parseAuditLevel(p.get(AUDIT_LEVEL))));
        }
        RequestGuard guard = param(MERCHANT_HEADER, g::build);
        AutoCloseable keySource = owned[0];
        return new FilterSettings(guard, rules, () -> {
            try {
                keySource.close();
            } finally {
                store.ifPresent(ReplayStore::close);
            }
        });
    }

    private static TokenVerifier buildVerifier(Map<String, String> p, ServletContext context, AutoCloseable[] owned,
            Optional<ReplayStore> store)
            throws ServletException {
        TokenVerifier.Builder b = TokenVerifier.builder();
        if (!p.containsKey(KEYS) || p.get(KEYS).isBlank()) {
            throw new ServletException(message(KEYS, "is required (a JWKS URL, a key folder, key files or "
                    + "classpath:resource), unless " + VERIFIER_ATTRIBUTE + " names a ready verifier"));
        }
        KeyLocation where = param(KEYS, () -> KeyLocation.parse(p.get(KEYS)));
        if (where instanceof KeyLocation.FileList files) {
            for (String live : List.of(KEYS_REFRESH_INTERVAL, KEYS_MAX_STALENESS, KEYS_CACHE_LIFETIME,
                    KEYS_CONNECT_TIMEOUT, KEYS_READ_TIMEOUT)) {
                if (p.containsKey(live)) {
                    throw new ServletException(message(live, "applies to a JWKS URL or a key folder, and `keys` names files"));
                }
            }
            KeySet loaded = param(KEYS, () -> loadKeys(files.locations(), context));
            b.keys(p.containsKey(KEY_RESTRICTIONS)
                    ? param(KEY_RESTRICTIONS, () -> restrict(loaded, p.get(KEY_RESTRICTIONS)))
                    : loaded);
        } else {
            KeySourceResolver live = liveKeys(where, p);
            owned[0] = live.closer();
            b.keys(live.resolver());
        }
        if (p.containsKey(ALGORITHMS)) {
            b.algorithms(param(ALGORITHMS, () -> Algorithm.parseList(p.get(ALGORITHMS))));
        }
        if (p.containsKey(CLOCK_SKEW)) {
            Duration skew = param(CLOCK_SKEW, () -> duration(p.get(CLOCK_SKEW)));
            param(CLOCK_SKEW, () -> b.clockSkew(skew));
        }
        if (p.containsKey(MAX_LIFETIME) && !p.get(MAX_LIFETIME).strip().equalsIgnoreCase("none")) {
            Duration max = param(MAX_LIFETIME, () -> duration(p.get(MAX_LIFETIME)));
            param(MAX_LIFETIME, () -> b.maxLifetime(max));
        }
        if (p.containsKey(ISSUERS)) {
            b.issuers(list(p.get(ISSUERS)));
        }
        if (p.containsKey(MAX_TOKEN_SIZE)) {
            int size = param(MAX_TOKEN_SIZE, () -> integer(p.get(MAX_TOKEN_SIZE)));
            param(MAX_TOKEN_SIZE, () -> b.maxTokenSize(size));
        }
        if (p.containsKey(REPLAY)) {
            b.replayPolicy(param(REPLAY, () -> ReplayPolicy.parse(p.get(REPLAY))));
        }
        store.ifPresent(st -> b.replayCache(st.replayCache()));
        if (p.containsKey(REPLAY_CACHE_SIZE)) {
            long size = param(REPLAY_CACHE_SIZE, () -> (long) integer(p.get(REPLAY_CACHE_SIZE)));
            b.replayCache(param(REPLAY_CACHE_SIZE, () -> CaffeineReplayCache.create(Clock.systemUTC(), size)));
        }
        if (p.containsKey(PROFILE)) {
            b.profile(param(PROFILE, () -> TokenProfile.parse(p.get(PROFILE))));
        }
        if (p.containsKey(SCOPE_VOCABULARY)) {
            b.vocabulary(param(SCOPE_VOCABULARY, () -> ScopeVocabulary.parse(p.get(SCOPE_VOCABULARY))));
        }
        if (p.containsKey(VERIFIED_TOKEN_CACHE)) {
            int size = param(VERIFIED_TOKEN_CACHE, () -> integer(p.get(VERIFIED_TOKEN_CACHE)));
            param(VERIFIED_TOKEN_CACHE, () -> b.verifiedTokenCache(size));
        }
        return b.build();
    }

    // ----------------------------------------------------------------------------- value parsers

    /** {@code 60s}, {@code 500ms}, {@code 2m}, {@code 1h}, or ISO-8601 ({@code PT1M}); a unit is required. */
    static Duration duration(String raw) {
        return DurationSyntax.parse(raw);
    }

    static int integer(String raw) {
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("`" + Sanitizer.text(raw.strip()) + "` is not a whole number");
        }
    }

    private static boolean bool(Map<String, String> p, String name) throws ServletException {
        String v = p.get(name);
        if (v == null) {
            return false;
        }
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ServletException(message(name, "`" + Sanitizer.text(v.strip()) + "` is not true or false"));
        };
    }

    /** Splits at commas and whitespace, dropping empty items, keeping order. */
    static Set<String> list(String raw) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : raw.split("[,\\s]+")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** A key source that changes while the API runs, and how to stop it. */
    private record KeySourceResolver(KeyResolver resolver, AutoCloseable closer) {
    }

    /**
     * The JWKS URL or the watched folder {@code keys} names, with the {@code keys-*} settings. A
     * URL's first fetch is waited for (at most its timeouts); if the key service cannot be reached
     * the application starts and answers 503 until it can. A folder whose first scan finds no
     * usable key stops the application, as a bad key file does.
     */
    private static KeySourceResolver liveKeys(KeyLocation where, Map<String, String> p) throws ServletException {
        List<KeyRestrictionRule> rules = p.containsKey(KEY_RESTRICTIONS)
                ? param(KEY_RESTRICTIONS, () -> KeyRestrictionRule.parseLines(p.get(KEY_RESTRICTIONS)))
                : List.of();
        Duration refresh = optionalDuration(p, KEYS_REFRESH_INTERVAL);
        Duration staleness = optionalDuration(p, KEYS_MAX_STALENESS);
        if (where instanceof KeyLocation.JwksUrl url) {
            Duration lifetime = optionalDuration(p, KEYS_CACHE_LIFETIME);
            Duration connect = optionalDuration(p, KEYS_CONNECT_TIMEOUT);
            Duration read = optionalDuration(p, KEYS_READ_TIMEOUT);
            JwksKeyResolver jwks = param(KEYS, () -> {
                JwksKeyResolver.Builder jb = JwksKeyResolver.builder(url.uri()).restrictions(rules);
                if (refresh != null) {
                    jb.refreshInterval(refresh);
                }
                if (staleness != null) {
                    jb.maxStaleness(staleness);
                }
                if (lifetime != null) {
                    // one setting for the lifetime without max-age; the floor and ceiling follow it
                    jb.cacheLifetime(lifetime).minCacheLifetime(min(lifetime, Duration.ofMinutes(1)))
                            .maxCacheLifetime(max(lifetime, Duration.ofHours(1)));
                }
                if (connect != null) {
                    jb.connectTimeout(connect);
                }
                if (read != null) {
                    jb.readTimeout(read);
                }
                return jb.build();
            });
            jwks.refresh(); // logged by the resolver when it fails; 503 until a fetch succeeds
            return new KeySourceResolver(jwks, jwks);
        }
        for (String urlOnly : URL_ONLY) {
            if (p.containsKey(urlOnly)) {
                throw new ServletException(message(urlOnly, "applies to a JWKS URL, and `keys` names a folder"));
            }
        }
        Path folder = ((KeyLocation.Folder) where).path();
        WatchedKeyFolder watched = param(KEYS, () -> {
            WatchedKeyFolder.Builder wb = WatchedKeyFolder.builder(folder).restrictions(rules);
            if (refresh != null) {
                wb.refreshInterval(refresh);
            }
            if (staleness != null) {
                wb.maxStaleness(staleness);
            }
            return wb.build();
        });
        if (!watched.health().ready()) {
            watched.close();
            throw new ServletException(message(KEYS, watched.health().problems().get(0)));
        }
        return new KeySourceResolver(watched, watched);
    }

    private static Duration optionalDuration(Map<String, String> p, String name) throws ServletException {
        return p.containsKey(name) ? param(name, () -> duration(p.get(name))) : null;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    static KeySet loadKeys(List<String> locations, ServletContext context) {
        List<TrustedKey> all = new ArrayList<>();
        for (String loc : locations) {
            if (loc.startsWith("classpath:")) {
                String name = loc.substring("classpath:".length());
                name = name.startsWith("/") ? name.substring(1) : name;
                ClassLoader cl = context != null && context.getClassLoader() != null
                        ? context.getClassLoader() : FilterSettings.class.getClassLoader();
                URL url = cl.getResource(name);
                if (url == null) {
                    throw new KeyLoadException("classpath resource `" + name + "` not found");
                }
                try (InputStream in = url.openStream()) {
                    byte[] bytes = in.readNBytes((1 << 20) + 1);
                    if (bytes.length > 1 << 20) {
                        throw new KeyLoadException("classpath resource `" + name + "` is larger than 1 MiB");
                    }
                    all.addAll(KeyLoader.parse(new String(bytes, StandardCharsets.UTF_8), loc));
                } catch (IOException e) {
                    throw new KeyLoadException("cannot read classpath resource `" + name + "`: "
                            + e.getClass().getSimpleName(), e);
                }
            } else {
                all.addAll(KeyLoader.load(Path.of(loc)).keys());
            }
        }
        if (all.isEmpty()) {
            throw new KeyLoadException("names no key location");
        }
        return KeySet.of(all);
    }

    /** Lines of {@code KID MERCHANTS [full|processing]}, read by {@link KeyRestrictionRule}. */
    static KeySet restrict(KeySet keys, String raw) {
        return KeyRestrictionRule.apply(keys, KeyRestrictionRule.parseLines(raw));
    }


    // ----------------------------------------------------------------------------- error plumbing

    @FunctionalInterface
    private interface Step<T> {
        T get();
    }

    private static <T> T param(String name, Step<T> step) throws ServletException {
        try {
            return step.get();
        } catch (IllegalArgumentException | IllegalStateException | KeyLoadException e) {
            throw new ServletException(message(name, Optional.ofNullable(e.getMessage())
                    .orElse(e.getClass().getSimpleName())));
        }
    }

    static String message(String param, String problem) {
        return "bearerguard: init-param `" + param + "`: " + problem;
    }

}
