package dev.bearerguard.jaxrs;

import static dev.bearerguard.jaxrs.Fixture.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.core.VerifiedToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Refusals are logged by reason and ids, at every level, and no token ever reaches the log. */
class LoggingTest {

    private final Fixture fixture = new Fixture();
    private final List<LogRecord> records = new ArrayList<>();
    private final Logger logger = Logger.getLogger(dev.bearerguard.core.http.RequestGuard.AUDIT_LOGGER);
    private final Handler capture = new Handler() {
        @Override
        public synchronized void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previous;
    private Harness harness;

    @Path("/tx")
    public static class Transactions {
        @GET
        @RequiresScope("transactions.read")
        public String list() {
            return "list";
        }

        @POST
        @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
        public String pay(@Context SecurityContext security, @FormParam("amount") BigDecimal amount) {
            VerifiedToken token = BearerSecurity.requireToken(security);
            java.util.Map<String, Object> request = new java.util.HashMap<>();
            request.put("amount", amount);
            token.embed().ifPresent(p -> p.apply(request));
            return "paid";
        }
    }

    @BeforeEach
    void start() {
        previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
        harness = Harness.inMemory(new ResourceConfig(Transactions.class)
                .register(BearerguardFeature.withVerifier(fixture.verifier().build())));
    }

    @AfterEach
    void stop() {
        harness.close();
        logger.removeHandler(capture);
        logger.setLevel(previous);
    }

    private List<String> logText() {
        List<String> out = new ArrayList<>();
        synchronized (capture) {
            for (LogRecord r : records) {
                out.add(r.getMessage() + (r.getThrown() == null ? "" : " " + r.getThrown()));
            }
        }
        return out;
    }

    private static void assertNothingOf(List<String> log, String token) {
        String[] parts = token.split("\\.");
        for (String line : log) {
            assertThat(line).doesNotContain(parts[1]).doesNotContain(parts[2]);
        }
    }

    @Test
    void refusalsAreLoggedByReasonAndIdsWithoutTheToken() {
        String expired = fixture.signer.token().jti("old-1").notBefore(Fixture.NOW.minus(Duration.ofHours(2))).sign();
        String unscoped = fixture.signer.token().scopes("buyers.read").jti("scope-1").sign();
        String pinned = fixture.signer.token().scopes("embed").jti("pin-1").embed("amount", 5).sign();

        harness.target("tx").request().header("Authorization", bearer(expired)).get().close();
        harness.target("tx").request().header("Authorization", bearer(unscoped)).get().close();
        harness.target("tx").request().header("Authorization", bearer(pinned))
                .post(Entity.form(new Form().param("amount", "6"))).close();

        List<String> log = logText();
        assertThat(log).anySatisfy(l -> assertThat(l).contains("reason=expired", "jti=old-1"));
        assertThat(log).anySatisfy(l -> assertThat(l).contains("reason=insufficient_scope", "jti=scope-1"));
        assertThat(log).anySatisfy(l -> assertThat(l).contains("reason=pin_mismatch"));
        assertNothingOf(log, expired);
        assertNothingOf(log, unscoped);
        assertNothingOf(log, pinned);
    }

    @Test
    void aJtiWithControlCharactersCannotForgeALogLine() {
        String token = fixture.signer.token().scopes("buyers.read").jti("a\nFORGED b\u2028c\u0085d").sign();
        harness.target("tx").request().header("Authorization", bearer(token)).get().close();
        assertThat(logText()).anySatisfy(l -> assertThat(l).contains("jti=a\\u000aFORGED\\u0020b\\u2028c\\u0085d"));
        assertThat(logText()).noneSatisfy(l -> assertThat(l).containsAnyOf("\n", "\u2028", "\u0085"));
    }

    @Test
    void auditLevelWhenSetOnTheFeatureThenRefusalsAreLoggedAtThatLevelAndOffWritesNone() {
        String expired = fixture.signer.token().jti("old-2").notBefore(Fixture.NOW.minus(Duration.ofHours(2))).sign();
        BearerguardFeature info = BearerguardFeature.withVerifier(fixture.verifier().build())
                .auditLevel(System.Logger.Level.INFO);
        assertThat(info.auditLevel()).isEqualTo(System.Logger.Level.INFO);
        try (Harness h = Harness.inMemory(new ResourceConfig(Transactions.class).register(info))) {
            h.target("tx").request().header("Authorization", bearer(expired)).get().close();
        }
        synchronized (capture) {
            assertThat(records).filteredOn(r -> r.getMessage().contains("jti=old-2")).singleElement()
                    .satisfies(r -> assertThat(r.getLevel()).isEqualTo(Level.INFO))
                    .satisfies(r -> assertThat(r.getMessage()).contains("event=refused status=401 reason=expired",
                            "adapter=jaxrs"));
            records.clear();
        }
        String another = fixture.signer.token().jti("old-3").notBefore(Fixture.NOW.minus(Duration.ofHours(2))).sign();
        BearerguardFeature off = BearerguardFeature.withVerifier(fixture.verifier().build())
                .auditLevel(System.Logger.Level.OFF);
        try (Harness h = Harness.inMemory(new ResourceConfig(Transactions.class).register(off))) {
            assertThat(h.target("tx").request().header("Authorization", bearer(another)).get().getStatus()).isEqualTo(401);
        }
        assertThat(logText()).noneMatch(l -> l.contains("jti=old-3"));
    }
}
