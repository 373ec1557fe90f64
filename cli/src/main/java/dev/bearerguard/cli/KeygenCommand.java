package dev.bearerguard.cli;

import dev.bearerguard.core.keys.JwkThumbprint;
import dev.bearerguard.test.PemKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bearerguard keygen}: writes a new P-521 key pair (PKCS#8 and SPKI PEM) and prints its
 * {@code kid}. The private key file is created readable by its owner only, and existing files are
 * never overwritten unless asked.
 *
 * <p>Both files or neither: every check that can fail (folders exist, files do not, unless {@code
 * --force}) runs before anything is written; both keys are then written to temporary files beside
 * their targets and renamed into place, and a failure while placing the second undoes the first
 * (restoring a file {@code --force} was replacing). A half-done run never leaves a private key
 * without its public half, or the reverse.
 *
 * <p>Not thread-safe: one instance serves one run.
 */
@Command(name = "keygen", header = "Write a new P-521 key pair and print its kid.",
        mixinStandardHelpOptions = true, versionProvider = BearerguardCli.Version.class, sortOptions = false,
        description = {
            "Write a new P-521 (ES512) key pair as PEM files and print its kid (the RFC 7638 thumbprint). "
                    + "Give the public file to the server (verify --keys); keep the private one with the caller.",
            "Both files are written or neither: a folder that does not exist is an error, before anything is written.",
            "",
            "Exit code: 0 written; 2 usage or I/O error (an existing file is not overwritten without --force)."
        })
final class KeygenCommand implements Callable<Integer> {

    private static final String TEMP_PREFIX = ".bearerguard-keygen-";

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
        check("--private", privateFile);
        check("--public", publicFile);
        KeyPair pair = PemKeys.generateP521();
        Deque<Path> temporary = new ArrayDeque<>();
        try {
            // Files.createTempFile creates the file readable by its owner only (POSIX), so the private key
            // never exists with wider permissions, not even for a moment.
            Path privateTemp = writeTemp(privateFile, PemKeys.toPem(pair.getPrivate()), temporary);
            Path publicTemp = writeTemp(publicFile, PemKeys.toPem(pair.getPublic()), temporary);
            makePublicReadable(publicTemp);
            Deque<Runnable> undo = new ArrayDeque<>();
            try {
                place(privateTemp, privateFile, undo, temporary);
                place(publicTemp, publicFile, undo, temporary);
            } catch (Failed e) {
                undo.forEach(Runnable::run);
                throw e;
            }
        } catch (Failed e) {
            throw new InputException("cannot write " + e.file + ": " + describe(e.getCause()) + "; nothing was written");
        } finally {
            temporary.forEach(KeygenCommand::deleteQuietly);
        }
        io.out().println(JwkThumbprint.of(pair.getPublic()));
        io.out().flush();
        return ExitCodes.OK;
    }

    /** Everything that can be known before writing: the folder exists, the file does not (without --force). */
    private void check(String option, Path file) {
        Path folder = folderOf(file);
        if (!Files.isDirectory(folder)) {
            throw new InputException(option + " " + file + ": the folder " + folder
                    + (Files.exists(folder) ? " is not a folder" : " does not exist (create it first)")
                    + "; nothing was written");
        }
        if (Files.isDirectory(file)) {
            throw new InputException(option + " " + file + " is a folder; give a file name; nothing was written");
        }
        if (!force && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new InputException(file + " already exists (use --force to overwrite it); nothing was written");
        }
    }

    private static Path folderOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? file.toAbsolutePath().getRoot() : parent;
    }

    private static Path writeTemp(Path target, String pem, Deque<Path> temporary) throws Failed {
        try {
            Path temp = Files.createTempFile(folderOf(target), TEMP_PREFIX, ".tmp");
            temporary.push(temp);
            Files.writeString(temp, pem, StandardCharsets.US_ASCII);
            return temp;
        } catch (IOException e) {
            throw new Failed(target, e);
        }
    }

    /** A temporary file is created owner-only; the public key is for everyone to read. */
    private void makePublicReadable(Path publicTemp) throws Failed {
        try {
            Files.setPosixFilePermissions(publicTemp, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the file keeps the platform's default permissions.
        } catch (IOException e) {
            throw new Failed(publicFile, e);
        }
    }

    /** Renames {@code temp} onto {@code target}, recording how to undo it (and keeping a replaced file aside). */
    private void place(Path temp, Path target, Deque<Runnable> undo, Deque<Path> temporary) throws Failed {
        try {
            if (force && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Path aside = Files.createTempFile(folderOf(target), TEMP_PREFIX, ".old");
                temporary.push(aside);
                Files.move(target, aside, StandardCopyOption.REPLACE_EXISTING);
                undo.push(() -> {
                    try {
                        Files.move(aside, target, StandardCopyOption.REPLACE_EXISTING);
                    } catch (IOException ignored) {
                        // Best effort; the error message still says what failed.
                    }
                });
                Files.move(temp, target);
            } else {
                // Without REPLACE_EXISTING: a file that appeared since the check is not overwritten.
                Files.move(temp, target);
                undo.push(() -> deleteQuietly(target));
            }
            temporary.remove(temp);
        } catch (IOException e) {
            throw new Failed(target, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover temporary file holds no more than the target would have.
        }
    }

    private static String describe(Throwable e) {
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "it already exists (use --force to overwrite it)";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    /** An I/O failure on one of the two files, remembering which. */
    private static final class Failed extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Path file;

        Failed(Path file, IOException cause) {
            super(cause);
            this.file = file;
        }
    }
}
