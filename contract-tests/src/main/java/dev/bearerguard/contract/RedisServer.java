package dev.bearerguard.contract;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} for the tests of stores behind Redis: its own process on a free
 * loopback port with a temporary folder (never a system service), stopped by {@link #close()}.
 * Without {@code redis-server} on the machine it fails the test when the environment variable
 * {@code CI} is set and skips it otherwise ({@link #requireRedis()}).
 *
 * <p>It writes an append-only file with {@code appendfsync always} by default, so {@link #stop()}
 * then {@link #start()} brings it back with its data, as a store that is restarted properly does;
 * {@link #kill()} then {@link #startEmpty()} is one restarted without persistence. {@link #freeze()}
 * stops the process answering (a hung server) until {@link #thaw()}.
 *
 * <p>Not thread-safe: one test drives it.
 */
public final class RedisServer implements AutoCloseable {

    /** Where Debian's {@code redis-server} package puts the programs. */
    public static final Path SERVER = Path.of("/usr/bin/redis-server");
    /** Its command-line client (cluster creation). */
    public static final Path CLI = Path.of("/usr/bin/redis-cli");

    private final Path dir;
    private final int port;
    private final List<String> extra;
    private Process process;

    private RedisServer(Path dir, int port, List<String> extra) {
        this.dir = dir;
        this.port = port;
        this.extra = extra;
    }

    /**
     * Fails the test when {@code redis-server} is missing and {@code CI} is set; skips it when it is
     * missing otherwise.
     */
    public static void requireRedis() {
        if (!Files.isExecutable(SERVER) || !Files.isExecutable(CLI)) {
            String why = "this test needs " + SERVER + " and " + CLI + " (apt-get install redis-server)";
            if (System.getenv("CI") != null) {
                Assertions.fail(why + "; CI is set, so this is a failure, not a skip");
            }
            Assumptions.abort(why + "; skipped because CI is not set");
        }
    }

    /**
     * Starts a server on a free loopback port, in a new temporary folder.
     *
     * @param extra more {@code redis-server} arguments ({@code --requirepass}, {@code --cluster-enabled yes} …)
     */
    public static RedisServer launch(String... extra) {
        requireRedis();
        try {
            Path dir = Files.createTempDirectory("bearerguard-redis-");
            IOException last = null;
            for (int attempt = 0; attempt < 5; attempt++) {
                RedisServer s = new RedisServer(dir, freePort(), List.of(extra));
                try {
                    s.boot();
                    return s;
                } catch (IOException e) {
                    last = e;
                    s.kill();
                }
            }
            throw new UncheckedIOException("redis-server did not start", last);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void boot() throws IOException {
        List<String> args = new ArrayList<>(List.of(SERVER.toString(), "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--protected-mode", "yes", "--dir", dir.toString(),
                "--daemonize", "no", "--save", "", "--appendonly", "yes", "--appendfsync", "always",
                "--logfile", dir.resolve("redis.log").toString(), "--maxmemory-policy", "noeviction",
                // DEBUG SLEEP makes a slow server; only from loopback.
                "--enable-debug-command", "local"));
        args.addAll(extra);
        process = new ProcessBuilder(args).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        // A test JVM that ends without close() (killed, a fork timed out) leaves no server behind.
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "redis-server-stop"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with " + process.exitValue() + ": " + log());
            }
            try {
                Object pong = command("PING");
                if ("PONG".equals(pong)) {
                    return;
                }
            } catch (IllegalStateException e) {
                if (e.getMessage() != null && (e.getMessage().startsWith("NOAUTH") || e.getMessage().startsWith("NOPERM"))) {
                    return; // up, and wants a password
                }
            } catch (IOException | RuntimeException e) {
                // not listening (or still loading) yet
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("redis-server did not answer PING within 20 s: " + log());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private String log() {
        try {
            Path log = dir.resolve("redis.log");
            if (!Files.exists(log)) {
                return "(no log)";
            }
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(log unreadable)";
        }
    }

    /** Its port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:PORT/0}. */
    public String uri() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    /** Its folder (append-only file, logs). */
    public Path dir() {
        return dir;
    }

    /** Its process id (for a test that sends it signals). */
    public long pid() {
        return process.pid();
    }

    /** Stops it cleanly (SIGTERM: the append-only file is complete); {@link #start()} brings it back with its data. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    /** Kills it (SIGKILL). */
    public void kill() {
        if (process != null && process.isAlive()) {
            thawQuietly();
            process.destroyForcibly();
            waitFor();
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts it again on the same port and folder, with the data it had written. */
    public void start() {
        try {
            boot();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts it again on the same port, without the data it had: restarted without persistence. */
    public void startEmpty() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir) && !p.getFileName().toString().endsWith(".log") && !p.getFileName().toString().equals("nodes.conf")) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    /** Stops the process where it is (SIGSTOP): connections stay open and nothing answers. */
    public void freeze() {
        signal("-STOP");
    }

    /** Lets a frozen process go on (SIGCONT). */
    public void thaw() {
        signal("-CONT");
    }

    private void thawQuietly() {
        try {
            thaw();
        } catch (RuntimeException ignored) {
            // it was not frozen
        }
    }

    private void signal(String signal) {
        try {
            Process p = new ProcessBuilder("kill", signal, String.valueOf(process.pid())).start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends one command (on a connection of its own) and reads the answer: a {@code String} for a
     * simple or bulk string, {@code Long}, {@code List<Object>}, or null.
     *
     * @throws IllegalStateException when Redis answers an error
     */
    public Object command(String... args) throws IOException {
        return command(Duration.ofSeconds(10), args);
    }

    /** {@link #command(String...)} with its own read timeout. */
    public Object command(Duration timeout, String... args) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout((int) timeout.toMillis());
            OutputStream out = s.getOutputStream();
            ByteArrayOutputStream req = new ByteArrayOutputStream();
            req.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (String a : args) {
                byte[] b = a.getBytes(StandardCharsets.UTF_8);
                req.write(("$" + b.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                req.write(b);
                req.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write(req.toByteArray());
            out.flush();
            return read(new BufferedInputStream(s.getInputStream()));
        }
    }

    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        String line = line(in);
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new IllegalStateException(line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return null;
                }
                byte[] b = in.readNBytes(n);
                line(in);
                return new String(b, StandardCharsets.UTF_8);
            }
            case '*': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(read(in));
                }
                return items;
            }
            default:
                throw new IOException("not a RESP reply: " + (char) type + line);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read();
                break;
            }
            sb.append((char) c);
        }
        if (c == -1 && sb.length() == 0) {
            throw new IOException("connection closed");
        }
        return sb.toString();
    }

    /** Redis's own time, in milliseconds since the epoch ({@code TIME}). */
    public long timeMillis() throws IOException {
        @SuppressWarnings("unchecked")
        List<Object> t = (List<Object>) command("TIME");
        return Long.parseLong((String) t.get(0)) * 1000 + Long.parseLong((String) t.get(1)) / 1000;
    }

    /**
     * Waits until Redis's clock is past {@code epochMillis} (so every key expiring at it or before
     * is gone), at most {@code bound}.
     */
    public void awaitTimePast(long epochMillis, Duration bound) throws IOException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (timeMillis() <= epochMillis) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Redis's clock did not pass " + epochMillis + " within " + bound);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** Stops it and deletes its folder. */
    @Override
    public void close() {
        kill();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temporary folder: best effort
        }
    }

    /**
     * Three masters of a Redis Cluster (no replicas), each its own {@code redis-server} on a free
     * loopback port, joined with {@code redis-cli --cluster create}; closed together.
     */
    public static final class Cluster implements AutoCloseable {
        private final List<RedisServer> nodes;

        private Cluster(List<RedisServer> nodes) {
            this.nodes = nodes;
        }

        /** Starts three nodes and creates the cluster; waits until every node says {@code cluster_state:ok}. */
        public static Cluster start() throws IOException, InterruptedException {
            requireRedis();
            List<RedisServer> nodes = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    nodes.add(RedisServer.launch("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                            "--cluster-node-timeout", "2000"));
                }
                List<String> cmd = new ArrayList<>(List.of(CLI.toString(), "--cluster", "create"));
                for (RedisServer n : nodes) {
                    cmd.add("127.0.0.1:" + n.port());
                }
                cmd.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IOException("redis-cli --cluster create failed: " + out);
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                for (RedisServer n : nodes) {
                    while (!String.valueOf(n.command("CLUSTER", "INFO")).contains("cluster_state:ok")) {
                        if (System.nanoTime() > deadline) {
                            throw new IOException("the cluster did not become ok within 30 s");
                        }
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                    }
                }
                return new Cluster(List.copyOf(nodes));
            } catch (IOException | InterruptedException | RuntimeException e) {
                nodes.forEach(RedisServer::close);
                throw e;
            }
        }

        /** The nodes, in the order of their ports as created. */
        public List<RedisServer> nodes() {
            return nodes;
        }

        /** {@code redis-cluster://127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3}. */
        public String uri() {
            StringBuilder sb = new StringBuilder("redis-cluster://");
            for (int i = 0; i < nodes.size(); i++) {
                sb.append(i == 0 ? "" : ",").append("127.0.0.1:").append(nodes.get(i).port());
            }
            return sb.toString();
        }

        @Override
        public void close() {
            nodes.forEach(RedisServer::close);
        }
    }
}
