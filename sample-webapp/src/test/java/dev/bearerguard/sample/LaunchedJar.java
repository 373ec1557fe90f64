package dev.bearerguard.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shaded sample jar running as {@code java -jar} in a process of its own, for the tests that
 * start it as a user would ({@code FatJarIT}, {@code SharedReplayStoreIT}); its output lines arrive
 * on a queue that {@link #await} reads. Used from the test's thread only.
 */
final class LaunchedJar implements AutoCloseable {

    /** The jar {@code mvn package} builds. */
    static final Path JAR = Path.of("target", "bearerguard-sample.jar");

    final Process process;
    private final Duration awaitAtMost;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    /** Every line {@link #await} has read so far. */
    final List<String> seen = new ArrayList<>();

    /**
     * @param workDir     the process's working folder
     * @param awaitAtMost how long {@link #await} waits for a line
     * @param javaOptions options before {@code -jar} (a heap bound)
     * @param args        the sample's own arguments
     */
    LaunchedJar(Path workDir, Duration awaitAtMost, List<String> javaOptions, List<String> args) throws IOException {
        this.awaitAtMost = awaitAtMost;
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(javaOptions);
        cmd.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        cmd.addAll(args);
        process = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("<output closed: " + e.getMessage() + ">");
            }
        }, "sample-jar-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits (at most the time given at launch) for a line matching {@code pattern}. */
    Matcher await(Pattern pattern) throws InterruptedException {
        long deadline = System.nanoTime() + awaitAtMost.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                seen.add(line);
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return m;
                }
            }
        }
        throw new AssertionError("no line matching " + pattern + " in:\n" + String.join("\n", seen));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
