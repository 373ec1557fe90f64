package dev.bearerguard.core.keys;

import dev.bearerguard.core.Sanitizer;
import dev.bearerguard.core.observe.BearerguardListener;
import dev.bearerguard.core.observe.Health;
import dev.bearerguard.core.observe.KeySourceEvent;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * Trusted keys fetched from a JWKS URL (RFC 7517 §5), the API owner's key service, and kept up to
 * date while the API runs. Built by {@link #builder(URI)}; defaults in the builder's methods.
 *
 * <h2>Fetching</h2>
 * HTTPS only, except to a loopback address ({@code 127.0.0.0/8}, {@code ::1}, {@code localhost}:
 * tests and sidecars). A GET on {@code java.net.http.HttpClient} with a connect timeout and a read
 * timeout (the whole answer, headers and body, within it); no redirect is followed; only a 200 is an
 * answer; the body is read up to a size cap and must be UTF-8 JSON with a {@code keys} array of at
 * most a key-count cap. Its entries pass the checks of a key file ({@link KeyLoader}: EC on P-256,
 * P-384 or P-521 with the point on its curve, RSA of 2048 bits or more, no private members, {@code
 * alg} agreeing with the key); an entry with a {@code use} other than {@code sig}, or one that fails
 * a check, is left out and logged, and the rest is used. Key restrictions apply by {@code kid}
 * ({@link KeyRestrictionRule#applyTo}), as to key files.
 *
 * <h2>Refreshing</h2>
 * In the background: after {@code Cache-Control: max-age} (less any {@code Age}), kept between a
 * floor and a ceiling, or the default lifetime without one — nine tenths of it, so a healthy source
 * is refreshed before its set expires. A request with a known {@code kid} never fetches and never
 * waits. A token with an unknown {@code kid} may trigger a fetch: at most one in flight, at most one
 * per refresh interval for all unknown {@code kid}s together, none for a {@code kid} found missing
 * within the interval (a bounded negative cache); the request waits for it at most the fetch timeout
 * (connect plus read). Each fetch reads the whole set, so a real new key is found within one
 * interval however many made-up {@code kid}s arrive.
 *
 * <h2>Failing</h2>
 * A failed fetch (down, slow, 5xx, garbage, too big, no usable key) leaves the last good set in
 * force, retried with a backoff; after the maximum staleness since the last good fetch the resolver
 * answers 503 ({@link dev.bearerguard.core.VerifierUnavailableException}), as it does before the
 * first good fetch and for an unknown {@code kid} while the key service cannot be asked. Each
 * transition is logged once (logger {@code dev.bearerguard.keys}; {@code kid}s and remote text
 * through {@link Sanitizer}; never a key) and every fetch, failure, staleness and unknown-{@code kid}
 * refusal is a {@link KeySourceEvent} for the listener.
 *
 * <h2>Stable keys</h2>
 * A key unchanged by a fetch stays the same {@link TrustedKey} object (its comb table and the
 * verifier's verified-token cache survive); a removed key is refused from the next request and no
 * longer referenced here.
 *
 * <p>Thread-safe. {@link #close()} stops the background refresh.
 */
public final class JwksKeyResolver implements KeyResolver, AutoCloseable {

    /** Default response size cap: {@value} bytes (512 KiB). */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 512 * 1024;
    /** Default key-count cap: {@value}. */
    public static final int DEFAULT_MAX_KEYS = 1000;

    private final URI uri;
    private final RefreshingKeys keys;
    private final HttpClient client;
    private final Duration readTimeout;
    private final Duration fetchTimeout;
    private final long maxResponseBytes;
    private final int maxKeys;
    private final Duration defaultLifetime;
    private final Duration minLifetime;
    private final Duration maxLifetime;

    private JwksKeyResolver(Builder b) {
        this.uri = b.uri;
        this.readTimeout = b.readTimeout;
        this.fetchTimeout = b.connectTimeout.plus(b.readTimeout);
        this.maxResponseBytes = b.maxResponseBytes;
        this.maxKeys = b.maxKeys;
        this.defaultLifetime = b.cacheLifetime;
        this.minLifetime = b.minCacheLifetime;
        this.maxLifetime = b.maxCacheLifetime;
        HttpClient.Builder hb = HttpClient.newBuilder()
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (b.sslContext != null) {
            hb.sslContext(b.sslContext);
        }
        this.client = hb.build();
        boolean own = b.scheduler == null;
        ScheduledExecutorService scheduler = own ? newScheduler() : b.scheduler;
        RefreshingKeys.Settings settings = new RefreshingKeys.Settings(displayName(b.uri), b.clock, b.listener,
                b.restrictions, b.refreshInterval, b.maxStaleness, fetchTimeout, RefreshingKeys.MAX_RETRY_DELAY);
        this.keys = new RefreshingKeys(settings, this::fetch, scheduler, own);
    }

    private static ScheduledExecutorService newScheduler() {
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName("bearerguard-jwks-refresh-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        s.setRemoveOnCancelPolicy(true);
        return s;
    }

    /**
     * A builder for the key set at {@code uri}.
     *
     * @param uri the JWKS URL: {@code https}, or {@code http} to a loopback address; no user
     *            information, no fragment
     * @throws IllegalArgumentException if the URL is not one of those
     */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    /**
     * @throws dev.bearerguard.core.VerifierUnavailableException before the first good fetch, once
     *     the set is past its maximum staleness, or for an unknown {@code kid} while the key
     *     service cannot be asked
     */
    @Override
    public Optional<TrustedKey> resolve(String kid) {
        return keys.resolve(kid);
    }

    /** Not ready before the first good fetch and once the set is past its maximum staleness. */
    @Override
    public Health health() {
        return keys.health();
    }

    /**
     * Fetches the key set now and waits for it (at most the fetch timeout): if a fetch is in flight
     * it is waited for first, and then one more is made, so the answer reflects the key service as
     * of this call — except before the first fetch completed, when the first one (which {@link
     * Builder#build()} started) is the answer, so start-up costs one fetch. Not rate-limited — for start-up, an operator's "reload keys" and tests; request
     * threads never call it.
     *
     * @return what the fetch did: {@link KeySourceEvent.Kind#LOADED} or {@link
     *     KeySourceEvent.Kind#FAILED} with the reason
     * @throws IllegalStateException if the resolver is closed
     */
    public KeySourceEvent refresh() {
        return keys.refresh();
    }

    /** The keys in force now, in the order of the last good fetch; empty before the first. */
    public KeySet keys() {
        return keys.keys();
    }

    /** The JWKS URL. */
    public URI uri() {
        return uri;
    }

    /** Stops the background refresh (and its thread, unless the builder was given a scheduler). */
    @Override
    public void close() {
        keys.close();
    }

    @Override
    public String toString() {
        return "JwksKeyResolver[" + keys.source() + "]";
    }

    // ---------------------------------------------------------------- one fetch

    private CompletableFuture<RefreshingKeys.Load> fetch() {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(readTimeout)
                .header("Accept", "application/jwk-set+json, application/json")
                .build();
        AtomicReference<CappedBody> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> sent = client.sendAsync(request, info -> {
            CappedBody b = new CappedBody(maxResponseBytes, info.headers().firstValueAsLong("Content-Length"));
            body.set(b);
            return b;
        });
        CompletableFuture<RefreshingKeys.Load> result = new CompletableFuture<>();
        // The whole answer within the fetch timeout (HttpRequest.timeout bounds only the headers).
        // orTimeout's timer is cancelled when the fetch ends, so it holds no finished load.
        result.orTimeout(fetchTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((load, error) -> {
            if (error instanceof TimeoutException) {
                CappedBody b = body.get();
                if (b != null) {
                    b.abort();
                }
                sent.cancel(true);
            }
        });
        sent.whenComplete((response, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
                return;
            }
            try {
                result.complete(read(response));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private RefreshingKeys.Load read(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status != 200) {
            throw new KeyLoadException("HTTP " + status
                    + (status >= 300 && status < 400 ? " (redirects are not followed: configure the final URL)" : ""));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(response.body())).toString();
        } catch (CharacterCodingException e) {
            throw new KeyLoadException("the answer is not UTF-8");
        }
        KeyLoader.JwksDocument doc = KeyLoader.readJwks(text, "the answer", maxKeys);
        Duration lifetime = lifetime(response.headers(), defaultLifetime, minLifetime, maxLifetime);
        return new RefreshingKeys.Load(doc.keys(), lifetime.minus(lifetime.dividedBy(10)), doc.skipped());
    }

    private static final Pattern MAX_AGE = Pattern.compile("(?:^|,)\\s*max-age\\s*=\\s*\"?(\\d{1,10})\"?\\s*(?:,|$)");
    private static final Pattern NO_CACHE = Pattern.compile("(?:^|,)\\s*(?:no-cache|no-store)\\s*(?:[,=]|$)");

    /**
     * How long a fetched set is fresh: {@code Cache-Control: max-age} less {@code Age} (RFC 9111
     * §4.2.3), {@code no-cache}/{@code no-store} as zero, clamped to {@code [min, max]}; {@code
     * fallback} without either. Several {@code Cache-Control} headers are read as one list.
     */
    static Duration lifetime(HttpHeaders headers, Duration fallback, Duration min, Duration max) {
        String cc = String.join(",", headers.allValues("Cache-Control")).toLowerCase(Locale.ROOT);
        Duration d = fallback;
        Matcher m = MAX_AGE.matcher(cc);
        if (NO_CACHE.matcher(cc).find()) {
            d = Duration.ZERO;
        } else if (m.find()) {
            long seconds = Long.parseLong(m.group(1));
            String age = headers.firstValue("Age").orElse("").strip();
            long aged = age.matches("\\d{1,10}") ? Long.parseLong(age) : 0;
            d = Duration.ofSeconds(Math.max(0, seconds - aged));
        }
        if (d.compareTo(min) < 0) {
            return min;
        }
        return d.compareTo(max) > 0 ? max : d;
    }

    /**
     * A response body read into memory up to a cap: a {@code Content-Length} over it fails before
     * anything is read, a stream that grows past it is cancelled at the first byte too many.
     */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final long cap;
        private final OptionalLong declared;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private volatile Flow.Subscription subscription;
        private long received;

        CappedBody(long cap, OptionalLong declared) {
            this.cap = cap;
            this.declared = declared;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (declared.isPresent() && declared.getAsLong() > cap) {
                s.cancel();
                result.completeExceptionally(tooLarge());
                return;
            }
            s.request(Long.MAX_VALUE);
        }

        private KeyLoadException tooLarge() {
            return new KeyLoadException("the answer is larger than " + cap + " bytes");
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                received += b.remaining();
                if (received > cap) {
                    subscription.cancel();
                    result.completeExceptionally(tooLarge());
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                buffer.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        void abort() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            result.completeExceptionally(new TimeoutException());
        }
    }

    // ---------------------------------------------------------------- the URL

    /** The URL as logs and events show it: no query (it may carry an API key), no user information. */
    static String displayName(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    static URI checkUri(URI uri) {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("`" + Sanitizer.text(uri.toString())
                    + "` is not an https URL (write e.g. https://keys.example.com/.well-known/jwks.json)");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the JWKS URL must not carry user information (credentials)");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the JWKS URL must not have a fragment");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("the JWKS URL " + Sanitizer.text(displayName(uri))
                    + " must use https: plain http is allowed only to a loopback address (127.0.0.1, ::1, localhost)");
        }
        return uri;
    }

    /** A loopback literal or {@code localhost}, decided without a DNS lookup. */
    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        boolean literal = h.contains(":") || h.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (!literal) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- builder

    /**
     * Builds a {@link JwksKeyResolver}; refuses a bad setting with an {@link
     * IllegalArgumentException} when it is given or, for settings that must agree, at {@link
     * #build()}. Not thread-safe; build on one thread.
     */
    public static final class Builder {
        private final URI uri;
        private Clock clock = Clock.systemUTC();
        private BearerguardListener listener = BearerguardListener.NONE;
        private List<KeyRestrictionRule> restrictions = List.of();
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration readTimeout = Duration.ofSeconds(3);
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private int maxKeys = DEFAULT_MAX_KEYS;
        private Duration refreshInterval = Duration.ofSeconds(30);
        private Duration cacheLifetime = Duration.ofMinutes(5);
        private Duration minCacheLifetime = Duration.ofMinutes(1);
        private Duration maxCacheLifetime = Duration.ofHours(1);
        private Duration maxStaleness = Duration.ofHours(24);
        private ScheduledExecutorService scheduler;
        private SSLContext sslContext;

        private Builder(URI uri) {
            this.uri = checkUri(uri);
        }

        /** The clock every time decision reads (lifetimes, intervals, staleness); default UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where fetches, failures, staleness and unknown-{@code kid} refusals are reported; default none. */
        public Builder listener(BearerguardListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Restrictions by {@code kid} ({@code key-restrictions}); a rule for a {@code kid} not published is kept for when it is. */
        public Builder restrictions(List<KeyRestrictionRule> rules) {
            this.restrictions = List.copyOf(rules);
            return this;
        }

        /** How long connecting may take; default 2 s. @throws IllegalArgumentException if not positive */
        public Builder connectTimeout(Duration d) {
            this.connectTimeout = RefreshingKeys.positive(d, "connectTimeout");
            return this;
        }

        /**
         * How long the whole answer may take once connected (headers and body); default 3 s. A
         * request waiting for a fetch waits at most connect plus read timeout.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder readTimeout(Duration d) {
            this.readTimeout = RefreshingKeys.positive(d, "readTimeout");
            return this;
        }

        /** The largest answer read, in bytes; default 512 KiB. @throws IllegalArgumentException if below 1 */
        public Builder maxResponseBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxResponseBytes must be at least 1");
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        /** The most entries a key set may have (more refuses the answer); default 1000. @throws IllegalArgumentException if below 1 */
        public Builder maxKeys(int keys) {
            if (keys < 1) {
                throw new IllegalArgumentException("maxKeys must be at least 1");
            }
            this.maxKeys = keys;
            return this;
        }

        /**
         * The least time between two fetches an unknown {@code kid} may trigger (for all of them
         * together), and how long a {@code kid} found missing is refused without asking; default 30
         * s. A new key is found within about this long of its first use.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder refreshInterval(Duration d) {
            this.refreshInterval = RefreshingKeys.positive(d, "refreshInterval");
            return this;
        }

        /** How long a set is fresh when the answer has no {@code Cache-Control: max-age}; default 5 min. @throws IllegalArgumentException if not positive */
        public Builder cacheLifetime(Duration d) {
            this.cacheLifetime = RefreshingKeys.positive(d, "cacheLifetime");
            return this;
        }

        /** The shortest lifetime a {@code max-age} (or {@code no-cache}) can set; default 1 min. @throws IllegalArgumentException if not positive */
        public Builder minCacheLifetime(Duration d) {
            this.minCacheLifetime = RefreshingKeys.positive(d, "minCacheLifetime");
            return this;
        }

        /** The longest lifetime a {@code max-age} can set; default 1 h. @throws IllegalArgumentException if not positive */
        public Builder maxCacheLifetime(Duration d) {
            this.maxCacheLifetime = RefreshingKeys.positive(d, "maxCacheLifetime");
            return this;
        }

        /**
         * How long after the last good fetch the set stays in force while the key service cannot
         * be reached; then 503. Default 24 h. Must exceed the longest cache lifetime.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxStaleness(Duration d) {
            this.maxStaleness = RefreshingKeys.positive(d, "maxStaleness");
            return this;
        }

        /**
         * Where background fetches are started (each task waits for its fetch, at most the fetch
         * timeout); default one daemon thread of the resolver's own, stopped by {@link #close()}.
         * A given scheduler is not shut down by the resolver.
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** The TLS context (a private CA's trust store); default the JDK's. */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "context");
            return this;
        }

        /**
         * Builds the resolver and starts its first fetch in the background; the first requests
         * wait for it (at most the fetch timeout). Call {@link JwksKeyResolver#refresh()} to wait
         * for it at start-up.
         *
         * @throws IllegalArgumentException if the cache lifetimes are not {@code min ≤ default ≤
         *     max}, or the maximum staleness does not exceed the longest lifetime
         */
        public JwksKeyResolver build() {
            if (minCacheLifetime.compareTo(cacheLifetime) > 0 || cacheLifetime.compareTo(maxCacheLifetime) > 0) {
                throw new IllegalArgumentException("cache lifetimes must be min <= default <= max, got "
                        + minCacheLifetime + ", " + cacheLifetime + ", " + maxCacheLifetime);
            }
            if (maxStaleness.compareTo(maxCacheLifetime) <= 0) {
                throw new IllegalArgumentException("maxStaleness (" + maxStaleness
                        + ") must exceed the longest cache lifetime (" + maxCacheLifetime + ")");
            }
            JwksKeyResolver r = new JwksKeyResolver(this);
            r.keys.start(Duration.ZERO);
            return r;
        }
    }
}
