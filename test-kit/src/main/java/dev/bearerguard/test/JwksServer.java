package dev.bearerguard.test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * A real key service for tests: the JDK's HTTP server on a free loopback port serving a JWKS at
 * {@code /jwks.json}, with the faults a real one has — too slow, 500, garbage, truncated, too big,
 * a redirect, down — and a {@code Cache-Control} the test sets. Counts the fetches it answers.
 *
 * <p>Thread-safe. Close it (it is {@link AutoCloseable}); a slow answer in progress is released.
 */
public final class JwksServer implements AutoCloseable {

    /** What the next answers do. */
    public enum Fault {
        /** The published set, 200. */
        NONE,
        /** No answer at all until released (past any client timeout). */
        SLOW_HEADERS,
        /** 200 and the first bytes of the body, then nothing until released. */
        SLOW_BODY,
        /** 500 with a short text body. */
        ERROR_500,
        /** 200 with an HTML page. */
        GARBAGE,
        /** 200 with bytes that are not UTF-8. */
        NOT_UTF8,
        /** 200 declaring the set's length, half of it sent, then the connection closed. */
        TRUNCATED,
        /** 200 with a 1 MiB JWKS, its length declared. */
        HUGE_DECLARED,
        /** 200 with a 1 MiB JWKS streamed (chunked, no length given). */
        HUGE_STREAMED,
        /** 302 to another path. */
        REDIRECT
    }

    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "jwks-server");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger requests = new AtomicInteger();
    private final Object lock = new Object();
    private final Deque<Fault> queued = new ArrayDeque<>();
    private volatile CountDownLatch release = new CountDownLatch(1);
    private volatile String body = "{\"keys\":[]}";
    private volatile String cacheControl;
    private volatile Fault fault = Fault.NONE;
    private volatile HttpServer server;
    private final SSLContext tls;
    private final int port;

    private JwksServer(SSLContext tls) throws IOException {
        this.tls = tls;
        this.server = bind(0);
        this.port = server.getAddress().getPort();
    }

    /** Starts a server on a free loopback port, serving an empty set until {@link #publish}. */
    public static JwksServer start() throws IOException {
        return new JwksServer(null);
    }

    /** As {@link #start()}, over TLS with {@code serverContext} ({@link TestTls#serverContext()}); {@link #uri()} is https. */
    public static JwksServer startTls(SSLContext serverContext) throws IOException {
        return new JwksServer(Objects.requireNonNull(serverContext, "serverContext"));
    }

    private HttpServer bind(int p) throws IOException {
        InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), p);
        HttpServer s;
        if (tls != null) {
            HttpsServer https = HttpsServer.create(at, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            s = https;
        } else {
            s = HttpServer.create(at, 0);
        }
        s.createContext("/", this::handle);
        s.setExecutor(executor);
        s.start();
        return s;
    }

    /** {@code http://127.0.0.1:PORT/jwks.json} ({@code https} for a TLS server). */
    public URI uri() {
        return URI.create((tls == null ? "http" : "https") + "://127.0.0.1:" + port + "/jwks.json");
    }

    /** Serves {@code keys} (as public JWKs with their {@code kid} and {@code use: sig}) from now on. */
    public void publish(List<TestKey> keys) {
        StringBuilder sb = new StringBuilder("{\"keys\":[");
        for (int i = 0; i < keys.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(jwk(keys.get(i).kid(), keys.get(i).pair().getPublic()));
        }
        publishJson(sb.append("]}").toString());
    }

    /** Serves this document from now on. */
    public void publishJson(String json) {
        this.body = Objects.requireNonNull(json, "json");
    }

    /** The public JWK of {@code key} under {@code kid}, with {@code use: sig}, as JSON. */
    public static String jwk(String kid, PublicKey key) {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key);
            jwk.setKeyId(kid);
            jwk.setUse("sig");
            return jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (JoseException e) {
            throw new IllegalArgumentException("cannot write a JWK for " + kid, e);
        }
    }

    /** The {@code Cache-Control} header of the answers from now on; null for none. */
    public void cacheControl(String value) {
        this.cacheControl = value;
    }

    /** The fault of every answer from now on (after any {@link #queue}d ones). */
    public void fault(Fault f) {
        this.fault = Objects.requireNonNull(f, "fault");
    }

    /** Faults for the next answers, one each, before the standing {@link #fault} applies again. */
    public void queue(Fault... faults) {
        synchronized (lock) {
            queued.addAll(List.of(faults));
        }
    }

    /** Lets every slow answer in progress go on (and end). */
    public void release() {
        CountDownLatch r = release;
        release = new CountDownLatch(1);
        r.countDown();
    }

    /** How many requests for the key set were answered or started so far. */
    public int requests() {
        return requests.get();
    }

    /**
     * Waits until at least {@code n} requests for the key set have arrived (a slow one counts when
     * it arrives, before it is answered).
     *
     * @throws AssertionError if they have not within {@code timeout}
     */
    public void awaitRequests(int n, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (requests) {
            while (requests.get() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + n + " requests, got " + requests.get());
                }
                TimeUnit.NANOSECONDS.timedWait(requests, left);
            }
        }
    }

    /** Stops listening (connections are refused), keeping the port for {@link #resume()}. */
    public void stop() {
        release();
        server.stop(0);
    }

    /** Listens again on the same port. */
    public void resume() throws IOException {
        server = bind(port);
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }

    private Fault next() {
        synchronized (lock) {
            Fault q = queued.poll();
            return q != null ? q : fault;
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestURI().getPath().equals("/jwks.json")) {
                send(ex, 404, "not found".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            CountDownLatch wait = release; // before the count: a release() after awaitRequests lets it go
            synchronized (requests) {
                requests.incrementAndGet();
                requests.notifyAll();
            }
            byte[] set = body.getBytes(StandardCharsets.UTF_8);
            switch (next()) {
                case NONE -> send(ex, 200, set);
                case SLOW_HEADERS -> {
                    await(wait);
                    send(ex, 200, set);
                }
                case SLOW_BODY -> {
                    headers(ex);
                    ex.sendResponseHeaders(200, 0);
                    OutputStream out = ex.getResponseBody();
                    out.write(set, 0, Math.min(8, set.length));
                    out.flush();
                    await(wait);
                }
                case ERROR_500 -> send(ex, 500, "internal error".getBytes(StandardCharsets.US_ASCII));
                case GARBAGE -> send(ex, 200, "<html><body>Service Temporarily Unavailable</body></html>"
                        .getBytes(StandardCharsets.US_ASCII));
                case NOT_UTF8 -> send(ex, 200, new byte[] {'{', '"', 'k', (byte) 0xff, (byte) 0xfe, '"', '}'});
                case TRUNCATED -> {
                    headers(ex);
                    ex.sendResponseHeaders(200, set.length);
                    ex.getResponseBody().write(set, 0, set.length / 2);
                    ex.getResponseBody().flush();
                    // closing now, short of the declared length, drops the connection
                }
                case HUGE_DECLARED -> send(ex, 200, huge());
                case HUGE_STREAMED -> {
                    headers(ex);
                    ex.sendResponseHeaders(200, 0);
                    byte[] h = huge();
                    OutputStream out = ex.getResponseBody();
                    for (int i = 0; i < h.length; i += 8192) {
                        out.write(h, i, Math.min(8192, h.length - i));
                    }
                }
                case REDIRECT -> {
                    ex.getResponseHeaders().add("Location", "/elsewhere/jwks.json");
                    ex.sendResponseHeaders(302, -1);
                }
            }
        } catch (IOException e) {
            // the client went away (a timeout, a cap): nothing to answer
        }
    }

    private static byte[] huge() {
        StringBuilder sb = new StringBuilder("{\"keys\":[");
        String filler = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + "A".repeat(43) + "\",\"y\":\"" + "A".repeat(43) + "\"}";
        while (sb.length() < (1 << 20)) {
            sb.append(sb.length() > 9 ? "," : "").append(filler);
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private void headers(HttpExchange ex) {
        ex.getResponseHeaders().add("Content-Type", "application/json");
        String cc = cacheControl;
        if (cc != null) {
            ex.getResponseHeaders().add("Cache-Control", cc);
        }
    }

    private void send(HttpExchange ex, int status, byte[] bytes) throws IOException {
        headers(ex);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
