package dev.bearerguard.benchmarks;

import dev.bearerguard.contract.RedisServer;
import dev.bearerguard.core.Algorithm;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.replay.CaffeineReplayCache;
import dev.bearerguard.core.replay.ReplayCache;
import dev.bearerguard.core.replay.ReplayPolicy;
import dev.bearerguard.test.TokenSigner;
import dev.bearerguard.replay.redis.RedisReplayStore;
import dev.bearerguard.servlet.BearerTokenFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Benchmark 6: requests through {@link BearerTokenFilter} in an embedded Jetty 12 (ee10), against
 * the same endpoint unprotected. One server serves one tiny servlet twice: at {@value #OPEN_PATH}
 * without a filter and at {@value #PROTECTED_PATH} behind the filter (built in code around a ready
 * verifier, no scope rules: a valid token is enough). A client in the same JVM sends one HTTP/1.1
 * request per operation over one keep-alive connection to 127.0.0.1 and reads the whole answer;
 * anything but {@code 200} fails the run.
 *
 * <p>The cases ({@link Kind}):
 * <ul>
 *   <li>{@code UNPROTECTED}: the open path, no {@code Authorization} header;</li>
 *   <li>{@code FILTER_COLD}: the protected path with a different ES512 token on each request (256
 *       pre-minted tokens, cycled; replay check off so they can come round again, no verified-token
 *       cache): every request pays a full signature check, as single-use server-to-server tokens
 *       do (minus the replay cache, about 3 µs, measured on its own);</li>
 *   <li>{@code FILTER_CACHED}: the protected path with one ES512 embed token on every request
 *       through the verified-token cache (default replay policy: embed tokens are reusable).</li>
 *   <li>{@code FILTER_COLD_MEMORY} and {@code FILTER_COLD_REDIS}: {@code FILTER_COLD} with the
 *       replay step on (policy reusable, so the 256 tokens may come round again: every request
 *       records its {@code jti}), in the in-memory cache or in a {@code redis-server} the benchmark
 *       starts on loopback (issue 14: one round trip per request, at least 85 % of the in-memory
 *       throughput).</li>
 * </ul>
 *
 * <p>Before JMH's warm-up, {@link #setUp} sends requests for {@link #PRE_WARM} (12 s). An
 * operation is one request; client and server run in the benchmark JVM, so the CPU column is
 * the CPU of both per request. Requests per second is one connection's rate (one request in
 * flight). Bounded: at most {@value #MAX_REQUESTS_PER_TRIAL} requests per trial, and a 10 s read
 * timeout, so a stuck server fails the run instead of hanging it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ServletFilterBenchmark {

    /** The unprotected copy of the endpoint. */
    public static final String OPEN_PATH = "/open/ping";
    /** The copy behind the filter. */
    public static final String PROTECTED_PATH = "/api/ping";
    /** A hard bound on the requests one trial may send (far above what 30 s can reach). */
    public static final long MAX_REQUESTS_PER_TRIAL = 5_000_000;

    /**
     * Requests sent in {@link #setUp} before JMH's own warm-up, at most this long (and at most
     * {@value #PRE_WARM_REQUESTS} requests). With run.sh's 3 × 3 s of warm-up alone, the
     * {@code FILTER_COLD} case was still getting faster in its last measured iteration (the JIT
     * has Jetty and the EC arithmetic to compile, at about 1 000 requests a second, on a busy
     * 2-core machine); with this it has settled.
     */
    static final Duration PRE_WARM = Duration.ofSeconds(12);
    static final int PRE_WARM_REQUESTS = 200_000;

    /** What the client sends; see the class comment. */
    public enum Kind { UNPROTECTED, FILTER_COLD, FILTER_CACHED, FILTER_COLD_MEMORY, FILTER_COLD_REDIS }

    @Param({"UNPROTECTED", "FILTER_COLD", "FILTER_CACHED", "FILTER_COLD_MEMORY", "FILTER_COLD_REDIS"})
    public String kind;

    private Server server;
    private Client client;
    private RedisServer redis;
    private RedisReplayStore store;
    private byte[][] requests;
    private int next;
    private long sent;
    /** {@link #PRE_WARM}; the smoke test sets it to zero. */
    Duration preWarm = PRE_WARM;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Kind k = Kind.valueOf(kind);
        KeyPair pair = Fixtures.keyPair(Algorithm.ES512);
        TokenSigner signer = Fixtures.signer(pair, Algorithm.ES512);
        TokenVerifier verifier;
        List<String> tokens;
        if (k == Kind.FILTER_CACHED) {
            verifier = TokenVerifier.builder()
                    .keys(KeySet.of(TrustedKey.of(pair.getPublic())))
                    .verifiedTokenCache(10_000)
                    .build();
            tokens = List.of(signer.token().scopes("embed")
                    .embed("amount", 1299).embed("currency", "EUR").embed("buyer_id", "b-42")
                    .lifetime(Duration.ofHours(1)).sign());
        } else if (k == Kind.FILTER_COLD_MEMORY || k == Kind.FILTER_COLD_REDIS) {
            // The cold case with the replay step on (reusable, so the 256 tokens can come back): one
            // record per request, in this process or in Redis (one loopback round trip).
            ReplayCache cache;
            if (k == Kind.FILTER_COLD_REDIS) {
                redis = RedisServer.launch();
                // A generous timeout: this measures throughput, not timeouts (the first calls of a cold JVM).
                store = RedisReplayStore.builder(redis.uri() + "?timeout=1s").build();
                store.declareNew();
                cache = store.replayCache();
            } else {
                cache = CaffeineReplayCache.create(Clock.systemUTC(), CaffeineReplayCache.DEFAULT_MAXIMUM_SIZE);
            }
            verifier = TokenVerifier.builder()
                    .keys(KeySet.of(TrustedKey.of(pair.getPublic(), null, Algorithm.ES512)))
                    .algorithms(Algorithm.ES512)
                    .replayPolicy(ReplayPolicy.REUSABLE)
                    .replayCache(cache)
                    .build();
            tokens = Fixtures.tokens(signer, Fixtures.TOKENS);
        } else {
            verifier = Fixtures.verifier(pair, Algorithm.ES512);
            tokens = k == Kind.FILTER_COLD ? Fixtures.tokens(signer, Fixtures.TOKENS) : List.of();
        }
        server = start(BearerTokenFilter.builder(verifier).build());
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        requests = k == Kind.UNPROTECTED ? new byte[][] {request(OPEN_PATH, port, null)} : requests(port, tokens);
        client = new Client(port);
        sent = 0;
        next = 0;
        // One round before measuring, so a misconfigured case fails at once with its status line.
        for (byte[] r : requests) {
            client.exchange(r);
        }
        long end = System.nanoTime() + preWarm.toNanos();
        for (int i = 0; i < PRE_WARM_REQUESTS && System.nanoTime() - end < 0; i++) {
            client.exchange(requests[i % requests.length]);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop();
        }
        if (store != null) {
            store.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Benchmark
    public int request() throws IOException {
        if (++sent > MAX_REQUESTS_PER_TRIAL) {
            throw new IllegalStateException("more than " + MAX_REQUESTS_PER_TRIAL + " requests in one trial");
        }
        byte[] r = requests[next];
        next = next + 1 == requests.length ? 0 : next + 1;
        return client.exchange(r);
    }

    /** The running server (for the smoke test). */
    Server server() {
        return server;
    }

    // ---------------------------------------------------------------------------------------------

    /** Starts Jetty on 127.0.0.1, an ephemeral port, with the endpoint open and behind {@code filter}. */
    static Server start(BearerTokenFilter filter) throws Exception {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder ping = new ServletHolder(new Ping());
        context.addServlet(ping, OPEN_PATH);
        context.addServlet(ping, PROTECTED_PATH);
        context.addFilter(new FilterHolder(filter), "/api/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        server.start();
        return server;
    }

    /** The request bytes for each token, built once so the measured loop only sends them. */
    static byte[][] requests(int port, List<String> tokens) {
        List<byte[]> out = new ArrayList<>(tokens.size());
        for (String t : tokens) {
            out.add(request(PROTECTED_PATH, port, t));
        }
        return out.toArray(new byte[0][]);
    }

    static byte[] request(String path, int port, String token) {
        return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The endpoint: a fixed three-byte answer. */
    static final class Ping extends HttpServlet {
        private static final byte[] BODY = "ok\n".getBytes(StandardCharsets.US_ASCII);

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.setContentLength(BODY.length);
            resp.getOutputStream().write(BODY);
        }
    }

    /**
     * A minimal HTTP/1.1 keep-alive client for one loopback connection: sends a request, reads the
     * status line, the headers and a {@code Content-Length} body. Not thread-safe.
     */
    static final class Client implements AutoCloseable {
        private final int port;
        private Socket socket;
        private OutputStream out;
        private InputStream in;
        private final byte[] body = new byte[64 * 1024];

        Client(int port) throws IOException {
            this.port = port;
            connect();
        }

        private void connect() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }

        /**
         * Sends {@code request} and reads the answer; reconnects once if the server closed the idle
         * connection.
         *
         * @return the body length
         * @throws IOException if the answer is not {@code 200} or the connection fails
         */
        int exchange(byte[] request) throws IOException {
            int status;
            try {
                out.write(request);
                out.flush();
                status = readStatus();
            } catch (SocketException e) {
                status = -1;
            }
            if (status < 0) { // closed by the server between requests: one retry on a new connection
                close();
                connect();
                out.write(request);
                out.flush();
                status = readStatus();
                if (status < 0) {
                    throw new IOException("connection closed before the answer");
                }
            }
            int length = readHeaders();
            int read = 0;
            while (read < length) {
                int n = in.read(body, 0, Math.min(body.length, length - read));
                if (n < 0) {
                    throw new IOException("connection closed in the body");
                }
                read += n;
            }
            if (status != 200) { // after the body, so the connection stays usable
                throw new IOException("expected 200, got " + status);
            }
            return length;
        }

        /** The status code, or -1 if the connection was closed before an answer started. */
        private int readStatus() throws IOException {
            String line = readLine();
            if (line == null) {
                return -1;
            }
            if (!line.startsWith("HTTP/1.1 ") || line.length() < 12) {
                throw new IOException("not an HTTP/1.1 status line");
            }
            return Integer.parseInt(line, 9, 12, 10);
        }

        /** Reads the headers up to the blank line; answers the Content-Length (0 if none). */
        private int readHeaders() throws IOException {
            int length = 0;
            for (String line = readLine(); ; line = readLine()) {
                if (line == null) {
                    throw new IOException("connection closed in the headers");
                }
                if (line.isEmpty()) {
                    return length;
                }
                if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
        }

        private final StringBuilder line = new StringBuilder(128);

        private String readLine() throws IOException {
            line.setLength(0);
            for (int c = in.read(); ; c = in.read()) {
                if (c < 0) {
                    if (line.length() == 0) {
                        return null;
                    }
                    throw new IOException("connection closed mid-line");
                }
                if (c == '\n') {
                    int n = line.length();
                    return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
                }
                line.append((char) c);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
