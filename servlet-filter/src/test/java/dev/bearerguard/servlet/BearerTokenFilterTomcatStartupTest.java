package dev.bearerguard.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a user sees in Tomcat 10.1 when the filter's configuration is wrong: the application does
 * not start, its path answers 404 (never the application unprotected), and the message naming the
 * init-param is in the application's log ({@code localhost.<date>.log} in a standalone Tomcat).
 */
class BearerTokenFilterTomcatStartupTest {

    private final HttpClient client = HttpClient.newHttpClient();
    /** Held strongly: java.util.logging forgets a logger nobody references, and its handlers with it. */
    private final Logger contextLog = Logger.getLogger(EmbeddedTomcat.CONTEXT_LOGGER);
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureTheApplicationLog() {
        contextLog.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        contextLog.removeHandler(capture);
    }

    @Test
    void initWhenAWebXmlParamIsBadThenTomcatLeavesTheApplicationStoppedAnswers404AndLogsTheParameter()
            throws Exception {
        try (EmbeddedTomcat tomcat = EmbeddedTomcat.webApp("broken-app", Map.of())) {
            assertThat(tomcat.applicationStarted()).isFalse();

            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(tomcat.uri() + "/anything")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).doesNotContain("principal=");
        }
        assertThat(records).anySatisfy(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.SEVERE);
            assertThat(record.getMessage()).contains("[bearer]");
            assertThat(messages(record.getThrown())).anySatisfy(m -> assertThat(m)
                    .startsWith("bearerguard: init-param `clock-skew`: `one minute`"));
        });
    }

    @Test
    void initWhenTheWebXmlIsRightThenTomcatStartsTheApplicationAndLogsNoError() throws Exception {
        try (EmbeddedTomcat tomcat = EmbeddedTomcat.webApp("config-app", Map.of())) {
            assertThat(tomcat.applicationStarted()).isTrue();

            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(tomcat.uri() + "/health"))
                    .header("X-Forwarded-Proto", "https").build(), HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).startsWith("principal=-");
        }
        assertThat(records).noneSatisfy(record -> assertThat(record.getLevel()).isEqualTo(Level.SEVERE));
    }

    private static List<String> messages(Throwable e) {
        List<String> out = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            out.add(String.valueOf(t.getMessage()));
        }
        return out;
    }
}
