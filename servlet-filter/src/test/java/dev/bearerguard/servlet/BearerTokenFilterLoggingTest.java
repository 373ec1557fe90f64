package dev.bearerguard.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.keys.KeyRestrictions;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.test.PemKeys;
import dev.bearerguard.test.TokenSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the filter logs (the guard's audit lines, through System.Logger, here backed by
 * java.util.logging): reasons and identifiers, never a token.
 */
class BearerTokenFilterLoggingTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-15T12:00:00Z"), ZoneOffset.UTC);

    private final Logger jul = Logger.getLogger(dev.bearerguard.core.http.RequestGuard.AUDIT_LOGGER);
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
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
    private Level previous;

    @BeforeEach
    void capture() {
        previous = jul.getLevel();
        jul.setLevel(Level.ALL);
        handler.setLevel(Level.ALL);
        jul.addHandler(handler);
    }

    @AfterEach
    void release() {
        jul.removeHandler(handler);
        jul.setLevel(previous);
    }

    @Test
    void refusalsWhenLoggedThenOnlyReasonKidJtiAndIssAppearNeverTheToken() throws Exception {
        KeyPair pair = PemKeys.generateP521();
        KeyPair other = PemKeys.generateP521();
        TokenSigner signer = TokenSigner.of(pair.getPrivate(), pair.getPublic()).withClock(CLOCK);
        TokenSigner forger = TokenSigner.of(other.getPrivate(), pair.getPublic()).withClock(CLOCK);
        TokenVerifier verifier = TokenVerifier.builder()
                .keys(KeySet.of(TrustedKey.of(pair.getPublic()).withRestrictions(KeyRestrictions.merchants("m-1"))))
                .clock(CLOCK).build();
        List<String> tokens = List.of(
                forger.token().jti("jti-forged").sign(),
                signer.token().jti("jti-expired").notBefore(CLOCK.instant().minus(Duration.ofHours(2))).sign(),
                signer.token().jti("jti-scope").scopes("reports.read").sign(),
                signer.token().jti("jti-merchant\nFAKE LOG\u2028LINE\u0085").scopes("transactions.read").sign());
        HttpClient client = HttpClient.newHttpClient();
        try (Jetty jetty = Jetty.withFilter(BearerTokenFilter.builder(verifier)
                .scopeRules("GET /tx/* transactions.read").build())) {
            for (String token : tokens) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(jetty.uri() + "/tx/1"))
                        .header("Authorization", "Bearer " + token).header("x-gr4vy-merchant-account-id", "m-2")
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isIn(401, 403);
            }
        }

        List<String> lines = records.stream().map(LogRecord::getMessage).toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("event=refused status=401 reason=bad_signature", "jti=jti-forged", "adapter=servlet"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("status=401 reason=expired", "jti=jti-expired"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("status=403 reason=merchant_not_allowed", "jti=jti-scope"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("jti=jti-merchant\\u000aFAKE\\u0020LOG\\u2028LINE\\u0085"));
        for (String token : tokens) {
            String[] segments = token.split("\\.");
            for (String line : lines) {
                assertThat(line).doesNotContain(segments[1]).doesNotContain(segments[2]).doesNotContain("\n")
                        .doesNotContain("\u2028").doesNotContain("\u0085");
            }
        }
    }
}
