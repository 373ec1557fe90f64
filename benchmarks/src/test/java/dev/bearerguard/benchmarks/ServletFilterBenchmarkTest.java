package dev.bearerguard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Benchmark 6 measures what it claims: each case gets {@code 200} answers over one keep-alive
 * connection, and the protected path really is behind the filter (no token: refused).
 */
class ServletFilterBenchmarkTest {

    @ParameterizedTest
    @EnumSource(ServletFilterBenchmark.Kind.class)
    void requestWhenEachCaseThenTheEndpointAnswersOkRepeatedly(ServletFilterBenchmark.Kind kind) throws Exception {
        ServletFilterBenchmark b = new ServletFilterBenchmark();
        b.kind = kind.name();
        b.preWarm = Duration.ZERO;
        b.setUp(); // sends every prepared request once; throws unless each answers 200
        try {
            for (int i = 0; i < 20; i++) {
                assertThat(b.request()).isEqualTo(3); // "ok\n"
            }
        } finally {
            b.tearDown();
        }
    }

    @Test
    void requestWhenProtectedPathWithoutTokenThenRefusedByTheFilter() throws Exception {
        ServletFilterBenchmark b = new ServletFilterBenchmark();
        b.kind = ServletFilterBenchmark.Kind.UNPROTECTED.name();
        b.preWarm = Duration.ZERO;
        b.setUp();
        try (ServletFilterBenchmark.Client client = new ServletFilterBenchmark.Client(port(b))) {
            assertThatThrownBy(() -> client.exchange(
                    ServletFilterBenchmark.request(ServletFilterBenchmark.PROTECTED_PATH, port(b), null)))
                    .isInstanceOf(IOException.class).hasMessage("expected 200, got 401");
            // and the connection stays usable for the open path
            assertThat(client.exchange(ServletFilterBenchmark.request(ServletFilterBenchmark.OPEN_PATH, port(b), null)))
                    .isEqualTo(3);
        } finally {
            b.tearDown();
        }
    }

    private static int port(ServletFilterBenchmark b) {
        return ((ServerConnector) b.server().getConnectors()[0]).getLocalPort();
    }
}
