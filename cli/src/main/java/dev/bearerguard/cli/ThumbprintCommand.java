package dev.bearerguard.cli;

import dev.bearerguard.core.keys.JwkThumbprint;
import dev.bearerguard.core.keys.KeyLoadException;
import dev.bearerguard.core.keys.KeyLoader;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.test.PemKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code bearerguard thumbprint}: prints the RFC 7638 thumbprint (SHA-256, base64url) of a public
 * key: the {@code kid} the field's SDKs put in their tokens. One line per key.
 *
 * <p>Not thread-safe: one instance serves one run.
 */
@Command(name = "thumbprint", header = "Print the RFC 7638 thumbprint (kid) of a public key.",
        mixinStandardHelpOptions = true, versionProvider = BearerguardCli.Version.class,
        description = {
            "Print the RFC 7638 JWK thumbprint (SHA-256, base64url) of each public key in a PEM file, a JWK "
                    + "or JWKS file, or an inline JWK: the kid tokens signed with the key carry. A private PEM "
                    + "key is accepted too (its public half is used).",
            "",
            "Exit code: 0 printed; 2 usage or input error."
        })
final class ThumbprintCommand implements Callable<Integer> {

    private final Io io;

    @Parameters(index = "0", paramLabel = "PUBLIC.pem|JWK",
            description = "A PEM public key or certificate file, a JWK or JWKS file, or a JWK as inline JSON.")
    String source;

    ThumbprintCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        boolean inline = source.strip().startsWith("{");
        String text = inline ? source : read(Path.of(source));
        String name = inline ? "inline JWK" : source;
        List<PublicKey> keys = new ArrayList<>();
        try {
            if (text.contains("PRIVATE KEY-----")) {
                keys.add(PemKeys.publicKeyOf(PemKeys.readPrivateKey(text)));
            } else {
                for (TrustedKey k : KeyLoader.parse(text, name)) {
                    keys.add(k.publicKey());
                }
            }
            for (PublicKey k : keys) {
                // The key's own thumbprint, even where a JWK names another kid.
                io.out().println(JwkThumbprint.of(k));
            }
        } catch (KeyLoadException e) {
            throw new InputException(e.getMessage().startsWith(name) ? e.getMessage() : name + ": " + e.getMessage());
        }
        io.out().flush();
        return ExitCodes.OK;
    }

    private static String read(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new InputException(file + " is a directory; name one key file");
            }
            if (Files.size(file) > 1 << 20) {
                throw new InputException(file + " is larger than 1 MiB");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }
}
