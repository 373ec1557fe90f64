package dev.bearerguard.cli;

import dev.bearerguard.core.keys.JwkThumbprint;
import dev.bearerguard.core.sign.PemKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bearerguard keygen}: writes a new P-521 key pair (PKCS#8 and SPKI PEM) and prints its
 * {@code kid}. The private key file is created readable by its owner only, and existing files are
 * never overwritten unless asked.
 *
 * <p>Not thread-safe: one instance serves one run.
 */
@Command(name = "keygen", header = "Write a new P-521 key pair and print its kid.",
        mixinStandardHelpOptions = true, versionProvider = BearerguardCli.Version.class, sortOptions = false,
        description = {
            "Write a new P-521 (ES512) key pair as PEM files and print its kid (the RFC 7638 thumbprint). "
                    + "Give the public file to the server (verify --keys); keep the private one with the caller.",
            "",
            "Exit code: 0 written; 2 usage or I/O error (an existing file is not overwritten without --force)."
        })
final class KeygenCommand implements Callable<Integer> {

    private final Io io;

    @Option(names = "--private", required = true, paramLabel = "FILE",
            description = "Where to write the private key (PKCS#8 PEM, mode 600 where supported).")
    Path privateFile;

    @Option(names = "--public", required = true, paramLabel = "FILE",
            description = "Where to write the public key (SPKI PEM).")
    Path publicFile;

    @Option(names = "--force", description = "Overwrite existing files.")
    boolean force;

    KeygenCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        if (privateFile.toAbsolutePath().normalize().equals(publicFile.toAbsolutePath().normalize())) {
            throw new InputException("--private and --public name the same file");
        }
        KeyPair pair = PemKeys.generateP521();
        write(privateFile, PemKeys.toPem(pair.getPrivate()), true);
        write(publicFile, PemKeys.toPem(pair.getPublic()), false);
        io.out().println(JwkThumbprint.of(pair.getPublic()));
        io.out().flush();
        return ExitCodes.OK;
    }

    private void write(Path file, String pem, boolean secret) {
        try {
            if (force) {
                Files.deleteIfExists(file);
            }
            Files.createFile(file);
            if (secret) {
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // Not a POSIX file system: the file keeps the platform's default permissions.
                }
            }
            Files.writeString(file, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new InputException(file + " already exists (use --force to overwrite it)");
        } catch (IOException e) {
            throw new InputException("cannot write " + file + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }
}
