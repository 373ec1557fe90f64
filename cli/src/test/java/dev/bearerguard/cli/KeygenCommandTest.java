package dev.bearerguard.cli;

import static dev.bearerguard.cli.Fixture.now;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenCommandTest {

    @TempDir
    Path dir;

    @Test
    void keygenWritesAKeyPairThatMintsAndVerifiesAndPrintsItsKid() throws IOException {
        Path priv = dir.resolve("private.pem");
        Path pub = dir.resolve("public.pem");

        Cli.Result r = Cli.run("keygen", "--private", priv.toString(), "--public", pub.toString());

        assertThat(r.exit()).isEqualTo(0);
        String kid = r.out().strip();
        assertThat(kid).matches("[A-Za-z0-9_-]{43}");
        assertThat(Files.readString(priv)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(pub)).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(Cli.run("thumbprint", pub.toString()).out().strip()).isEqualTo(kid);
        String token = Cli.run("mint", "--key", priv.toString(), now(0)).out().strip();
        Cli.Result verified = Cli.run("verify", "--keys", pub.toString(), now(1), token);
        assertThat(verified.exit()).isEqualTo(0);
        assertThat(verified.out()).contains("\"kid\":\"" + kid + "\"");
    }

    @Test
    void keygenWhenTwoRunsThenTwoDifferentKeys() {
        String a = Cli.run("keygen", "--private", dir.resolve("a").toString(), "--public", dir.resolve("a.pub").toString()).out();
        String b = Cli.run("keygen", "--private", dir.resolve("b").toString(), "--public", dir.resolve("b.pub").toString()).out();

        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void keygenMakesThePrivateKeyFileReadableByItsOwnerOnly() throws IOException {
        Path priv = dir.resolve("private.pem");

        Cli.run("keygen", "--private", priv.toString(), "--public", dir.resolve("public.pem").toString());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(priv))).isEqualTo("rw-------");
    }

    @Test
    void keygenWhenAFileExistsThenRefusesToOverwriteItExit2() throws IOException {
        Path priv = Files.writeString(dir.resolve("private.pem"), "precious");

        Cli.Result r = Cli.run("keygen", "--private", priv.toString(), "--public", dir.resolve("public.pem").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("already exists (use --force to overwrite it)");
        assertThat(Files.readString(priv)).isEqualTo("precious");
        assertThat(r.out()).isEmpty();
        assertThat(listing()).containsExactly("private.pem");
    }

    @Test
    void keygenWhenForceThenOverwrites() throws IOException {
        Path priv = Files.writeString(dir.resolve("private.pem"), "old");

        Cli.Result r = Cli.run("keygen", "--force", "--private", priv.toString(), "--public", dir.resolve("p.pem").toString());

        assertThat(r.exit()).isEqualTo(0);
        assertThat(Files.readString(priv)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(priv))).isEqualTo("rw-------");
        assertThat(listing()).containsExactlyInAnyOrder("private.pem", "p.pem");
    }

    @Test
    void keygenWhenBothOptionsNameTheSameFileThenExit2() {
        String f = dir.resolve("same.pem").toString();

        Cli.Result r = Cli.run("keygen", "--private", f, "--public", f);

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("name the same file");
    }

    @Test
    void keygenWhenThePrivateFolderDoesNotExistThenNamesItAndWritesNothing() throws IOException {
        Path pub = dir.resolve("k.pub");

        Cli.Result r = Cli.run("keygen", "--private", dir.resolve("no/such/dir/k.pem").toString(),
                "--public", pub.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--private", "the folder " + dir.resolve("no/such/dir") + " does not exist",
                "nothing was written");
        assertThat(pub).doesNotExist();
        assertThat(listing()).isEmpty();
    }

    @Test
    void keygenWhenThePublicFolderDoesNotExistThenNamesItAndLeavesNoOrphanPrivateKey() throws IOException {
        Path priv = dir.resolve("client.pem");

        Cli.Result r = Cli.run("keygen", "--private", priv.toString(),
                "--public", dir.resolve("keys/client.pub.pem").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--public", "the folder " + dir.resolve("keys") + " does not exist",
                "nothing was written");
        assertThat(r.out()).isEmpty();
        assertThat(priv).doesNotExist();
        assertThat(listing()).isEmpty();
    }

    @Test
    void keygenWhenOnlyThePublicFileExistsThenRefusesBeforeWritingThePrivateOne() throws IOException {
        Path priv = dir.resolve("client.pem");
        Path pub = Files.writeString(dir.resolve("client.pub.pem"), "precious");

        Cli.Result r = Cli.run("keygen", "--private", priv.toString(), "--public", pub.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(pub + " already exists (use --force to overwrite it)");
        assertThat(priv).doesNotExist();
        assertThat(Files.readString(pub)).isEqualTo("precious");
        assertThat(listing()).containsExactly("client.pub.pem");
    }

    @Test
    void keygenWhenPlacingThePublicFileFailsAfterThePrivateOneThenTakesThePrivateOneBack() throws IOException {
        Path priv = dir.resolve("client.pem");
        // Every check before writing passes; the rename onto a name longer than the file system allows
        // (255 bytes) fails only after the private key has been renamed into place.
        Path pub = dir.resolve("p".repeat(300));

        Cli.Result r = Cli.run("keygen", "--private", priv.toString(), "--public", pub.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("cannot write " + pub, "nothing was written");
        assertThat(r.out()).isEmpty();
        assertThat(priv).doesNotExist();
        assertThat(listing()).as("no temporary file left behind").isEmpty();
    }

    @Test
    void keygenWhenForcedAndPlacingThePublicFileFailsThenTheOldPrivateKeyIsBack() throws IOException {
        Path priv = Files.writeString(dir.resolve("client.pem"), "old private");
        Path pub = dir.resolve("p".repeat(300));

        Cli.Result r = Cli.run("keygen", "--force", "--private", priv.toString(), "--public", pub.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(Files.readString(priv)).isEqualTo("old private");
        assertThat(listing()).containsExactly("client.pem");
    }

    @Test
    void keygenWhenThePublicPathIsAFolderThenExit2AndWritesNothing() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("keys"));

        Cli.Result r = Cli.run("keygen", "--private", dir.resolve("client.pem").toString(),
                "--public", folder.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--public " + folder + " is a folder");
        assertThat(listing()).containsExactly("keys");
    }

    @Test
    void keygenGivesThePublicFileToEveryoneToReadAndThePrivateOneToItsOwner() throws IOException {
        Path priv = dir.resolve("private.pem");
        Path pub = dir.resolve("public.pem");

        Cli.run("keygen", "--private", priv.toString(), "--public", pub.toString());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pub))).isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(priv))).isEqualTo("rw-------");
    }

    @Test
    void keygenWhenAnOptionIsMissingThenUsageErrorExit2() {
        Cli.Result r = Cli.run("keygen", "--private", dir.resolve("k.pem").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--public");
    }

    /** The names in the test folder, hidden temporary files included. */
    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
