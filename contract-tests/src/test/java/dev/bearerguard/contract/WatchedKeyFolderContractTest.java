package dev.bearerguard.contract;

import dev.bearerguard.test.JwksServer;
import dev.bearerguard.test.TestKey;

import dev.bearerguard.test.ManualTime;

import dev.bearerguard.core.keys.KeyResolver;
import dev.bearerguard.core.keys.WatchedKeyFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watched key folder passes the refreshing key-resolver contract on a real folder (one JWK file
 * per key, written as a key-management tool would: to a hidden temporary file, then moved into
 * place), with its watch service running and its periodic rescan on {@link ManualTime}.
 */
class WatchedKeyFolderContractTest extends RefreshingKeyResolverContractTest {

    @TempDir
    Path dir;

    private final ManualTime time = new ManualTime();
    private final List<AutoCloseable> open = new ArrayList<>();
    private Path folder;

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private WatchedKeyFolder resolver(Path f) {
        WatchedKeyFolder r = WatchedKeyFolder.builder(f).clock(time.clock()).scheduler(time).build();
        open.add(r);
        return r;
    }

    @Override
    protected KeyResolver start(List<TestKey> keys) throws IOException {
        folder = Files.createDirectory(dir.resolve("keys"));
        publish(keys);
        return resolver(folder);
    }

    @Override
    protected void publish(List<TestKey> keys) throws IOException {
        Set<Path> wanted = new HashSet<>();
        for (TestKey k : keys) {
            Path target = folder.resolve(k.kid() + ".json");
            Path tmp = folder.resolve("." + k.kid() + ".tmp");
            Files.writeString(tmp, JwksServer.jwk(k.kid(), k.pair().getPublic()));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            wanted.add(target);
        }
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.toList()) {
                if (!wanted.contains(p)) {
                    Files.delete(p);
                }
            }
        }
    }

    @Override
    protected void refresh(KeyResolver resolver) {
        ((WatchedKeyFolder) resolver).refresh();
    }

    @Override
    protected void makeUnavailable() throws IOException {
        Files.move(folder, dir.resolve("keys.unmounted"));
    }

    @Override
    protected void restore() throws IOException {
        Files.move(dir.resolve("keys.unmounted"), folder);
    }

    @Override
    protected KeyResolver startUnreachable() {
        return resolver(dir.resolve("never-mounted"));
    }
}
