package dev.bearerguard.cli;

import dev.bearerguard.test.PemKeys;
import dev.bearerguard.test.TokenSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Keys and tokens for the tests, on a fixed clock. */
final class Fixture {

    /** The instant tokens are minted at: 2026-01-01T00:00:00Z. */
    static final long T0 = 1_767_225_600L;
    static final KeyPair P521 = PemKeys.generateP521();
    static final KeyPair OTHER_P521 = PemKeys.generateP521();

    private Fixture() {
    }

    /** A signer with {@link #P521} whose tokens have nbf = iat = {@link #T0}. */
    static TokenSigner signer() {
        return signer(P521);
    }

    static TokenSigner signer(KeyPair pair) {
        return TokenSigner.of(pair.getPrivate(), pair.getPublic())
                .withClock(Clock.fixed(Instant.ofEpochSecond(T0), ZoneOffset.UTC));
    }

    static KeyPair p256() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the public key of {@code pair} as PEM to {@code file}; returns the path as a string. */
    static String publicPem(Path file, KeyPair pair) {
        return write(file, PemKeys.toPem(pair.getPublic()));
    }

    /** Writes the private key of {@code pair} as PEM to {@code file}; returns the path as a string. */
    static String privatePem(Path file, KeyPair pair) {
        return write(file, PemKeys.toPem(pair.getPrivate()));
    }

    static String write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code --now} at {@code seconds} after {@link #T0}. */
    static String now(long seconds) {
        return "--now=" + (T0 + seconds);
    }
}
