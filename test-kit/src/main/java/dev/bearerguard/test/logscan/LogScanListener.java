package dev.bearerguard.test.logscan;

import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Fails a test run in which any log line held a secret. Registered through {@code
 * META-INF/services} as a JUnit Platform {@link LauncherSessionListener} (it installs a {@link
 * LogScanner} when the session opens and judges when it closes) and as a {@link
 * TestExecutionListener} (to name the test during which a secret was logged). Every module's tests
 * depend on this artifact with test scope, so {@code mvn verify} runs it in every module.
 *
 * <p>When a secret was seen, closing the session prints each finding (its kind, the logger or
 * stream, the test; never the secret) and throws {@link SecretInLogError}, which makes surefire
 * fail the module's build. {@code -Dbearerguard.logscan=off} turns the scan off.
 *
 * <p>Not thread-safe on its own; the launcher calls it from one thread, the scanner is thread-safe.
 */
public final class LogScanListener implements LauncherSessionListener, TestExecutionListener {

    /** Thrown when the session closes if a secret was logged. */
    public static final class SecretInLogError extends AssertionError {
        private static final long serialVersionUID = 1L;

        SecretInLogError(String message) {
            super(message);
        }
    }

    /** The scanner of the session this instance opened. */
    private LogScanner session;
    /** Where the verdict goes; null: the standard streams of the moment. */
    private final java.io.PrintStream report;

    /** The listener as {@code META-INF/services} makes it: the verdict goes to the standard streams. */
    public LogScanListener() {
        this(null);
    }

    /** A listener whose verdict goes to {@code report} (a test's own child launcher). */
    LogScanListener(java.io.PrintStream report) {
        this.report = report;
    }

    @Override
    public void launcherSessionOpened(LauncherSession launcherSession) {
        if ("off".equals(System.getProperty("bearerguard.logscan"))) {
            return;
        }
        session = LogScanner.install();
    }

    @Override
    public void launcherSessionClosed(LauncherSession launcherSession) {
        LogScanner s = session;
        if (s == null) {
            return;
        }
        session = null;
        s.uninstall();
        List<LogScanner.Finding> found = s.findings();
        if (!found.isEmpty()) {
            StringBuilder sb = new StringBuilder("bearerguard log scan: ").append(found.size())
                    .append(" log line(s) held a secret (of ").append(s.lines()).append(" checked):");
            found.forEach(f -> sb.append(System.lineSeparator()).append("  - ").append(f));
            (report != null ? report : System.err).println(sb);
            throw new SecretInLogError(sb.toString());
        }
        (report != null ? report : System.out).println("bearerguard log scan: " + s.lines()
                + " log lines checked, none holds a secret");
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (id.isTest()) {
            LogScanner.running(id.getUniqueId());
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (id.isTest()) {
            LogScanner.running(null);
        }
    }
}
