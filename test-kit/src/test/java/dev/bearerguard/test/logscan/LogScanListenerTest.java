package dev.bearerguard.test.logscan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The scan fails a run that logs a secret, proven in a child launcher (so the secret stays out of
 * this run's own scan: a nested scanner takes the lines while it is installed).
 */
class LogScanListenerTest {

    /** A token of the contract tests' shape (its signature is 176 characters, as ES512's). */
    static final String TOKEN = "eyJhbGciOiJFUzUxMiIsInR5cCI6IkpXVCIsImtpZCI6ImsifQ.eyJqdGkiOiJqIn0." + "A".repeat(176);

    /** Set only while a child launcher runs the fixtures below, so that they never act on their own. */
    static volatile boolean armed;

    static class LogsATokenThroughJul {
        @Test
        void logs() {
            assumeTrue(armed);
            Logger.getLogger("dev.bearerguard.fixture").fine("refused token " + TOKEN);
        }
    }

    static class LogsAPrivateKeyThroughSystemLogger {
        @Test
        void logs() {
            assumeTrue(armed);
            System.getLogger("org.example.fixture").log(System.Logger.Level.WARNING, "-----BEGIN PRIVATE KEY-----");
        }
    }

    static class PrintsTheClientSecretToStandardError {
        @Test
        void prints() {
            assumeTrue(armed);
            System.err.println("12:00:00.000:WARN :oejs.Fixture:main: login with demo-secret");
        }
    }

    static class LogsOnlyIdentifiers {
        @Test
        void logs() {
            assumeTrue(armed);
            Logger.getLogger("dev.bearerguard.fixture").warning("401 reason=expired kid=abc jti=j-1 iss=sdk");
            System.err.println("bearerguard: 401 reason=bad_signature kid=abc");
        }
    }

    /** The child runs' verdicts, kept out of this run's output. */
    final java.io.ByteArrayOutputStream verdicts = new java.io.ByteArrayOutputStream();

    private LogScanListener run(Class<?> fixture, LauncherSession[] opened) {
        LogScanListener listener = new LogScanListener(new java.io.PrintStream(verdicts, true,
                java.nio.charset.StandardCharsets.UTF_8));
        LauncherConfig config = LauncherConfig.builder()
                .enableLauncherSessionListenerAutoRegistration(false)
                .enableTestExecutionListenerAutoRegistration(false)
                .addLauncherSessionListeners(listener)
                .addTestExecutionListeners(listener)
                .build();
        LauncherSession session = LauncherFactory.openSession(config);
        opened[0] = session;
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        armed = true;
        try {
            session.getLauncher().execute(request().selectors(selectClass(fixture)).build(), summary);
        } finally {
            armed = false;
        }
        assertThat(summary.getSummary().getTestsSucceededCount()).isEqualTo(1);
        return listener;
    }

    @Test
    void aTokenLoggedAtDebugLevelThroughJulFailsTheRunWithoutRepeatingIt() {
        LauncherSession[] session = new LauncherSession[1];
        run(LogsATokenThroughJul.class, session);
        assertThatThrownBy(session[0]::close).isInstanceOf(LogScanListener.SecretInLogError.class)
                .hasMessageContaining("compact JWS in a line from java.util.logging dev.bearerguard.fixture")
                .hasMessageContaining("LogsATokenThroughJul")
                .hasMessageNotContaining(TOKEN.substring(0, 20));
    }

    @Test
    void aPrivateKeyLoggedThroughSystemLoggerFailsTheRun() {
        LauncherSession[] session = new LauncherSession[1];
        run(LogsAPrivateKeyThroughSystemLogger.class, session);
        assertThatThrownBy(session[0]::close).isInstanceOf(LogScanListener.SecretInLogError.class)
                .hasMessageContaining("private key (PEM) in a line from java.util.logging org.example.fixture");
    }

    @Test
    void theClientSecretPrintedByALoggerToStandardErrorFailsTheRun() {
        LauncherSession[] session = new LauncherSession[1];
        run(PrintsTheClientSecretToStandardError.class, session);
        assertThatThrownBy(session[0]::close).isInstanceOf(LogScanListener.SecretInLogError.class)
                .hasMessageContaining("client secret in a line from System.err");
    }

    @Test
    void linesWithOnlyIdentifiersPass() {
        LauncherSession[] session = new LauncherSession[1];
        run(LogsOnlyIdentifiers.class, session);
        assertThatCode(session[0]::close).doesNotThrowAnyException();
        assertThat(verdicts.toString(java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("bearerguard log scan: 2 log lines checked, none holds a secret" + System.lineSeparator());
    }
}
