package dev.bearerguard.core.keys;

import dev.bearerguard.test.ManualTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.test.JwksServer;
import dev.bearerguard.test.TestKey;
import dev.bearerguard.core.VerifierUnavailableException;
import dev.bearerguard.core.observe.BearerguardListener;
import dev.bearerguard.core.observe.KeySourceEvent;
import dev.bearerguard.core.observe.KeySourceEvent.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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
 * {@link WatchedKeyFolder} on a real folder: changes picked up by the watch service (waited for as
 * an event, never slept for) and by the periodic rescan on {@link ManualTime}. (In this module for
 * {@link ManualTime}, a shared fixture of {@code bearerguard-contract-tests}.)
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WatchedKeyFolderTest {

    @TempDir
    Path dir;

    private Path folder;
    private final ManualTime time = new ManualTime();
    private final LinkedBlockingQueue<KeySourceEvent> events = new LinkedBlockingQueue<>();
    private final BearerguardListener listener = new BearerguardListener() {
        @Override
        public void keySource(KeySourceEvent event) {
            events.add(event);
        }
    };
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel() == Level.WARNING) {
                warnings.add(r.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger keysLog = Logger.getLogger("dev.bearerguard.keys");

    @BeforeEach
    void setUp() throws IOException {
        folder = Files.createDirectory(dir.resolve("keys"));
        keysLog.addHandler(capture);
    }

    @AfterEach
    void closeAll() throws Exception {
        keysLog.removeHandler(capture);
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private static TestKey key(String kid) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return new TestKey(kid, g.generateKeyPair());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the key as a JWK file the way a deployment tool does: a hidden temporary file, moved into place. */
    private Path write(String name, TestKey k) throws IOException {
        return writeText(name, JwksServer.jwk(k.kid(), k.pair().getPublic()));
    }

    private Path writeText(String name, String text) throws IOException {
        Path tmp = folder.resolve("." + name + ".tmp");
        Files.writeString(tmp, text);
        return Files.move(tmp, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String pem(TestKey k) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(k.pair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private WatchedKeyFolder open(WatchedKeyFolder.Builder b) {
        WatchedKeyFolder f = b.build();
        open.add(f);
        return f;
    }

    private WatchedKeyFolder.Builder builder() {
        return WatchedKeyFolder.builder(folder).clock(time.clock()).scheduler(time).listener(listener);
    }

    /** Waits (on events, boundedly) until the folder holds what {@code condition} wants. */
    private void awaitLoad(WatchedKeyFolder f, Predicate<KeySet> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.test(f.keys())) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the watch service did not deliver the change; keys: " + f.keys());
            }
            events.poll(left, TimeUnit.NANOSECONDS);
        }
    }

    // ---------------------------------------------------------------- the watch service

    @Test
    void watchWhenAFileIsAddedChangedAndRemovedThenEachIsPickedUpWithoutARestart() throws Exception {
        TestKey a = key("kid-a");
        write("a.json", a);
        WatchedKeyFolder f = open(builder());
        TrustedKey ka = f.resolve("kid-a").orElseThrow();

        write("b.json", key("kid-b"));
        awaitLoad(f, s -> s.resolve("kid-b").isPresent());
        assertThat(f.resolve("kid-a").orElseThrow()).as("unchanged keys keep their object").isSameAs(ka);

        TestKey b2 = key("kid-b");
        write("b.json", b2);
        awaitLoad(f, s -> s.resolve("kid-b").map(k -> java.util.Arrays.equals(k.publicKey().getEncoded(),
                b2.pair().getPublic().getEncoded())).orElse(false));

        Files.delete(folder.resolve("b.json"));
        awaitLoad(f, s -> s.resolve("kid-b").isEmpty());
        assertThat(f.resolve("kid-b")).isEmpty();
        assertThat(f.resolve("kid-a").orElseThrow()).isSameAs(ka);
    }

    @Test
    void watchWhenAKubernetesVolumeSwapsItsDataLinkThenTheNewKeysAreTaken() throws Exception {
        // The layout of a ConfigMap or Secret volume: keys.json -> ..data/keys.json, ..data -> ..v1
        TestKey a = key("kid-a");
        TestKey b = key("kid-b");
        Path v1 = Files.createDirectory(folder.resolve("..v1"));
        Files.writeString(v1.resolve("keys.json"), "{\"keys\":[" + JwksServer.jwk("kid-a", a.pair().getPublic()) + "]}");
        Files.createSymbolicLink(folder.resolve("..data"), Path.of("..v1"));
        Files.createSymbolicLink(folder.resolve("keys.json"), Path.of("..data/keys.json"));
        WatchedKeyFolder f = open(builder());
        assertThat(f.resolve("kid-a")).isPresent();

        Path v2 = Files.createDirectory(folder.resolve("..v2"));
        Files.writeString(v2.resolve("keys.json"), "{\"keys\":[" + JwksServer.jwk("kid-a", a.pair().getPublic()) + ","
                + JwksServer.jwk("kid-b", b.pair().getPublic()) + "]}");
        Files.createSymbolicLink(folder.resolve("..data_tmp"), Path.of("..v2"));
        Files.move(folder.resolve("..data_tmp"), folder.resolve("..data"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        awaitLoad(f, s -> s.resolve("kid-b").isPresent());
        assertThat(f.keys().keys()).extracting(TrustedKey::kid).containsExactly("kid-a", "kid-b");
    }

    // ---------------------------------------------------------------- the periodic rescan

    @Test
    void rescanWhenTheWatchIsOffThenTheNextPeriodicRescanPicksUpTheChange() throws Exception {
        write("a.json", key("kid-a"));
        WatchedKeyFolder f = open(builder().watch(false).rescanInterval(Duration.ofMinutes(1)));
        write("b.json", key("kid-b"));
        time.advance(Duration.ofSeconds(59));
        assertThat(f.keys().resolve("kid-b")).as("before the rescan").isEmpty();
        time.advance(Duration.ofSeconds(1));
        assertThat(f.resolve("kid-b")).isPresent();
    }

    @Test
    void resolveWhenAnUnknownKidArrivesThenItMayTriggerOneRateLimitedRescan() throws Exception {
        write("a.json", key("kid-a"));
        WatchedKeyFolder f = open(builder().watch(false).rescanInterval(Duration.ofHours(1)));
        write("b.json", key("kid-b"));
        assertThat(f.resolve("kid-b")).as("within the interval of the first scan").isEmpty();
        time.advance(Duration.ofSeconds(30));
        assertThat(f.resolve("kid-c")).as("another kid triggers the rescan").isEmpty();
        assertThat(f.resolve("kid-b")).as("found by that rescan").isPresent();
    }

    // ---------------------------------------------------------------- bad files

    @Test
    void rescanWhenANewFileIsBrokenThenItIsLoggedAndTheRestStaysInForce() throws Exception {
        write("a.json", key("kid-a"));
        writeText("b.pem", pem(key("kid-b")));
        WatchedKeyFolder f = open(builder().watch(false));
        TrustedKey ka = f.resolve("kid-a").orElseThrow();
        writeText("half.pem", pem(key("x")).substring(0, 60));
        writeText("private.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        KeySourceEvent e = f.refresh();
        assertThat(e.kind()).isEqualTo(Kind.LOADED);
        assertThat(e.keys()).isEqualTo(2);
        assertThat(f.resolve("kid-a").orElseThrow()).isSameAs(ka);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("half.pem", "private.pem", "holds a private key").doesNotContain("AAAA");
        f.refresh();
        assertThat(warnings).as("the same problems are logged once").hasSize(1);
    }

    @Test
    void rescanWhenAFileIsRewrittenBrokenThenItsLastGoodKeysStayUntilItIsFixed() throws Exception {
        TestKey a = key("kid-a");
        TestKey b = key("kid-b");
        write("a.json", a);
        writeText("b.pem", pem(b));
        WatchedKeyFolder f = open(builder().watch(false));
        TrustedKey kb = f.resolve(JwkThumbprint.of(b.pair().getPublic())).orElseThrow();
        writeText("b.pem", pem(b).substring(0, 50)); // a tool writing the file in place, caught half way
        f.refresh();
        assertThat(f.resolve(kb.kid()).orElseThrow()).as("kept from the last good read").isSameAs(kb);
        assertThat(warnings.get(0)).contains("b.pem: PEM block PUBLIC KEY has no END line; kept from its last good read");
        TestKey b2 = key("kid-b2");
        writeText("b.pem", pem(b2));
        f.refresh();
        assertThat(f.resolve(kb.kid())).isEmpty();
        assertThat(f.resolve(JwkThumbprint.of(b2.pair().getPublic()))).isPresent();
    }

    @Test
    void rescanWhenEveryFileIsGoneOrTheFolderIsMissingThenAnOutageNotAnEmptySet() throws Exception {
        write("a.json", key("kid-a"));
        WatchedKeyFolder f = open(builder().watch(false));
        Files.delete(folder.resolve("a.json"));
        KeySourceEvent e = f.refresh();
        assertThat(e.kind()).isEqualTo(Kind.FAILED);
        assertThat(e.detail()).contains("holds no key file");
        assertThat(f.resolve("kid-a")).isPresent();

        Files.delete(folder);
        assertThat(f.refresh().detail()).contains("does not exist");
        assertThat(f.resolve("kid-a")).isPresent();
        assertThatThrownBy(() -> f.resolve("kid-new")).isInstanceOf(VerifierUnavailableException.class);

        time.advance(Duration.ofHours(24).plusSeconds(1));
        assertThatThrownBy(() -> f.resolve("kid-a")).isInstanceOf(VerifierUnavailableException.class)
                .hasMessageContaining("older than PT24H");
        assertThat(f.health().ready()).isFalse();
    }

    @Test
    void buildWhenTheFolderDoesNotExistYetThen503UntilItAppears() throws Exception {
        Path later = dir.resolve("later");
        WatchedKeyFolder f = open(WatchedKeyFolder.builder(later).clock(time.clock()).scheduler(time).listener(listener));
        assertThatThrownBy(() -> f.resolve("kid-a")).isInstanceOf(VerifierUnavailableException.class)
                .hasMessageContaining("no key set loaded yet");
        assertThat(f.health().ready()).isFalse();
        Files.createDirectory(later);
        Files.writeString(later.resolve("a.json"), JwksServer.jwk("kid-a", key("kid-a").pair().getPublic()));
        time.advance(Duration.ofSeconds(30)); // the first retry
        assertThat(f.resolve("kid-a")).isPresent();
        assertThat(f.health().ready()).isTrue();
    }

    @Test
    void resolveWhenARuleNamesAFileKeyThenItCarriesTheRestrictionAcrossRescans() throws Exception {
        write("a.json", key("kid-a"));
        WatchedKeyFolder f = open(builder().watch(false).restrictions(List.of(KeyRestrictionRule.parse("kid-a m-1"))));
        TrustedKey ka = f.resolve("kid-a").orElseThrow();
        assertThat(ka.restrictions().merchantAccounts()).containsExactly("m-1");
        write("b.json", key("kid-b"));
        f.refresh();
        assertThat(f.resolve("kid-a").orElseThrow()).isSameAs(ka);
    }

    @Test
    void buildWhenTheStalenessIsShorterThanTheRescanThenRefused() {
        assertThatThrownBy(() -> builder().rescanInterval(Duration.ofHours(2)).maxStaleness(Duration.ofHours(1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must exceed the rescan interval");
    }

    @Test
    void closeWhenClosedThenNoRescanAndRefreshRefused() throws Exception {
        write("a.json", key("kid-a"));
        WatchedKeyFolder f = open(builder());
        f.close();
        assertThat(time.pending()).isZero();
        assertThatThrownBy(f::refresh).isInstanceOf(IllegalStateException.class);
        assertThat(f.resolve("kid-a")).as("the last set still answers").isPresent();
    }
}
