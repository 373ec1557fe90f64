package dev.bearerguard.core.keys;

import dev.bearerguard.test.ManualTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.test.JwksServer;
import dev.bearerguard.test.JwksServer.Fault;
import dev.bearerguard.test.TestKey;
import dev.bearerguard.test.TestTls;
import dev.bearerguard.core.Algorithm;
import dev.bearerguard.core.Reason;
import dev.bearerguard.core.TokenRejectedException;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.VerifierUnavailableException;
import dev.bearerguard.core.observe.BearerguardListener;
import dev.bearerguard.core.observe.KeySourceEvent;
import dev.bearerguard.core.observe.KeySourceEvent.Kind;
import dev.bearerguard.core.observe.VerificationEvent;
import dev.bearerguard.core.replay.ReplayPolicy;
import dev.bearerguard.test.TokenSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JwksKeyResolver} against a real key service on loopback ({@link JwksServer}) with its
 * faults, on {@link ManualTime}: every background refresh happens when the test advances the clock,
 * never on its own. (It lives in this module, not in core, because the server and the clock are the
 * shared fixtures of {@code bearerguard-contract-tests}, which core cannot depend on.)
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JwksKeyResolverTest {

    @TempDir
    Path dir;

    private final ManualTime time = new ManualTime();
    private final List<KeySourceEvent> events = new CopyOnWriteArrayList<>();
    private final BearerguardListener listener = new BearerguardListener() {
        @Override
        public void keySource(KeySourceEvent event) {
            events.add(event);
        }
    };
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<LogRecord> logs = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logs.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger keysLog = Logger.getLogger("dev.bearerguard.keys");
    private JwksServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = JwksServer.start();
        open.add(server);
        keysLog.addHandler(capture);
    }

    @AfterEach
    void closeAll() throws Exception {
        keysLog.removeHandler(capture);
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    static TestKey key(String kid) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return new TestKey(kid, g.generateKeyPair());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private JwksKeyResolver.Builder builder() {
        return JwksKeyResolver.builder(server.uri()).clock(time.clock()).scheduler(time).listener(listener);
    }

    private JwksKeyResolver open(JwksKeyResolver.Builder b) {
        JwksKeyResolver r = b.build();
        open.add(r);
        return r;
    }

    /** A resolver that loaded {@code keys}. */
    private JwksKeyResolver loaded(JwksKeyResolver.Builder b, TestKey... keys) {
        server.publish(List.of(keys));
        JwksKeyResolver r = open(b);
        assertThat(r.refresh().kind()).isEqualTo(Kind.LOADED);
        return r;
    }

    private List<KeySourceEvent> events(Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).toList();
    }

    private KeySourceEvent lastEvent() {
        return events.get(events.size() - 1);
    }

    private List<String> logLines(Level level) {
        return logs.stream().filter(r -> r.getLevel() == level).map(LogRecord::getMessage).toList();
    }

    // ---------------------------------------------------------------- the URL

    @Test
    void builderWhenPlainHttpToAnotherHostThenRefusedBeforeAnyFetch() {
        assertThatThrownBy(() -> JwksKeyResolver.builder(URI.create("http://keys.example.com/jwks.json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must use https");
        assertThatThrownBy(() -> JwksKeyResolver.builder(URI.create("http://10.0.0.1/jwks.json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
    }

    @Test
    void builderWhenUrlCarriesCredentialsAFragmentOrAnotherSchemeThenRefused() {
        assertThatThrownBy(() -> JwksKeyResolver.builder(URI.create("https://user:secret@keys.example.com/jwks.json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user information")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> JwksKeyResolver.builder(URI.create("https://keys.example.com/jwks.json#x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fragment");
        assertThatThrownBy(() -> JwksKeyResolver.builder(URI.create("ftp://keys.example.com/jwks.json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an https URL");
        assertThatThrownBy(() -> JwksKeyResolver.builder(URI.create("/jwks.json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an https URL");
    }

    @Test
    void builderWhenHttpToALoopbackAddressThenAccepted() {
        for (String host : List.of("127.0.0.1", "127.1.2.3", "[::1]", "localhost", "LOCALHOST")) {
            assertThat(JwksKeyResolver.builder(URI.create("http://" + host + ":8080/jwks.json"))).as(host).isNotNull();
        }
        assertThat(JwksKeyResolver.isLoopback("127.0.0.1.example.com")).isFalse();
        assertThat(JwksKeyResolver.isLoopback("localhost.example.com")).isFalse();
    }

    @Test
    void eventsAndLogsWhenTheUrlHasAQueryThenTheQueryIsNotShown() {
        JwksKeyResolver r = open(JwksKeyResolver.builder(URI.create(server.uri() + "?api_key=s3cr3t"))
                .clock(time.clock()).scheduler(time).listener(listener));
        server.publish(List.of(key("kid-a")));
        r.refresh();
        assertThat(lastEvent().source()).isEqualTo(server.uri().toString());
        assertThat(logs).extracting(LogRecord::getMessage).noneMatch(m -> m.contains("s3cr3t"));
        assertThat(r.resolve("kid-a")).isPresent();
    }

    @Test
    void builderWhenSettingsDisagreeThenRefusedWithTheReason() {
        assertThatThrownBy(() -> builder().minCacheLifetime(Duration.ofMinutes(10)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min <= default <= max");
        assertThatThrownBy(() -> builder().maxStaleness(Duration.ofMinutes(30)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must exceed the longest cache lifetime");
        assertThatThrownBy(() -> builder().refreshInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refreshInterval must be positive");
        assertThatThrownBy(() -> builder().maxResponseBytes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder().maxKeys(0)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- TLS

    @Test
    void refreshWhenTheKeyServiceIsHttpsWithTheConfiguredTrustThenLoaded() throws Exception {
        TestTls tls = TestTls.selfSigned(dir);
        JwksServer https = JwksServer.startTls(tls.serverContext());
        open.add(https);
        https.publish(List.of(key("kid-a")));
        JwksKeyResolver trusting = open(JwksKeyResolver.builder(https.uri()).clock(time.clock()).scheduler(time)
                .sslContext(tls.clientContext()));
        assertThat(trusting.refresh().kind()).isEqualTo(Kind.LOADED);
        assertThat(trusting.resolve("kid-a")).isPresent();

        JwksKeyResolver untrusting = open(JwksKeyResolver.builder(https.uri()).clock(time.clock()).scheduler(time));
        KeySourceEvent e = untrusting.refresh();
        assertThat(e.kind()).isEqualTo(Kind.FAILED);
        assertThat(e.detail()).contains("TLS failed");
    }

    // ---------------------------------------------------------------- faults: the last good set stays

    private void assertFaultKeepsTheLastGoodSet(Fault fault, String reason, JwksKeyResolver.Builder b) {
        TestKey a = key("kid-a");
        JwksKeyResolver r = loaded(b, a);
        TrustedKey before = r.resolve("kid-a").orElseThrow();
        server.publish(List.of(a, key("kid-b")));
        server.fault(fault);
        KeySourceEvent e = r.refresh();
        assertThat(e.kind()).as(fault.name()).isEqualTo(Kind.FAILED);
        assertThat(e.detail()).as(fault.name()).contains(reason);
        assertThat(e.keys()).isEqualTo(1);
        assertThat(r.resolve("kid-a").orElseThrow()).isSameAs(before);
        assertThat(r.health().ready()).isTrue();
        server.fault(Fault.NONE);
        server.release();
        assertThat(r.refresh().kind()).isEqualTo(Kind.LOADED);
        assertThat(r.resolve("kid-b")).as("the set after the fault").isPresent();
        assertThat(r.resolve("kid-a").orElseThrow()).isSameAs(before);
    }

    @Test
    void refreshWhenTheAnswerIs500ThenFailedAndTheLastGoodSetStays() {
        assertFaultKeepsTheLastGoodSet(Fault.ERROR_500, "HTTP 500", builder());
    }

    @Test
    void refreshWhenTheAnswerIsGarbageThenFailedAndTheLastGoodSetStays() {
        assertFaultKeepsTheLastGoodSet(Fault.GARBAGE, "invalid JSON", builder());
    }

    @Test
    void refreshWhenTheAnswerIsNotUtf8ThenFailedAndTheLastGoodSetStays() {
        assertFaultKeepsTheLastGoodSet(Fault.NOT_UTF8, "not UTF-8", builder());
    }

    @Test
    void refreshWhenTheAnswerIsTruncatedThenFailedAndTheLastGoodSetStays() {
        assertFaultKeepsTheLastGoodSet(Fault.TRUNCATED, "cut short", builder());
    }

    @Test
    void refreshWhenTheAnswerDeclaresMoreThanTheCapThenFailedBeforeReadingIt() {
        assertFaultKeepsTheLastGoodSet(Fault.HUGE_DECLARED, "larger than 524288 bytes", builder());
    }

    @Test
    void refreshWhenTheAnswerStreamsPastTheCapThenFailedAtTheCap() {
        assertFaultKeepsTheLastGoodSet(Fault.HUGE_STREAMED, "larger than 524288 bytes", builder());
    }

    @Test
    void refreshWhenTheAnswerIsARedirectThenFailedAndNotFollowed() {
        assertFaultKeepsTheLastGoodSet(Fault.REDIRECT, "HTTP 302 (redirects are not followed", builder());
    }

    @Test
    void refreshWhenNoHeadersArriveWithinTheReadTimeoutThenFailed() {
        assertFaultKeepsTheLastGoodSet(Fault.SLOW_HEADERS, "within the timeout",
                builder().connectTimeout(Duration.ofMillis(500)).readTimeout(Duration.ofMillis(500)));
    }

    @Test
    void refreshWhenTheBodyStallsPastTheTimeoutThenFailed() {
        assertFaultKeepsTheLastGoodSet(Fault.SLOW_BODY, "within the timeout",
                builder().connectTimeout(Duration.ofMillis(500)).readTimeout(Duration.ofMillis(500)));
    }

    @Test
    void refreshWhenTheSetHasMoreKeysThanTheCapThenFailed() {
        TestKey a = key("kid-a");
        JwksKeyResolver r = loaded(builder().maxKeys(2), a);
        server.publish(List.of(a, key("kid-b"), key("kid-c")));
        KeySourceEvent e = r.refresh();
        assertThat(e.kind()).isEqualTo(Kind.FAILED);
        assertThat(e.detail()).contains("3 keys, more than the 2 allowed");
        assertThat(r.resolve("kid-a")).isPresent();
    }

    @Test
    void refreshWhenTheServerIsDownThenFailedAndTheLastGoodSetStays() throws IOException {
        JwksKeyResolver r = loaded(builder(), key("kid-a"));
        server.stop();
        KeySourceEvent e = r.refresh();
        assertThat(e.kind()).isEqualTo(Kind.FAILED);
        assertThat(e.detail()).contains("connection refused");
        assertThat(r.resolve("kid-a")).isPresent();
        server.resume();
        assertThat(r.refresh().kind()).isEqualTo(Kind.LOADED);
    }

    @Test
    void refreshWhenTheServiceFlapsThenKnownKeysAnswerThroughoutAndEachGoodAnswerIsTakenIn() {
        TestKey a = key("kid-a");
        JwksKeyResolver r = loaded(builder(), a);
        TrustedKey ka = r.resolve("kid-a").orElseThrow();
        List<TestKey> published = new ArrayList<>(List.of(a));
        for (int round = 0; round < 6; round++) {
            boolean down = round % 2 == 0;
            TestKey added = key("kid-" + round);
            published.add(added);
            server.publish(published);
            server.fault(down ? Fault.ERROR_500 : Fault.NONE);
            assertThat(r.refresh().kind()).isEqualTo(down ? Kind.FAILED : Kind.LOADED);
            assertThat(r.resolve("kid-a").orElseThrow()).isSameAs(ka);
            if (down) {
                assertThat(r.keys().resolve(added.kid())).isEmpty();
            } else {
                assertThat(r.resolve(added.kid())).as("round " + round).isPresent();
                assertThat(r.resolve("kid-" + (round - 1))).as("the key published while down").isPresent();
            }
        }
    }

    // ---------------------------------------------------------------- entries

    @Test
    void refreshWhenSomeEntriesAreNotUsableSignatureKeysThenTheyAreLeftOutAndTheRestUsed() throws Exception {
        TestKey a = key("kid-a");
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        KeyPair weak = rsa.generateKeyPair();
        String good = JwksServer.jwk("kid-a", a.pair().getPublic());
        String enc = JwksServer.jwk("kid-enc", key("x").pair().getPublic()).replace("\"use\":\"sig\"", "\"use\":\"enc\"");
        String priv = good.replace("\"kid\":\"kid-a\"", "\"kid\":\"kid-priv\"").replace("}", ",\"d\":\"AAAA\"}");
        String weakRsa = JwksServer.jwk("kid-weak", weak.getPublic());
        String oct = "{\"kty\":\"oct\",\"kid\":\"kid-oct\",\"k\":\"c2VjcmV0LXNlY3JldC1zZWNyZXQ\"}";
        String okp = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"kid-okp\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";
        String offCurve = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"kid-off\",\"x\":\"" + "A".repeat(42) + "E\",\"y\":\""
                + "A".repeat(42) + "E\"}";
        server.publishJson("{\"keys\":[" + String.join(",", good, enc, priv, weakRsa, oct, okp, offCurve, "42") + "]}");
        JwksKeyResolver r = open(builder());
        KeySourceEvent e = r.refresh();
        assertThat(e.kind()).isEqualTo(Kind.LOADED);
        assertThat(r.keys().keys()).extracting(TrustedKey::kid).containsExactly("kid-a");
        for (String kid : List.of("kid-enc", "kid-priv", "kid-weak", "kid-oct", "kid-okp", "kid-off")) {
            assertThat(r.resolve(kid)).as(kid).isEmpty();
        }
        List<String> warnings = logLines(Level.WARNING);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("kid-enc", "not a signature key", "private key material", "2048",
                "symmetric", "OKP", "key #7: not an object");
        assertThat(warnings.get(0)).doesNotContain("AAAA", "c2VjcmV0");
        r.refresh();
        assertThat(logLines(Level.WARNING)).as("the same problems are logged once").hasSize(1);
    }

    @Test
    void refreshWhenTwoDifferentKeysShareAKidThenNeitherIsTrusted() {
        TestKey a = key("kid-a");
        server.publishJson("{\"keys\":[" + JwksServer.jwk("kid-a", a.pair().getPublic()) + ","
                + JwksServer.jwk("kid-d", key("d1").pair().getPublic()) + ","
                + JwksServer.jwk("kid-d", key("d2").pair().getPublic()) + "]}");
        JwksKeyResolver r = open(builder());
        assertThat(r.refresh().kind()).isEqualTo(Kind.LOADED);
        assertThat(r.resolve("kid-a")).isPresent();
        assertThat(r.keys().resolve("kid-d")).isEmpty();
        assertThat(logLines(Level.WARNING)).anyMatch(m -> m.contains("two different keys share the kid kid-d"));
    }

    @Test
    void refreshWhenTheSetHoldsNoUsableKeyThenFailedAndTheLastGoodSetStays() {
        JwksKeyResolver r = loaded(builder(), key("kid-a"));
        server.publishJson("{\"keys\":[]}");
        KeySourceEvent e = r.refresh();
        assertThat(e.kind()).isEqualTo(Kind.FAILED);
        assertThat(e.detail()).contains("no usable signature key");
        assertThat(r.resolve("kid-a")).isPresent();
    }

    @Test
    void refreshWhenTheDocumentIsALoneJwkThenFailed() {
        TestKey a = key("kid-a");
        server.publishJson(JwksServer.jwk("kid-a", a.pair().getPublic()));
        JwksKeyResolver r = open(builder());
        KeySourceEvent e = r.refresh();
        assertThat(e.detail()).contains("not a JWKS document");
        assertThatThrownBy(() -> r.resolve("kid-a")).isInstanceOf(VerifierUnavailableException.class);
    }

    // ---------------------------------------------------------------- restrictions and identity

    @Test
    void resolveWhenARuleNamesARemoteKidThenTheKeyCarriesItAndStaysTheSameObjectAcrossRefreshes() {
        List<KeyRestrictionRule> rules = List.of(KeyRestrictionRule.parse("kid-a m-1"),
                KeyRestrictionRule.parse("kid-later m-2,m-3 processing"));
        TestKey a = key("kid-a");
        JwksKeyResolver r = loaded(builder().restrictions(rules), a, key("kid-free"));
        TrustedKey ka = r.resolve("kid-a").orElseThrow();
        assertThat(ka.restrictions().merchantAccounts()).containsExactly("m-1");
        assertThat(r.resolve("kid-free").orElseThrow().restrictions()).isEqualTo(KeyRestrictions.UNRESTRICTED);

        server.publish(List.of(a, key("kid-later")));
        r.refresh();
        assertThat(r.resolve("kid-a").orElseThrow()).isSameAs(ka);
        TrustedKey later = r.resolve("kid-later").orElseThrow();
        assertThat(later.restrictions().merchantAccounts()).containsExactlyInAnyOrder("m-2", "m-3");
        assertThat(later.restrictions().accessLevel()).isEqualTo(AccessLevel.PROCESSING_ONLY);
        assertThat(r.resolve("kid-free")).isEmpty();
    }

    @Test
    void refreshWhenNothingChangedThenEveryKeyIsTheSameObjectAndNothingIsLoggedAsChanged() {
        TestKey a = key("kid-a");
        TestKey b = key("kid-b");
        JwksKeyResolver r = loaded(builder(), a, b);
        List<TrustedKey> before = r.keys().keys();
        int infos = logLines(Level.INFO).size();
        r.refresh();
        List<TrustedKey> after = r.keys().keys();
        assertThat(after).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(after.get(i)).isSameAs(before.get(i));
        }
        assertThat(lastEvent().detail()).isEmpty();
        assertThat(logLines(Level.INFO)).hasSize(infos);
    }

    // ---------------------------------------------------------------- background refresh and Cache-Control

    private Instant refreshedAt(String cacheControl, String age) {
        server.cacheControl(cacheControl);
        JwksKeyResolver r = loaded(builder(), key("kid-a"));
        assertThat(r).isNotNull();
        assertThat(time.pending()).as("one background refresh waits").isEqualTo(1);
        return time.nextDue().orElseThrow();
    }

    @Test
    void refreshWhenMaxAgeIsGivenThenTheNextBackgroundRefreshComesAtNineTenthsOfIt() {
        Instant now = time.now();
        assertThat(refreshedAt("public, max-age=600", null)).isEqualTo(now.plusSeconds(540));
    }

    @Test
    void refreshWhenMaxAgeIsBelowTheFloorOrAboveTheCeilingThenClamped() {
        Instant now = time.now();
        assertThat(refreshedAt("max-age=5", null)).isEqualTo(now.plusSeconds(54));
    }

    @Test
    void refreshWhenMaxAgeIsAboveTheCeilingThenTheCeiling() {
        Instant now = time.now();
        assertThat(refreshedAt("max-age=86400", null)).isEqualTo(now.plusSeconds(3240));
    }

    @Test
    void refreshWhenNoStoreOrNoCacheThenTheFloor() {
        Instant now = time.now();
        assertThat(refreshedAt("no-store", null)).isEqualTo(now.plusSeconds(54));
    }

    @Test
    void refreshWhenNoCacheControlThenTheDefaultLifetime() {
        Instant now = time.now();
        assertThat(refreshedAt(null, null)).isEqualTo(now.plusSeconds(270));
    }

    @Test
    void lifetimeWhenAgeIsGivenThenItIsSubtractedAndBadValuesIgnored() {
        Duration min = Duration.ofMinutes(1);
        Duration max = Duration.ofHours(1);
        Duration fallback = Duration.ofMinutes(5);
        assertThat(JwksKeyResolver.lifetime(headers(Map.of("Cache-Control", List.of("max-age=600"), "Age", List.of("100"))),
                fallback, min, max)).isEqualTo(Duration.ofSeconds(500));
        assertThat(JwksKeyResolver.lifetime(headers(Map.of("Cache-Control", List.of("max-age=600"), "Age", List.of("x"))),
                fallback, min, max)).isEqualTo(Duration.ofSeconds(600));
        assertThat(JwksKeyResolver.lifetime(headers(Map.of("Cache-Control", List.of("public", "MAX-AGE=120"))),
                fallback, min, max)).isEqualTo(Duration.ofSeconds(120));
        assertThat(JwksKeyResolver.lifetime(headers(Map.of("Cache-Control", List.of("max-age=abc"))),
                fallback, min, max)).isEqualTo(fallback);
        assertThat(JwksKeyResolver.lifetime(headers(Map.of("Cache-Control", List.of("s-maxage=30, x-max-age=10"))),
                fallback, min, max)).isEqualTo(fallback);
        assertThat(JwksKeyResolver.lifetime(headers(Map.of("Cache-Control", List.of("max-age=99999999999"))),
                fallback, min, max)).isEqualTo(fallback);
    }

    private static HttpHeaders headers(Map<String, List<String>> map) {
        return HttpHeaders.of(map, (a, b) -> true);
    }

    @Test
    void refreshWhenTheClockPassesTheLifetimeThenTheBackgroundFetchTakesInTheNewSetAndFollowsAChangedCacheControl() {
        TestKey a = key("kid-a");
        server.cacheControl("max-age=600");
        JwksKeyResolver r = loaded(builder(), a);
        TrustedKey ka = r.resolve("kid-a").orElseThrow();
        int fetches = server.requests();
        server.publish(List.of(a, key("kid-b")));
        server.cacheControl("max-age=120");

        time.advance(Duration.ofSeconds(539));
        assertThat(server.requests()).as("not before 9/10 of max-age").isEqualTo(fetches);
        assertThat(r.keys().resolve("kid-b")).isEmpty();
        time.advance(Duration.ofSeconds(1));
        assertThat(server.requests()).isEqualTo(fetches + 1);
        assertThat(r.keys().resolve("kid-b")).isPresent();
        assertThat(r.resolve("kid-a").orElseThrow()).isSameAs(ka);
        assertThat(time.nextDue().orElseThrow()).isEqualTo(time.now().plusSeconds(108));
    }

    @Test
    void resolveWhenAKnownKidIsAskedPastTheLifetimeThenNoFetchOnTheRequestThread() {
        ManualTime idleScheduler = new ManualTime(); // never advanced: no background refresh runs
        server.publish(List.of(key("kid-a")));
        JwksKeyResolver r = open(JwksKeyResolver.builder(server.uri()).clock(time.clock()).scheduler(idleScheduler));
        r.refresh();
        int fetches = server.requests();
        for (int i = 0; i < 100; i++) {
            time.advance(Duration.ofMinutes(10)); // moves the clock; the resolver's scheduler is another
            assertThat(r.resolve("kid-a")).isPresent();
        }
        assertThat(server.requests()).isEqualTo(fetches);
    }

    @Test
    void resolveWhenAKnownKidIsAskedDuringASlowFetchThenItDoesNotWait() throws Exception {
        JwksKeyResolver r = loaded(builder().readTimeout(Duration.ofSeconds(30)), key("kid-a"));
        time.advance(Duration.ofSeconds(30));
        server.fault(Fault.SLOW_HEADERS);
        int fetches = server.requests();
        CompletableFuture<Boolean> unknown = CompletableFuture.supplyAsync(() -> r.resolve("kid-new").isPresent());
        server.awaitRequests(fetches + 1, Duration.ofSeconds(30));
        for (int i = 0; i < 1000; i++) {
            assertThat(r.resolve("kid-a")).isPresent();
        }
        assertThat(unknown).as("the fetch is still in flight: known kids did not wait for it").isNotDone();
        server.fault(Fault.NONE);
        server.release();
        assertThat(unknown.get(30, TimeUnit.SECONDS)).isFalse();
    }

    // ---------------------------------------------------------------- unknown kids

    @Test
    void resolveWhenSixteenThreadsAskForANewKidAtOnceThenOneFetchFindsItForAll() throws Exception {
        TestKey a = key("kid-a");
        JwksKeyResolver r = loaded(builder(), a);
        time.advance(Duration.ofSeconds(30));
        server.publish(List.of(a, key("kid-new")));
        server.fault(Fault.SLOW_HEADERS);
        int fetches = server.requests();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> found = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                found.add(pool.submit(() -> {
                    go.await();
                    return r.resolve("kid-new").isPresent();
                }));
            }
            go.countDown();
            server.awaitRequests(fetches + 1, Duration.ofSeconds(30));
            server.fault(Fault.NONE);
            server.release();
            for (Future<Boolean> f : found) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.requests()).as("single flight").isEqualTo(fetches + 1);
    }

    @Test
    void resolveWhenUnknownKidsArriveWithinTheRefreshIntervalThenOneFetchAnswersThemAll() {
        TestKey a = key("kid-a");
        JwksKeyResolver r = loaded(builder(), a);
        int fetches = server.requests();
        for (int i = 0; i < 50; i++) {
            time.advance(Duration.ofMillis(500)); // 25 s in all: still within the 30 s interval
            assertThat(r.resolve("kid-made-up-" + i)).isEmpty();
        }
        assertThat(server.requests()).as("the initial load closed the gate").isEqualTo(fetches);
        time.advance(Duration.ofSeconds(5));
        server.publish(List.of(a, key("kid-new")));
        assertThat(r.resolve("kid-new")).as("the gate opens after the interval").isPresent();
        assertThat(server.requests()).isEqualTo(fetches + 1);
        assertThat(events(Kind.UNKNOWN_KID)).hasSize(50).allMatch(e -> e.detail().equals(KeySourceEvent.CHECKED));
    }

    @Test
    void resolveWhenAKidWasJustFoundMissingThenItIsRefusedWithoutTakingTheNextFetch() {
        JwksKeyResolver r = loaded(builder(), key("kid-a"));
        time.advance(Duration.ofSeconds(20));
        assertThat(r.resolve("kid-bogus")).isEmpty(); // remembered until t+50 s
        time.advance(Duration.ofSeconds(15)); // t+35 s: the gate is open again
        int fetches = server.requests();
        assertThat(r.resolve("kid-bogus")).isEmpty();
        assertThat(server.requests()).as("a kid found missing does not spend the fetch").isEqualTo(fetches);
        assertThat(lastEvent().detail()).isEqualTo(KeySourceEvent.NEGATIVE);
        assertThat(r.resolve("kid-other")).isEmpty();
        assertThat(server.requests()).as("another kid does").isEqualTo(fetches + 1);
        time.advance(Duration.ofSeconds(16)); // past t+50 s
        time.advance(Duration.ofSeconds(30));
        assertThat(r.resolve("kid-bogus")).isEmpty();
        assertThat(server.requests()).as("once forgotten it may ask again").isEqualTo(fetches + 2);
    }

    @Test
    void resolveWhenTheFetchForAnUnknownKidHangsThenTheRequestWaitsNoLongerThanTheFetchTimeout() {
        JwksKeyResolver r = loaded(builder().connectTimeout(Duration.ofMillis(300)).readTimeout(Duration.ofMillis(700)),
                key("kid-a"));
        time.advance(Duration.ofSeconds(30));
        server.fault(Fault.SLOW_HEADERS);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> r.resolve("kid-new")).isInstanceOf(VerifierUnavailableException.class);
        Duration waited = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(waited).as("fetch timeout 1 s, plus scheduling slack").isLessThan(Duration.ofSeconds(4));
        assertThat(r.resolve("kid-a")).isPresent();
    }

    @Test
    void resolveWhenAKidIsHugeThenRefusedAndNotRemembered() {
        JwksKeyResolver r = loaded(builder(), key("kid-a"));
        String huge = "k".repeat(5000);
        assertThat(r.resolve(huge)).isEmpty();
        assertThat(lastEvent().detail()).isEqualTo(KeySourceEvent.CHECKED);
        assertThat(r.resolve(huge)).isEmpty();
        assertThat(lastEvent().detail()).as("too long to remember").isEqualTo(KeySourceEvent.CHECKED);
        assertThat(r.resolve(null)).isEmpty();
    }

    // ---------------------------------------------------------------- outage and staleness

    @Test
    void resolveWhenTheServiceStaysDownPastTheMaximumStalenessThen503OnceStaleAndBackWhenItReturns() throws IOException {
        TestKey a = key("kid-a");
        JwksKeyResolver r = loaded(builder(), a);
        TrustedKey ka = r.resolve("kid-a").orElseThrow();
        server.stop();
        time.advance(Duration.ofHours(23));
        assertThat(r.resolve("kid-a").orElseThrow()).as("within the staleness bound").isSameAs(ka);
        assertThat(r.health().ready()).isTrue();
        assertThat(events(Kind.FAILED)).isNotEmpty();
        assertThatThrownBy(() -> r.resolve("kid-new")).as("unknown kid while down").isInstanceOf(VerifierUnavailableException.class);

        time.advance(Duration.ofHours(1).plusSeconds(1));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> r.resolve("kid-a")).isInstanceOf(VerifierUnavailableException.class)
                    .hasMessageContaining("older than PT24H");
        }
        assertThat(events(Kind.STALE)).as("staleness reported once").hasSize(1);
        assertThat(r.health().ready()).isFalse();
        assertThat(r.health().problems().get(0)).contains("more than PT24H ago");
        assertThat(logLines(Level.SEVERE)).hasSize(1);

        server.resume();
        time.advance(Duration.ofMinutes(5)); // the next retry (backoff at most 5 min)
        assertThat(r.resolve("kid-a").orElseThrow()).as("the same key once it is fresh again").isSameAs(ka);
        assertThat(r.health().ready()).isTrue();
    }

    @Test
    void resolveWhenTheSetIsStaleAndNoBackgroundRefreshRanThenTheRequestItselfMayLoadIt() {
        ManualTime idle = new ManualTime(); // never advanced: no background refresh runs
        JwksKeyResolver noBackground = loaded(JwksKeyResolver.builder(server.uri()).clock(time.clock()).scheduler(idle),
                key("kid-a"));
        time.advance(Duration.ofHours(25));
        assertThat(noBackground.resolve("kid-a")).as("one rate-limited load from the request").isPresent();
    }

    @Test
    void resolveWhenTheServiceWasNeverReachedThen503UntilItAnswers() throws IOException {
        server.publish(List.of(key("kid-a")));
        server.stop();
        JwksKeyResolver r = open(builder());
        assertThat(r.refresh().kind()).isEqualTo(Kind.FAILED);
        assertThatThrownBy(() -> r.resolve("kid-a")).isInstanceOf(VerifierUnavailableException.class)
                .hasMessageContaining("no key set loaded yet");
        assertThat(r.health().ready()).isFalse();
        server.resume();
        time.advance(Duration.ofSeconds(30)); // the first retry
        assertThat(r.resolve("kid-a")).isPresent();
        assertThat(r.health().ready()).isTrue();
    }

    @Test
    void logWhenTheServiceFailsRepeatedlyThenEachTransitionIsLoggedOnceAndNoKeyMaterial() throws IOException {
        TestKey a = key("kid-a");
        JwksKeyResolver r = loaded(builder(), a);
        server.stop();
        for (int i = 0; i < 5; i++) {
            r.refresh();
        }
        server.resume();
        r.refresh();
        r.refresh();
        assertThat(logLines(Level.INFO)).filteredOn(m -> m.contains("loaded 1 key(s)")).hasSize(1);
        assertThat(logLines(Level.WARNING)).hasSize(1);
        assertThat(logLines(Level.WARNING).get(0)).contains("cannot load keys", "stays in force until");
        assertThat(logLines(Level.INFO)).filteredOn(m -> m.contains("load again")).hasSize(1);
        String jwk = JwksServer.jwk("kid-a", a.pair().getPublic());
        String x = jwk.replaceAll(".*\"x\":\"([^\"]+)\".*", "$1");
        assertThat(logs).extracting(LogRecord::getMessage).noneMatch(m -> m.contains(x));
        assertThat(events(Kind.FAILED)).hasSize(5);
    }

    @Test
    void eventsWhenLoadedThenTheyCarryTheCountTheLoadTimeTheChangeAndTheFetchLatency() {
        TestKey a = key("kid-a");
        JwksKeyResolver r = loaded(builder(), a);
        KeySourceEvent first = lastEvent();
        assertThat(first.source()).isEqualTo(server.uri().toString());
        assertThat(first.keys()).isEqualTo(1);
        assertThat(first.loadedAt()).isEqualTo(time.now());
        assertThat(first.elapsed()).isPositive();
        server.publish(List.of(key("kid-b")));
        time.advance(Duration.ofSeconds(1));
        r.refresh();
        assertThat(lastEvent().detail()).isEqualTo("added kid-b, removed kid-a");
        assertThat(lastEvent().loadedAt()).isEqualTo(time.now());
    }

    @Test
    void closeWhenClosedThenNoBackgroundRefreshAndRefreshRefused() {
        JwksKeyResolver r = loaded(builder(), key("kid-a"));
        r.close();
        int fetches = server.requests();
        time.advance(Duration.ofHours(2));
        assertThat(server.requests()).isEqualTo(fetches);
        assertThat(time.pending()).isZero();
        assertThatThrownBy(r::refresh).isInstanceOf(IllegalStateException.class);
    }

    // ---------------------------------------------------------------- through the verifier

    private TokenVerifier verifier(KeyResolver keys, BearerguardListener l, int cache) {
        return TokenVerifier.builder().keys(keys).algorithms(Algorithm.ES256).clock(time.clock())
                .replayPolicy(ReplayPolicy.REUSABLE).verifiedTokenCache(cache).listener(l).build();
    }

    private String token(TestKey k) {
        return TokenSigner.of(k.pair().getPrivate(), k.pair().getPublic()).withKid(k.kid()).withClock(time.clock())
                .token().lifetime(Duration.ofHours(3)).sign();
    }

    /** {@code token} with its header's {@code kid} replaced: refused at the key step, before any signature math. */
    private static String withKid(String token, String kid) {
        String header = "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes(StandardCharsets.UTF_8))
                + token.substring(token.indexOf('.'));
    }

    private static Reason refusal(TokenVerifier v, String token) {
        try {
            v.verify(token);
            return null;
        } catch (TokenRejectedException e) {
            return e.reason();
        }
    }

    @Test
    void verifyWhenKeysRotateMidTrafficThroughFaultsThenTheNewKeyIsAcceptedWithinOneIntervalTheRemovedOneRefusedAndKnownKeysNeverFail()
            throws Exception {
        TestKey steady = key("kid-steady");
        TestKey old = key("kid-old");
        TestKey fresh = key("kid-fresh");
        JwksKeyResolver r = loaded(builder(), steady, old);
        TokenVerifier v = verifier(r, BearerguardListener.NONE, 0);
        List<String> steadyTokens = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            steadyTokens.add(token(steady));
        }
        String oldToken = token(old);
        String freshToken = token(fresh);
        assertThat(refusal(v, oldToken)).isNull();

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger verified = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        ExecutorService traffic = Executors.newFixedThreadPool(3);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            running.add(traffic.submit(() -> {
                int i = 0;
                while (!stop.get()) {
                    try {
                        v.verify(steadyTokens.get(i++ % steadyTokens.size()));
                        verified.incrementAndGet();
                    } catch (TokenRejectedException e) {
                        failures.add("401 " + e.reason());
                    } catch (VerifierUnavailableException e) {
                        failures.add("503 " + e.getMessage());
                    }
                }
            }));
        }
        try {
            // 1. A key is published; a token with it is refused at first, accepted one interval later.
            server.publish(List.of(steady, old, fresh));
            assertThat(refusal(v, freshToken)).as("within the interval of the initial load").isEqualTo(Reason.UNKNOWN_KEY);
            time.advance(Duration.ofSeconds(30));
            assertThat(refusal(v, freshToken)).as("one refresh interval later").isNull();

            // 2. The key service flaps and serves garbage while the background refresh retries.
            server.queue(Fault.ERROR_500, Fault.GARBAGE, Fault.TRUNCATED, Fault.HUGE_STREAMED);
            int failedBefore = events(Kind.FAILED).size();
            int loadedBefore = events(Kind.LOADED).size();
            // loaded at 30 s: the refresh at 300 s fails, so do the retries 30, 60 and 120 s later;
            // the one 240 s after that (750 s) succeeds
            time.advance(Duration.ofMinutes(15));
            assertThat(events(Kind.FAILED).size() - failedBefore).isEqualTo(4);
            assertThat(events(Kind.LOADED).size() - loadedBefore).isEqualTo(1);
            assertThat(refusal(v, oldToken)).as("still published").isNull();

            // 3. The old key is removed: refused after the next refresh, not before.
            server.publish(List.of(steady, fresh));
            assertThat(refusal(v, oldToken)).as("until the next refresh").isNull();
            time.advance(Duration.between(time.now(), time.nextDue().orElseThrow()));
            assertThat(refusal(v, oldToken)).as("after the next refresh").isEqualTo(Reason.UNKNOWN_KEY);
            assertThat(refusal(v, freshToken)).isNull();
            // keep the traffic going until it has seen every step
            int seen = verified.get();
            while (verified.get() < seen + 100) {
                Thread.onSpinWait();
            }
        } finally {
            stop.set(true);
            for (Future<?> f : running) {
                f.get(30, TimeUnit.SECONDS);
            }
            traffic.shutdownNow();
        }
        assertThat(failures).as("known-key traffic during rotation and faults").isEmpty();
        assertThat(verified.get()).isGreaterThan(100);
    }

    @Test
    void verifyWhenTenThousandTokensCarryRandomKidsThenFetchesStayWithinOnePerIntervalAndARealNewKeyIsFound()
            throws Exception {
        TestKey steady = key("kid-steady");
        TestKey real = key("kid-real-new");
        Duration interval = Duration.ofSeconds(30);
        JwksKeyResolver r = loaded(builder().refreshInterval(interval).cacheLifetime(Duration.ofHours(1)), steady);
        TokenVerifier v = verifier(r, BearerguardListener.NONE, 0);
        String template = token(steady);
        String realToken = token(real);
        int fetchesBefore = server.requests();
        Instant start = time.now();

        // 1 250 rounds of 8 concurrent requests; the clock moves 80 ms between rounds (10 ms a
        // request), so clock time does not depend on how the threads are scheduled.
        int threads = 8;
        int rounds = 1250;
        Duration tick = Duration.ofMillis(10L * threads);
        List<String> wrong = new CopyOnWriteArrayList<>();
        Instant firstUse = null;
        Instant acceptedAt = null;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Callable<Void>> round = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                round.add(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    String kid = Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
                    try {
                        Reason why = refusal(v, withKid(template, kid));
                        if (why != Reason.UNKNOWN_KEY) {
                            wrong.add(String.valueOf(why));
                        }
                    } catch (VerifierUnavailableException e) {
                        wrong.add("503 " + e.getMessage());
                    }
                    return null;
                });
            }
            for (int i = 0; i < rounds; i++) {
                time.advance(tick);
                for (Future<Void> f : pool.invokeAll(round)) {
                    f.get();
                }
                if (i == rounds / 2) {
                    server.publish(List.of(steady, real));
                    firstUse = time.now(); // the client signs with it at once
                }
                if (firstUse != null && acceptedAt == null && refusal(v, realToken) == null) {
                    acceptedAt = time.now();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Duration duration = Duration.between(start, time.now());
        int fetches = server.requests() - fetchesBefore;
        long bound = duration.toMillis() / interval.toMillis() + 1;
        assertThat(wrong).as("every made-up kid is unknown_key, none 503").isEmpty();
        assertThat(fetches).as("%d fetches in %s of clock", fetches, duration).isLessThanOrEqualTo((int) bound);
        assertThat(fetches).as("the flood did trigger rate-limited fetches").isGreaterThanOrEqualTo(2);
        assertThat(acceptedAt).as("the real new key was found").isNotNull();
        assertThat(Duration.between(firstUse, acceptedAt))
                .as("the real new key found within one interval of its first use (plus one round)")
                .isLessThanOrEqualTo(interval.plus(tick));
    }

    @Test
    void verifyWhenARefreshLeavesTheKeyUnchangedThenTheVerifiedTokenCacheStillAnswers() throws Exception {
        TestKey a = key("kid-a");
        List<VerificationEvent> verifications = new CopyOnWriteArrayList<>();
        BearerguardListener seen = new BearerguardListener() {
            @Override
            public void verified(VerificationEvent event) {
                verifications.add(event);
            }
        };
        JwksKeyResolver r = loaded(builder(), a, key("kid-b"));
        TokenVerifier v = verifier(r, seen, 100);
        String token = token(a);
        v.verify(token);
        v.verify(token);
        server.publish(List.of(a, key("kid-c")));
        r.refresh();
        v.verify(token);
        assertThat(verifications).extracting(VerificationEvent::cached).containsExactly(false, true, true);
        server.publish(List.of(key("kid-a"))); // another key under the same kid
        r.refresh();
        assertThat(refusal(v, token)).as("a replaced key: the cache entry is dropped, the signature checked")
                .isEqualTo(Reason.BAD_SIGNATURE);
    }
}
