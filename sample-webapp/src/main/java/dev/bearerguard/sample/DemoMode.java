package dev.bearerguard.sample;

import dev.bearerguard.core.keys.KeyLoadException;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.test.PemKeys;
import dev.bearerguard.test.TokenSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;

/**
 * Demo mode: a P-521 key pair kept in a local folder (made on the first start, reused after), whose
 * public key the server trusts and whose private key mints the banner's token. Immutable.
 */
final class DemoMode {

    /** The demo OAuth client, printed in the banner. */
    static final String CLIENT_ID = "demo-client";
    static final String CLIENT_SECRET = "demo-secret";

    static final String PRIVATE_FILE = "private.pem";
    static final String PUBLIC_FILE = "public.pem";

    private final Path dir;
    private final PublicKey publicKey;
    private final TokenSigner signer;
    private final boolean created;

    private DemoMode(Path dir, PublicKey publicKey, TokenSigner signer, boolean created) {
        this.dir = dir;
        this.publicKey = publicKey;
        this.signer = signer;
        this.created = created;
    }

    /**
     * Reuses the key pair in {@code dir}, or makes one there.
     *
     * @throws UncheckedIOException if the folder cannot be read or written
     * @throws KeyLoadException     if the private key file there is unusable
     */
    static DemoMode open(Path dir) {
        Path priv = dir.resolve(PRIVATE_FILE);
        try {
            if (Files.exists(priv)) {
                PrivateKey key = PemKeys.readPrivateKey(Files.readString(priv));
                PublicKey pub = PemKeys.publicKeyOf(key);
                return new DemoMode(dir.toAbsolutePath().normalize(), pub, TokenSigner.of(key, pub), false);
            }
            Files.createDirectories(dir);
            KeyPair pair = PemKeys.generateP521();
            Files.writeString(priv, PemKeys.toPem(pair.getPrivate()));
            try {
                Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system (Windows): the folder's own permissions apply
            }
            Files.writeString(dir.resolve(PUBLIC_FILE), PemKeys.toPem(pair.getPublic()));
            return new DemoMode(dir.toAbsolutePath().normalize(), pair.getPublic(),
                    TokenSigner.of(pair.getPrivate(), pair.getPublic()), true);
        } catch (IOException e) {
            throw new UncheckedIOException("demo key folder " + dir + ": " + e.getMessage(), e);
        }
    }

    TrustedKey trustedKey() {
        return TrustedKey.of(publicKey);
    }

    TokenSigner signer() {
        return signer;
    }

    String kid() {
        return signer.kid();
    }

    Path privateKeyPath() {
        return dir.resolve(PRIVATE_FILE);
    }

    /**
     * The key's path as a person should read it: relative to the working directory when it lies
     * below it ({@code ./bearerguard-demo-keys/private.pem}), else as given.
     */
    static String shown(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath().normalize();
        return abs.startsWith(here) ? "./" + here.relativize(abs).toString().replace('\\', '/') : path.toString();
    }

    /** The loud banner: kid, key path, OAuth client, and a curl line with a fresh token. */
    static String banner(DemoMode demo, URI base) {
        String token = demo.signer.token().scopes("transactions.read").lifetime(Duration.ofMinutes(10)).sign();
        String line = "=".repeat(100);
        return line + "\n"
                + "  BEARERGUARD SAMPLE - DEMO MODE - NOT FOR PRODUCTION (start with --keys PATH to leave demo mode)\n"
                + line + "\n"
                + "  listening on     " + base + "\n"
                + "  trusted kid      " + demo.kid() + "\n"
                + "  demo key pair    " + shown(demo.privateKeyPath()) + (demo.created ? "  (made now)" : "  (reused)") + "\n"
                + "  OAuth client     client_id=" + CLIENT_ID + " client_secret=" + CLIENT_SECRET
                + "  (POST " + base + "oauth/token)\n"
                + "  checkout page    " + base + "checkout/\n"
                + "  more tokens      curl -s '" + base + "demo/token?scopes=transactions.read'\n"
                + "\n"
                + "  Try it (single-use token, scope transactions.read, valid 10 minutes):\n\n"
                + "curl -i -H 'Authorization: Bearer " + token + "' " + base + "api/transactions\n\n"
                + line;
    }
}
