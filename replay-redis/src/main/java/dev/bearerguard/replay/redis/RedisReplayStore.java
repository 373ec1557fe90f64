package dev.bearerguard.replay.redis;

import dev.bearerguard.core.limit.Buckets;
import dev.bearerguard.core.Sanitizer;
import dev.bearerguard.core.VerifierUnavailableException;
import dev.bearerguard.core.limit.RateLimiter;
import dev.bearerguard.core.replay.CaffeineReplayCache;
import dev.bearerguard.core.replay.ReplayStore;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * One replay store, and the rate-limit buckets, shared by every server instance that opens the
 * same Redis (standalone, Sentinel or Cluster, plain or TLS, with an ACL user and password), through
 * Lettuce: a single-use token is accepted exactly once across all of them.
 *
 * <p>{@link #replayCache()} records each {@code jti} in one round trip (a Lua script: the generation
 * marker, the fair share and {@code SET … NX PXAT} at once, see the module README); {@link
 * #rateLimiter()} keeps Bucket4j buckets on the same connection. A store that cannot answer within
 * its command timeout, or that lost its data, fails closed ({@link VerifierUnavailableException},
 * 503); it goes on by itself once Redis answers again.
 *
 * <p>It connects on first use, not when built, so a server starts while Redis is down (and answers
 * 503 until it is up). {@link #close()} it when the application stops.
 *
 * <p>Thread-safe.
 */
public final class RedisReplayStore implements ReplayStore {

    static final System.Logger LOG = System.getLogger("dev.bearerguard.replay.redis");

    /** The default command timeout: {@value #DEFAULT_TIMEOUT_MS} ms. */
    public static final long DEFAULT_TIMEOUT_MS = 50;
    /** The default connect timeout: {@value #DEFAULT_CONNECT_TIMEOUT_MS} ms. */
    public static final long DEFAULT_CONNECT_TIMEOUT_MS = 100;
    /** The default clock tolerance between the instances and Redis: {@value #DEFAULT_TOLERANCE_MS} ms. */
    public static final long DEFAULT_TOLERANCE_MS = 1000;
    /** The default key prefix. */
    public static final String DEFAULT_PREFIX = "bearerguard:";
    /** The default number of slot groups of a Redis Cluster (standalone and Sentinel: one). */
    public static final int DEFAULT_CLUSTER_GROUPS = 16;

    private static final Pattern PREFIX = Pattern.compile("[!-~&&[^{}]]{0,64}");
    /** How long after a failed connect the next one is tried (requests meanwhile fail at once). */
    private static final long RECONNECT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    final Settings settings;
    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final RedisReplayCache cache;
    private final RedisRateLimiter limiter;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile Link link;
    private volatile boolean closed;
    private long nextConnectNanos;
    private String lastConnectFailure = "not connected yet";

    /** What a store was built with. */
    record Settings(RedisLocation location, Clock clock, String user, String password, String prefix,
            Duration commandTimeout, Duration connectTimeout, Duration clockTolerance, long maximumSize,
            double keyShare, int groups) {

        @Override
        public String toString() {
            return "RedisReplayStore[" + location.shown + ", prefix=" + prefix + ", timeout=" + commandTimeout.toMillis()
                    + "ms" + (password != null ? ", password=***" : "") + "]";
        }
    }

    /** An open connection and what is built on it. */
    record Link(StatefulConnection<byte[], byte[]> connection, Commands commands, ProxyManager<byte[]> buckets) {
    }

    private RedisReplayStore(Settings settings) {
        this.settings = settings;
        // Read every URI option first: a wrong one is a configuration error, before any thread starts.
        List<RedisURI> uris = settings.location().uris.stream().map(this::configured).toList();
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                // Recovery within a second of Redis returning: retry often, back off to half a second at most.
                .reconnectDelay(Delay.exponential(Duration.ofMillis(20), Duration.ofMillis(500), 2, TimeUnit.MILLISECONDS))
                .build();
        SocketOptions socket = SocketOptions.builder().connectTimeout(settings.connectTimeout()).keepAlive(true).build();
        TimeoutOptions timeouts = TimeoutOptions.enabled(settings.commandTimeout());
        if (settings.location().topology == RedisLocation.Topology.CLUSTER) {
            RedisClusterClient c = RedisClusterClient.create(resources, uris);
            ClusterClientOptions.Builder options = ClusterClientOptions.builder();
            options.topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                    .enableAllAdaptiveRefreshTriggers()
                    .enablePeriodicRefresh(Duration.ofSeconds(30))
                    .build());
            options.socketOptions(socket);
            options.timeoutOptions(timeouts);
            options.autoReconnect(true);
            options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
            options.replayFilter(command -> true);
            c.setOptions(options.build());
            this.client = c;
        } else {
            RedisClient c = RedisClient.create(resources);
            c.setOptions(ClientOptions.builder()
                    .socketOptions(socket).timeoutOptions(timeouts)
                    .autoReconnect(true)
                    // While disconnected, fail at once (503) instead of queueing requests.
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    // At most once: a record sent before a disconnect is never sent again after the
                    // reconnect (its caller already had its 503).
                    .replayFilter(command -> true)
                    .build());
            this.client = c;
        }
        this.cache = new RedisReplayCache(this);
        this.limiter = new RedisRateLimiter(this);
    }

    private RedisURI configured(RedisURI original) {
        RedisURI u = RedisURI.builder(original).build();
        if (settings.user() != null) {
            u.setUsername(settings.user());
        }
        if (settings.password() != null) {
            u.setPassword(settings.password().toCharArray());
        }
        // The connect handshake (TCP, TLS, HELLO/AUTH) as a whole.
        u.setTimeout(settings.connectTimeout().plus(settings.commandTimeout()));
        String verify = settings.location().option("verify-peer");
        if (verify != null) {
            u.setVerifyPeer(switch (verify.toLowerCase(Locale.ROOT)) {
                case "full" -> SslVerifyMode.FULL;
                case "ca" -> SslVerifyMode.CA;
                case "none" -> SslVerifyMode.NONE;
                default -> throw new IllegalArgumentException("verify-peer is full, ca or none, not `"
                        + Sanitizer.text(verify) + "`");
            });
        }
        String name = settings.location().option("client-name");
        u.setClientName(name != null ? name : "bearerguard");
        if (settings.location().topology == RedisLocation.Topology.SENTINEL) {
            for (RedisURI s : u.getSentinels()) {
                s.setTimeout(u.getTimeout());
            }
        }
        return u;
    }

    /**
     * A builder for the store at {@code location}, e.g. {@code redis://127.0.0.1:6379/0}, {@code
     * rediss://redis.internal:6380/0}, {@code redis-sentinel://s1:26379,s2:26379/0#mymaster} or
     * {@code redis-cluster://n1:6379,n2:6379,n3:6379}, with Bearerguard's options in the query
     * ({@code ?prefix=…&timeout=50ms&connect-timeout=100ms&max-size=…&key-share=…&clock-tolerance=1s&groups=16&user=…&verify-peer=full&client-name=…}).
     *
     * @throws IllegalArgumentException if the location or an option is wrong
     */
    public static Builder builder(String location) {
        return new Builder(location);
    }

    @Override
    public RedisReplayCache replayCache() {
        return cache;
    }

    @Override
    public RateLimiter rateLimiter() {
        return limiter;
    }

    /**
     * Declares a new, empty store: writes the generation marker {@code 0} ("nothing was lost") where
     * none is, so the single-use tokens minted before this store's first use are not refused as
     * possibly recorded before a loss. Run it once, when the store is created — never on a store
     * that may have lost its data, which would re-open its live single-use tokens.
     *
     * @return how many groups were marked new (those already marked keep their marker)
     * @throws VerifierUnavailableException if Redis cannot be reached
     */
    public int declareNew() {
        Link l = link();
        int marked = 0;
        for (int g = 0; g < settings.groups(); g++) {
            if (Boolean.TRUE.equals(await(l.commands().setIfAbsent(Keys.marker(settings.prefix(), g), new byte[] {'0'})))) {
                marked++;
            }
        }
        return marked;
    }

    /** Closes the connection and stops Lettuce's threads; later calls fail closed (503). */
    @Override
    public void close() {
        closed = true;
        connecting.lock();
        try {
            Link l = link;
            link = null;
            if (l != null) {
                l.connection().close();
            }
        } finally {
            connecting.unlock();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** The open link, connecting first when there is none (one thread at a time; the others get 503). */
    Link link() {
        Link l = link;
        if (l != null) {
            return l;
        }
        if (closed) {
            throw new VerifierUnavailableException("the replay store is closed");
        }
        boolean locked;
        try {
            // Another thread is connecting: wait for it, at most as long as a connect may take.
            locked = connecting.tryLock(settings.connectTimeout().plus(settings.commandTimeout()).toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerifierUnavailableException("interrupted while connecting to the replay store", e);
        }
        if (!locked) {
            throw new VerifierUnavailableException("the replay store is being connected to (" + settings.location().shown + ")");
        }
        try {
            l = link;
            if (l != null) {
                return l;
            }
            long now = System.nanoTime();
            if (nextConnectNanos != 0 && now - nextConnectNanos < 0) {
                throw new VerifierUnavailableException("the replay store is unreachable: " + lastConnectFailure);
            }
            try {
                l = connect();
                link = l;
                nextConnectNanos = 0;
                return l;
            } catch (RuntimeException e) {
                nextConnectNanos = now + RECONNECT_NANOS;
                lastConnectFailure = describe(e);
                throw new VerifierUnavailableException("the replay store is unreachable: " + lastConnectFailure, e);
            }
        } finally {
            connecting.unlock();
        }
    }

    private Link connect() {
        ProxyManager<byte[]> buckets;
        StatefulConnection<byte[], byte[]> connection;
        Commands commands;
        var proxyClock = Buckets.timeMeter(settings.clock());
        if (client instanceof RedisClusterClient c) {
            StatefulRedisClusterConnection<byte[], byte[]> cc = c.connect(ByteArrayCodec.INSTANCE);
            connection = cc;
            commands = Commands.of(cc.async());
            buckets = Bucket4jLettuce.casBasedBuilder(cc.async()).clientClock(proxyClock)
                    .requestTimeout(settings.commandTimeout())
                    .expirationAfterWrite(RedisRateLimiter.EXPIRY).build();
        } else {
            RedisClient c = (RedisClient) client;
            RedisURI uri = configured(settings.location().uris.get(0));
            StatefulRedisConnection<byte[], byte[]> sc = c.connect(ByteArrayCodec.INSTANCE, uri);
            connection = sc;
            commands = Commands.of(sc.async());
            buckets = Bucket4jLettuce.casBasedBuilder(sc.async()).clientClock(proxyClock)
                    .requestTimeout(settings.commandTimeout())
                    .expirationAfterWrite(RedisRateLimiter.EXPIRY).build();
        }
        connection.setTimeout(settings.commandTimeout());
        warnIfRedisMayEvict(commands);
        return new Link(connection, commands, buckets);
    }

    /** An eviction policy other than noeviction may drop live records: a replay would then pass. */
    private void warnIfRedisMayEvict(Commands commands) {
        try {
            String policy = await(commands.maxmemoryPolicy());
            if (policy != null && !policy.equals("noeviction")) {
                LOG.log(Level.WARNING, "bearerguard: the replay store " + settings.location().shown + " has maxmemory-policy="
                        + Sanitizer.field(policy) + ": when it is full Redis evicts live replay records and a replay of"
                        + " their tokens is accepted; set maxmemory-policy noeviction (Redis then refuses new records: 503)");
            }
        } catch (RuntimeException e) {
            // CONFIG may be forbidden to this user (managed Redis): nothing to check then.
            LOG.log(Level.DEBUG, () -> "bearerguard: cannot read maxmemory-policy of the replay store: " + describe(e));
        }
    }

    /** Waits for {@code f} at most the command timeout; a failure becomes {@link VerifierUnavailableException}. */
    <T> T await(java.util.concurrent.CompletionStage<T> f) {
        try {
            return f.toCompletableFuture().get(settings.commandTimeout().toNanos() + TimeUnit.MILLISECONDS.toNanos(5),
                    TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.toCompletableFuture().cancel(true);
            throw new VerifierUnavailableException("interrupted while waiting for the replay store", e);
        } catch (java.util.concurrent.TimeoutException e) {
            f.toCompletableFuture().cancel(true);
            throw new VerifierUnavailableException(timeoutMessage(), e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RedisCommandTimeoutException) {
                throw new VerifierUnavailableException(timeoutMessage(), cause);
            }
            throw new VerifierUnavailableException("the replay store failed: " + describe(cause), cause);
        } catch (java.util.concurrent.CancellationException e) {
            throw new VerifierUnavailableException("the replay store command was cancelled (disconnected)", e);
        }
    }

    private String timeoutMessage() {
        return "the replay store did not answer within " + settings.commandTimeout().toMillis() + " ms";
    }

    /** A failure in words safe to log: its kind and Redis's error code, never a value. */
    static String describe(Throwable e) {
        if (e instanceof RedisCommandExecutionException) {
            String m = String.valueOf(e.getMessage());
            int space = m.indexOf(' ');
            return "Redis answered " + Sanitizer.field(space > 0 ? m.substring(0, space) : m);
        }
        if (e instanceof RedisCommandTimeoutException) {
            return "timed out";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? "" : ": " + Sanitizer.text(root.getMessage());
        return root.getClass().getSimpleName() + m;
    }

    @Override
    public String toString() {
        return settings.toString();
    }

    /**
     * Configures a {@link RedisReplayStore}. Options given in the location's query are read first;
     * a method called afterwards overrides them. Not thread-safe; the store it builds is.
     */
    public static final class Builder {
        private final RedisLocation location;
        private Clock clock = Clock.systemUTC();
        private String user;
        private String password;
        private String prefix;
        private Duration commandTimeout;
        private Duration connectTimeout;
        private Duration clockTolerance;
        private long maximumSize;
        private double keyShare;
        private int groups;

        private Builder(String location) {
            Objects.requireNonNull(location, "location");
            this.location = RedisLocation.parse(location.strip());
            prefix(optionOr("prefix", DEFAULT_PREFIX));
            commandTimeout(this.location.duration("timeout", Duration.ofMillis(DEFAULT_TIMEOUT_MS)));
            connectTimeout(this.location.duration("connect-timeout", Duration.ofMillis(DEFAULT_CONNECT_TIMEOUT_MS)));
            clockTolerance(this.location.duration("clock-tolerance", Duration.ofMillis(DEFAULT_TOLERANCE_MS)));
            maximumSize(number("max-size", CaffeineReplayCache.DEFAULT_MAXIMUM_SIZE));
            keyShare(fraction("key-share", CaffeineReplayCache.DEFAULT_KEY_SHARE));
            groups((int) number("groups", this.location.topology == RedisLocation.Topology.CLUSTER ? DEFAULT_CLUSTER_GROUPS : 1));
            String u = this.location.option("user");
            if (u != null) {
                user(u);
            }
        }

        private String optionOr(String name, String otherwise) {
            String v = location.option(name);
            return v == null ? otherwise : v;
        }

        private long number(String name, long otherwise) {
            String v = location.option(name);
            if (v == null) {
                return otherwise;
            }
            try {
                return Long.parseLong(v.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option " + name + " of the replay store is a whole number, not `"
                        + Sanitizer.text(v) + "`");
            }
        }

        private double fraction(String name, double otherwise) {
            String v = location.option(name);
            if (v == null) {
                return otherwise;
            }
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option " + name + " of the replay store is a number such as 0.5, not `"
                        + Sanitizer.text(v) + "`");
            }
        }

        /** The verifier's clock (records expire at its {@code until}); default the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The Redis ACL user; default none ({@code default}), or {@code ?user=} of the location. */
        public Builder user(String user) {
            Objects.requireNonNull(user, "user");
            if (user.isEmpty()) {
                throw new IllegalArgumentException("the Redis user is empty");
            }
            this.user = user;
            return this;
        }

        /** The password (of the ACL user, or {@code requirepass}); never part of the location. */
        public Builder password(String password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * The prefix of every key this store writes, so several applications can share one Redis;
         * default {@value #DEFAULT_PREFIX}. Every instance of one application must use the same.
         *
         * @throws IllegalArgumentException unless 0 to 64 printable ASCII characters without braces
         */
        public Builder prefix(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            if (!PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("a replay store prefix is up to 64 printable ASCII characters without"
                        + " spaces or braces, not `" + Sanitizer.text(prefix) + "`");
            }
            this.prefix = prefix;
            return this;
        }

        /** How long one command may take before the request is answered 503; default {@value #DEFAULT_TIMEOUT_MS} ms. */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = positive(timeout, "timeout");
            return this;
        }

        /** How long a connection attempt may take; default {@value #DEFAULT_CONNECT_TIMEOUT_MS} ms. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connect-timeout");
            return this;
        }

        /**
         * How far the clocks of the instances and of Redis may disagree; default {@value
         * #DEFAULT_TOLERANCE_MS} ms. Records live this much past their {@code until}, and after a
         * loss the tokens valid from up to this much after it are refused too.
         */
        public Builder clockTolerance(Duration tolerance) {
            Objects.requireNonNull(tolerance, "tolerance");
            if (tolerance.isNegative() || tolerance.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("clock-tolerance is 0 to 10 minutes, not " + tolerance);
            }
            this.clockTolerance = tolerance;
            return this;
        }

        /** The most live records (beyond it new ones are refused, 503); default one million. */
        public Builder maximumSize(long maximumSize) {
            if (maximumSize < 1) {
                throw new IllegalArgumentException("max-size must be at least 1, not " + maximumSize);
            }
            this.maximumSize = maximumSize;
            return this;
        }

        /** The most one key may hold, as a fraction of {@link #maximumSize}; default 0.5. */
        public Builder keyShare(double keyShare) {
            if (!(keyShare > 0 && keyShare <= 1)) {
                throw new IllegalArgumentException("key-share must be above 0 and at most 1, not " + keyShare);
            }
            this.keyShare = keyShare;
            return this;
        }

        /**
         * In how many slot groups the records are spread (1 to 1024): each group is one hash slot
         * with its own marker and counts, so a Redis Cluster spreads the load over its nodes and
         * detects a loss per node. Default 1, or {@value #DEFAULT_CLUSTER_GROUPS} for a cluster.
         * The bound and the key share then hold per group ({@code ⌈limit / groups⌉} each). Every
         * instance must use the same.
         */
        public Builder groups(int groups) {
            if (groups < 1 || groups > 1024) {
                throw new IllegalArgumentException("groups is 1 to 1024, not " + groups);
            }
            this.groups = groups;
            return this;
        }

        /**
         * The store. It starts connecting at once, on a thread of its own, so the first requests
         * find it connected; a request that comes while it connects waits at most the connect
         * timeout; one that finds Redis unreachable is answered 503 and the next one tries again.
         */
        public RedisReplayStore build() {
            RedisReplayStore store = new RedisReplayStore(new Settings(location, clock, user, password, prefix,
                    commandTimeout, connectTimeout, clockTolerance, maximumSize, keyShare, groups));
            Thread t = new Thread(() -> {
                try {
                    store.link();
                } catch (RuntimeException e) {
                    LOG.log(Level.DEBUG, () -> "bearerguard: the replay store is not reachable yet: " + describe(e));
                }
            }, "bearerguard-redis-connect");
            t.setDaemon(true);
            t.start();
            return store;
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isZero() || d.isNegative() || d.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException(name + " is above 0 and at most 1 minute, not " + d);
            }
            return d;
        }
    }
}
