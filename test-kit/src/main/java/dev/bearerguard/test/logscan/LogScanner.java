package dev.bearerguard.test.logscan;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures the log lines of a test run and keeps those that hold a secret ({@link SecretPatterns}):
 * every {@code java.util.logging} record (so also {@code System.Logger}, whose default backend it
 * is, and SLF4J where it is routed there), with Bearerguard's own loggers ({@code dev.bearerguard})
 * opened to every level so that even a debug line is checked; and every line written to {@code
 * System.out} and {@code System.err} (the console handler, Jetty's {@code jetty-slf4j-impl}, any
 * other logger that prints). A secret is remembered by its kind and where it was seen, never by its
 * text.
 *
 * <p>Scanners nest: while an inner one is installed (a test running a child launcher), lines go to
 * it alone. Thread-safe.
 */
public final class LogScanner {

    /** Where a secret was seen: its kind, the source (logger or stream) and the test running then. */
    public record Finding(String kind, String source, String test) {
        @Override
        public String toString() {
            return kind + " in a line from " + source + (test == null ? "" : " during " + test);
        }
    }

    private static final Object LOCK = new Object();
    private static final Deque<LogScanner> ACTIVE = new ArrayDeque<>();
    private static Handler handler;
    private static PrintStream originalOut;
    private static PrintStream originalErr;
    private static Level previousOwnLevel;
    /** Held strongly: JUL keeps loggers weakly, and a collected logger forgets the level set on it. */
    private static Logger own;

    private final List<Finding> findings = new ArrayList<>();
    private String currentTest;
    private long lines;

    private LogScanner() {
    }

    /** Installs a new scanner, innermost. */
    public static LogScanner install() {
        LogScanner s = new LogScanner();
        synchronized (LOCK) {
            if (ACTIVE.isEmpty()) {
                hook();
            }
            ACTIVE.push(s);
        }
        return s;
    }

    /** Stops this scanner (the innermost); the hooks go when the outermost one stops. */
    public void uninstall() {
        synchronized (LOCK) {
            ACTIVE.remove(this);
            if (ACTIVE.isEmpty()) {
                unhook();
            }
        }
    }

    /** The secrets seen so far. */
    public List<Finding> findings() {
        synchronized (LOCK) {
            return List.copyOf(findings);
        }
    }

    /** How many lines were checked. */
    public long lines() {
        synchronized (LOCK) {
            return lines;
        }
    }

    /** Names the test now running (or null), for the innermost scanner's report. */
    public static void running(String test) {
        synchronized (LOCK) {
            LogScanner s = ACTIVE.peek();
            if (s != null) {
                s.currentTest = test;
            }
        }
    }

    /** Checks one line from {@code source} against the innermost scanner. */
    public static void scan(String source, CharSequence line) {
        synchronized (LOCK) {
            LogScanner s = ACTIVE.peek();
            if (s == null) {
                return;
            }
            s.lines++;
            SecretPatterns.find(line).ifPresent(k -> s.findings.add(new Finding(k.name(), source, s.currentTest)));
        }
    }

    private static void hook() {
        Logger root = Logger.getLogger("");
        handler = new Handler() {
            private final SimpleFormatter format = new SimpleFormatter();

            @Override
            public void publish(LogRecord record) {
                String text;
                try {
                    text = format.format(record);
                } catch (RuntimeException e) {
                    text = String.valueOf(record.getMessage());
                }
                scan("java.util.logging " + record.getLoggerName(), text);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        own = Logger.getLogger("dev.bearerguard");
        previousOwnLevel = own.getLevel();
        own.setLevel(Level.ALL);
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(tee(originalOut, "System.out"));
        System.setErr(tee(originalErr, "System.err"));
    }

    private static void unhook() {
        Logger.getLogger("").removeHandler(handler);
        own.setLevel(previousOwnLevel);
        own = null;
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    /** A stream that writes through to {@code target} and scans each complete line. */
    private static PrintStream tee(PrintStream target, String source) {
        OutputStream lineScanner = new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                target.write(b);
                if (b == '\n') {
                    flushLine();
                } else if (line.size() < 1 << 20) {
                    line.write(b);
                }
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                target.write(b, off, len);
                for (int i = off; i < off + len; i++) {
                    if (b[i] == '\n') {
                        flushLine();
                    } else if (line.size() < 1 << 20) {
                        line.write(b[i]);
                    }
                }
            }

            @Override
            public synchronized void flush() {
                target.flush();
            }

            private void flushLine() {
                scan(source, line.toString(StandardCharsets.UTF_8));
                line.reset();
            }
        };
        return new PrintStream(lineScanner, true, StandardCharsets.UTF_8);
    }
}
