package dev.bearerguard.cli;

import static dev.bearerguard.cli.Fixture.now;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
    }

    @Test
    void keygenWhenForceThenOverwrites() throws IOException {
        Path priv = Files.writeString(dir.resolve("private.pem"), "old");

        Cli.Result r = Cli.run("keygen", "--force", "--private", priv.toString(), "--public", dir.resolve("p.pem").toString());

        assertThat(r.exit()).isEqualTo(0);
        assertThat(Files.readString(priv)).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void keygenWhenBothOptionsNameTheSameFileThenExit2() {
        String f = dir.resolve("same.pem").toString();

        Cli.Result r = Cli.run("keygen", "--private", f, "--public", f);

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("name the same file");
    }

    @Test
    void keygenWhenTheDirectoryDoesNotExistThenExit2() {
        Cli.Result r = Cli.run("keygen", "--private", dir.resolve("no/such/dir/k.pem").toString(),
                "--public", dir.resolve("k.pub").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("cannot write");
    }

    @Test
    void keygenWhenAnOptionIsMissingThenUsageErrorExit2() {
        Cli.Result r = Cli.run("keygen", "--private", dir.resolve("k.pem").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--public");
    }
}
