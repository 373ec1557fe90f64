package dev.bearerguard.sample;

import dev.bearerguard.core.Algorithm;
import dev.bearerguard.core.TokenProfile;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.keys.JwksKeyResolver;
import dev.bearerguard.core.keys.KeyLoader;
import dev.bearerguard.core.keys.KeyLocation;
import dev.bearerguard.core.keys.KeyResolver;
import dev.bearerguard.core.keys.KeyRestrictionRule;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.replay.ReplayPolicy;
import dev.bearerguard.core.replay.ReplayStore;
import dev.bearerguard.core.replay.ReplayStoreRequest;
import dev.bearerguard.core.replay.ReplayStores;
import dev.bearerguard.core.scope.ScopeVocabulary;
import dev.bearerguard.micrometer.BearerguardMetrics;
import dev.bearerguard.test.PemKeys;
import dev.bearerguard.test.TokenSigner;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * The Bearerguard sample: a mock payment API protected by both adapters (the servlet filter on
 * {@code /reports/*}, the JAX-RS feature on {@code /api/*} and, with the checkout-token profile, on
 * {@code /v1/*}), a checkout page, and an OAuth token endpoint, served from the WAR layout in this
 * jar by an embedded Jetty 12.
 *
 * <p>Run it with {@code java -jar bearerguard-sample.jar [--keys PATH]…} (see {@link #main}), or
 * start it from a test:
 *
 * <pre>{@code
 * try (SampleServer server = SampleServer.builder().keys(Path.of("src/test/resources/public.pem")).start()) {
 *     HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.baseUrl().resolve("api/transactions"))
 *             .header("Authorization", "Bearer " + signer.token().scopes("transactions.read").sign()).build(),
 *             HttpResponse.BodyHandlers.ofString());
 * }
 * }</pre>
 *
 * <p>A started server is thread-safe; {@link #close()} stops it and may be called more than once.
 */
public final class SampleServer implements AutoCloseable {

    /** The servlet context attribute holding the API-token verifier (read by the filter in web.xml). */
    public static final String API_VERIFIER_ATTRIBUTE = "dev.bearerguard.sample.apiVerifier";

    /** The filter name in web.xml. */
    static final String FILTER_NAME = "bearerguard";

    private final Server jetty;
    private final WebAppContext webApp;
    private final URI baseUrl;
    private final SampleContext context;

    private SampleServer(Server jetty, WebAppContext webApp, URI baseUrl, SampleContext context) {
        this.jetty = jetty;
        this.webApp = webApp;
        this.baseUrl = baseUrl;
        this.context = context;
    }

    /** The deployed web application (its servlets and mappings), for the route-table test. */
    WebAppContext webApp() {
        return webApp;
    }

    /**
     * The command line: {@code --port N}, {@code --keys PATH} (repeatable) and the filter's settings;
     * {@code --help} lists them. With no {@code --keys} it runs in demo mode and says so loudly.
     */
    public static void main(String[] args) throws Exception {
        LaunchOptions.Parsed cli;
        try {
            cli = LaunchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bearerguard-sample: " + e.getMessage());
            System.err.println("Run with --help for the options.");
            System.exit(2);
            return;
        }
        if (cli.help()) {
            System.out.print(LaunchOptions.usage());
            return;
        }
        SampleServer server;
        try {
            server = cli.builder().start();
        } catch (RuntimeException e) {
            System.err.println("bearerguard-sample: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "bearerguard-sample-stop"));
        System.out.println(server.context.demo().isPresent()
                ? DemoMode.banner(server.context.demo().get(), server.baseUrl)
                : "Bearerguard sample listening on " + server.baseUrl + " trusting " + server.context.apiKeys().size()
                        + " key(s): " + kids(server.context.apiKeys()));
        server.jetty.join();
    }

    private static String kids(KeySet keys) {
        List<String> kids = new ArrayList<>();
        keys.keys().forEach(k -> kids.add(k.kid()));
        return String.join(", ", kids);
    }

    /** A builder: port 8080, no keys (give some, or {@link Builder#demo}). */
    public static Builder builder() {
        return new Builder();
    }

    /** Where the server listens, ending in {@code /}, e.g. {@code http://localhost:41234/}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The port the server listens on (the chosen one when started on port 0). */
    public int port() {
        return baseUrl.getPort();
    }

    /** The demo signer, when started in demo mode: it signs with the private key the server trusts. */
    public Optional<TokenSigner> demoSigner() {
        return context.demo().map(DemoMode::signer);
    }

    /** The verifier of API tokens (for the launcher's tests). */
    TokenVerifier apiVerifier() {
        return context.apiVerifier();
    }

    /** Stops the server; does nothing if it is already stopped. */
    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the sample server: " + e.getMessage(), e);
        } finally {
            context.store().close();
        }
    }

    /**
     * Configures a {@link SampleServer}. Not thread-safe; {@link #start()} copies what it needs.
     * The verifier settings are those of the servlet filter's init-params.
     */
    public static final class Builder {
        private int port = 8080;
        private String host = "localhost";
        private final List<Path> keyPaths = new ArrayList<>();
        private KeySet keySet = KeySet.of();
        private URI jwksUrl;
        private final Map<String, KeyRestrictionRule> restrictions = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private Set<Algorithm> algorithms;
        private Duration clockSkew;
        private Duration maxLifetime;
        private Set<String> issuers = Set.of();
        private ReplayPolicy replayPolicy = ReplayPolicy.DEFAULT;
        private String replayStore = "memory:";
        private String replayStorePassword;
        private Integer maxTokenSize;
        private int verifiedTokenCache = 10_000;
        private String realm = "sample";
        private String merchantHeader = "x-gr4vy-merchant-account-id";
        private Duration checkoutTokenLifetime = Duration.ofMinutes(15);
        private SampleContext.Https https = SampleContext.Https.OPTIONAL;
        private final Map<String, String> oauthClients = new LinkedHashMap<>();
        private Path demoDir;
        private boolean merchantBackend;
        private System.Logger.Level auditLevel = System.Logger.Level.DEBUG;
        /** Made by {@link #start()}: the registry {@code /metrics} shows and the listener feeding it. */
        private PrometheusMeterRegistry registry;
        private BearerguardMetrics metrics;

        private Builder() {
        }

        /**
         * The port; 0 picks a free one (read it back with {@link SampleServer#port()}).
         *
         * @throws IllegalArgumentException if outside 0…65535
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0…65535, not " + port);
            }
            this.port = port;
            return this;
        }

        /** The interface to listen on; default {@code localhost} (use {@code 0.0.0.0} for every one). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Trusts the public keys in a PEM, JWK or JWKS file, or in every such file of a directory. */
        public Builder keys(Path path) {
            keyPaths.add(Objects.requireNonNull(path, "path"));
            return this;
        }

        /** Trusts these keys (with their restrictions). */
        public Builder keys(KeySet keys) {
            keySet = keySet.plus(Objects.requireNonNull(keys, "keys"));
            return this;
        }

        /**
         * Trusts the keys a key service publishes at this JWKS URL: fetched at start (waiting at
         * most the fetch timeout; if it cannot be reached the API answers 503 until it can) and
         * kept up to date while the server runs, on the server's clock ({@link JwksKeyResolver}
         * with its defaults). It must be the only key source: no key files, no demo mode.
         *
         * @throws IllegalArgumentException if the URL is not https (or http to a loopback address)
         */
        public Builder keys(URI jwksUrl) {
            this.jwksUrl = new KeyLocation.JwksUrl(jwksUrl).uri();
            return this;
        }

        /**
         * Restricts a key: {@code KID MERCHANTS [full|processing]}, as the filter's {@code
         * key-restrictions} init-param ({@code *} for every merchant account).
         *
         * @throws IllegalArgumentException if the line is not of that form
         */
        public Builder keyRestriction(String line) {
            KeyRestrictionRule r = KeyRestrictionRule.parse(line);
            restrictions.put(r.kid(), r);
            return this;
        }

        /** The clock of verifiers, checkout sessions and tokens the server mints; default system UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The accepted algorithms; default ES512 only. */
        public Builder algorithms(Set<Algorithm> algorithms) {
            this.algorithms = Set.copyOf(algorithms);
            return this;
        }

        /** The clock skew; default the verifier's (60 s). */
        public Builder clockSkew(Duration skew) {
            this.clockSkew = Objects.requireNonNull(skew, "skew");
            return this;
        }

        /** The longest token lifetime accepted; default none. */
        public Builder maxLifetime(Duration max) {
            this.maxLifetime = Objects.requireNonNull(max, "max");
            return this;
        }

        /** The accepted {@code iss} values; default any. */
        public Builder issuers(Set<String> issuers) {
            this.issuers = Set.copyOf(issuers);
            return this;
        }

        /**
         * Where the replay records and rate-limit buckets live: {@code memory:} (this process, the
         * default) or a shared store every instance opens, e.g. {@code redis://127.0.0.1:6379/0}
         * (see {@link ReplayStores}; Redis needs {@code bearerguard-replay-redis} on the class path,
         * which the sample's jar has). Read when the server starts.
         */
        public Builder replayStore(String location) {
            this.replayStore = Objects.requireNonNull(location, "location");
            return this;
        }

        /** The replay store's password (never part of its location). */
        public Builder replayStorePassword(String password) {
            this.replayStorePassword = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The replay policy of API tokens; default {@link ReplayPolicy#DEFAULT}. */
        public Builder replayPolicy(ReplayPolicy policy) {
            this.replayPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The longest token accepted, in characters; default the verifier's (8192). */
        public Builder maxTokenSize(int chars) {
            this.maxTokenSize = chars;
            return this;
        }

        /**
         * How many accepted API tokens the verified-token cache remembers (an embed token presented
         * again costs a lookup instead of a signature check); default 10 000, 0 turns it off.
         *
         * @throws IllegalArgumentException if negative or above 10 000 000
         */
        public Builder verifiedTokenCache(int maxEntries) {
            TokenVerifier.builder().verifiedTokenCache(maxEntries); // refuses a bad size now, naming the range
            this.verifiedTokenCache = maxEntries;
            return this;
        }

        /** The realm of every challenge; default {@code sample}. */
        public Builder realm(String realm) {
            this.realm = Objects.requireNonNull(realm, "realm");
            return this;
        }

        /** The header naming the merchant account; default {@code x-gr4vy-merchant-account-id}. */
        public Builder merchantHeader(String header) {
            this.merchantHeader = Objects.requireNonNull(header, "header");
            return this;
        }

        /**
         * Makes both adapters refuse requests that did not arrive over TLS (400 {@code
         * invalid_request}), as the filter's {@code require-https}; with {@code trustForwardedProto}
         * also accepting a last {@code X-Forwarded-Proto: https} (only behind a proxy that sets it).
         */
        public Builder requireHttps(boolean trustForwardedProto) {
            this.https = trustForwardedProto ? SampleContext.Https.REQUIRED_BEHIND_PROXY : SampleContext.Https.REQUIRED;
            return this;
        }

        /**
         * Serves {@code POST /merchant/checkout-token}, the mock merchant back end the checkout page
         * calls: it mints checkout tokens for anyone who asks, with the first OAuth client's
         * identity. On in demo mode; off otherwise unless turned on here (a mock for tests and
         * demos, never for a server others can reach).
         */
        public Builder merchantBackend() {
            this.merchantBackend = true;
            return this;
        }

        /**
         * The level of the audit line (logger {@code dev.bearerguard.audit}) of each refused or
         * rate-limited request, for both adapters, as the filter's {@code audit-level}; default DEBUG.
         */
        public Builder auditLevel(System.Logger.Level level) {
            this.auditLevel = Objects.requireNonNull(level, "level");
            return this;
        }

        /** How long the checkout tokens of {@code /v1/checkout-auth/init} live; default 15 minutes. */
        public Builder checkoutTokenLifetime(Duration lifetime) {
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("checkout token lifetime must be positive");
            }
            this.checkoutTokenLifetime = lifetime;
            return this;
        }

        /** An OAuth client allowed at {@code POST /oauth/token} (client credentials, HTTP Basic). */
        public Builder oauthClient(String clientId, String secret) {
            if (clientId.isEmpty() || clientId.contains(":") || secret.isEmpty()) {
                throw new IllegalArgumentException("an OAuth client needs a non-empty id without ':' and a secret");
            }
            oauthClients.put(clientId, secret);
            return this;
        }

        /**
         * Demo mode: makes (or reuses) a P-521 key pair in {@code dir}, trusts its public key, adds
         * the demo OAuth client and serves {@code /demo/token}. Never for production.
         */
        public Builder demo(Path dir) {
            this.demoDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /**
         * Starts the server.
         *
         * @throws IllegalStateException if no key is trusted and demo mode is off, or Jetty cannot
         *     start (e.g. the port is taken)
         * @throws dev.bearerguard.core.keys.KeyLoadException if a key file cannot be used
         */
        public SampleServer start() {
            if (jwksUrl != null && (!keyPaths.isEmpty() || !keySet.isEmpty() || demoDir != null)) {
                throw new IllegalStateException("a JWKS URL must be the only key source (no key files, no demo mode)");
            }
            // One registry per server: two servers in one JVM (the tests) count apart.
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            metrics = BearerguardMetrics.builder(registry).clock(clock).build();
            if (jwksUrl != null) {
                JwksKeyResolver remote = JwksKeyResolver.builder(jwksUrl).clock(clock).listener(metrics)
                        .restrictions(List.copyOf(restrictions.values())).build();
                remote.refresh();
                try {
                    return withStore(remote, remote.keys(), Optional.empty(), remote);
                } catch (RuntimeException e) {
                    remote.close();
                    throw e;
                }
            }
            Optional<DemoMode> demo = Optional.ofNullable(demoDir).map(DemoMode::open);
            KeySet keys = keySet;
            if (!keyPaths.isEmpty()) {
                keys = keys.plus(KeyLoader.load(keyPaths));
            }
            if (demo.isPresent()) {
                keys = keys.plus(KeySet.of(demo.get().trustedKey()));
            }
            if (keys.isEmpty()) {
                throw new IllegalStateException("no trusted keys: give --keys PATH (or keys(…)), or run in demo mode");
            }
            try {
                keys = KeyRestrictionRule.apply(keys, List.copyOf(restrictions.values()));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("key restriction: " + e.getMessage(), e);
            }
            return withStore(keys, keys, demo, () -> { });
        }

        /** Opens the replay store, then starts; {@code keySource} is closed when the server stops. */
        private SampleServer withStore(KeyResolver resolver, KeySet keys, Optional<DemoMode> demo, AutoCloseable keySource) {
            ReplayStore store;
            try {
                ReplayStoreRequest request = ReplayStoreRequest.of(replayStore, clock);
                store = ReplayStores.open(replayStorePassword == null ? request : request.withPassword(replayStorePassword));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("replay store: " + e.getMessage(), e);
            }
            try {
                return start(resolver, keys, demo, keySource, store);
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        }

        /** The verifiers over {@code resolver} and {@code store}. */
        private SampleServer start(KeyResolver resolver, KeySet keys, Optional<DemoMode> demo, AutoCloseable keySource,
                ReplayStore store) {
            TokenVerifier.Builder api = TokenVerifier.builder().keys(resolver).clock(clock).replayPolicy(replayPolicy)
                    .replayCache(store.replayCache()).listener(metrics)
                    .issuers(issuers).vocabulary(ScopeVocabulary.PAYMENTS).profile(TokenProfile.API)
                    // An embed token comes back again and again (and past its rate limit): a cache hit
                    // costs a lookup instead of a signature verification.
                    .verifiedTokenCache(verifiedTokenCache);
            if (algorithms != null) {
                api.algorithms(algorithms);
            }
            if (clockSkew != null) {
                api.clockSkew(clockSkew);
            }
            if (maxLifetime != null) {
                api.maxLifetime(maxLifetime);
            }
            if (maxTokenSize != null) {
                api.maxTokenSize(maxTokenSize);
            }
            // The checkout profile's tokens are minted by this server with a key of its own, made
            // fresh at every start: only this process can issue them.
            KeyPair issuing = PemKeys.generateP521();
            TokenSigner checkoutSigner = TokenSigner.of(issuing.getPrivate(), issuing.getPublic()).withClock(clock);
            TokenVerifier checkout = TokenVerifier.builder().keys(KeySet.of(TrustedKey.of(issuing.getPublic())))
                    .clock(clock).profile(TokenProfile.CHECKOUT).listener(metrics).build();
            TokenVerifier apiVerifier = api.build();
            metrics.bindTo(apiVerifier, "api").bindTo(checkout, "checkout");
            Map<String, String> clients = new LinkedHashMap<>(oauthClients);
            demo.ifPresent(d -> clients.putIfAbsent(DemoMode.CLIENT_ID, DemoMode.CLIENT_SECRET));
            SampleContext context = new SampleContext(clock, keys, apiVerifier, checkout, checkoutSigner,
                    checkoutTokenLifetime, clients, realm, merchantHeader, https, demo,
                    merchantBackend || demo.isPresent(), store, auditLevel, registry);
            return launch(context, keySource);
        }

        private SampleServer launch(SampleContext context, AutoCloseable keySource) {
            Server jetty = new Server();
            jetty.addEventListener(new LifeCycle.Listener() {
                @Override
                public void lifeCycleStopped(LifeCycle event) {
                    try {
                        keySource.close(); // a JWKS URL's background refresh
                    } catch (Exception e) {
                        // nothing more to stop
                    }
                }
            });
            ServerConnector connector = new ServerConnector(jetty);
            connector.setHost(host);
            connector.setPort(port);
            jetty.addConnector(connector);

            URL webapp = SampleServer.class.getResource("/webapp/WEB-INF/web.xml");
            if (webapp == null) {
                throw new IllegalStateException("webapp/WEB-INF/web.xml is missing from the classpath");
            }
            String base = webapp.toExternalForm();
            // No trailing slash: Jetty's canonical form of a jar directory (otherwise it warns of an alias).
            base = base.substring(0, base.length() - "/WEB-INF/web.xml".length());
            WebAppContext app = new WebAppContext();
            app.setContextPath("/");
            app.setBaseResource(ResourceFactory.of(jetty).newResource(URI.create(base)));
            // The classes are on the launcher's class path, not in WEB-INF/lib.
            app.setParentLoaderPriority(true);
            app.setThrowUnavailableOnStartupException(true);
            app.setMaxFormContentSize(RequestBodyLimit.MAX_BODY_BYTES);
            app.setAttribute(SampleContext.ATTRIBUTE, context);
            app.setAttribute(API_VERIFIER_ATTRIBUTE, context.apiVerifier());
            app.addEventListener(new FilterSettingsListener(context.realm(), context.merchantHeader(), context.https(),
                    context.auditLevel()));
            jetty.setHandler(app);
            jetty.setStopAtShutdown(false);
            try {
                jetty.start();
            } catch (Exception e) {
                try {
                    jetty.stop();
                } catch (Exception ignored) {
                    // already failing
                }
                throw new IllegalStateException("Jetty did not start: " + e.getMessage(), e);
            }
            int actual = connector.getLocalPort();
            String h = host.equals("0.0.0.0") ? "localhost" : host;
            return new SampleServer(jetty, app, URI.create("http://" + h + ":" + actual + "/"), context);
        }
    }

    /**
     * Hands the realm and merchant header to the filter declared in web.xml, which reads them as
     * init-params: listeners run before filters are initialized.
     */
    private record FilterSettingsListener(String realm, String merchantHeader, SampleContext.Https https,
            System.Logger.Level auditLevel) implements ServletContextListener {
        @Override
        public void contextInitialized(ServletContextEvent sce) {
            var registration = sce.getServletContext().getFilterRegistration(FILTER_NAME);
            if (registration == null) {
                throw new IllegalStateException("web.xml declares no filter named " + FILTER_NAME);
            }
            registration.setInitParameter("realm", realm);
            registration.setInitParameter("merchant-header", merchantHeader);
            registration.setInitParameter("audit-level", auditLevel.getName());
            if (https != SampleContext.Https.OPTIONAL) {
                registration.setInitParameter("require-https", "true");
            }
            if (https == SampleContext.Https.REQUIRED_BEHIND_PROXY) {
                registration.setInitParameter("trust-forwarded-proto", "true");
            }
        }
    }
}
