package dev.bearerguard.cli;

import dev.bearerguard.core.Algorithm;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.keys.JwksKeyResolver;
import dev.bearerguard.core.keys.KeyLoadException;
import dev.bearerguard.core.keys.KeyLoader;
import dev.bearerguard.core.keys.KeyLocation;
import dev.bearerguard.core.keys.KeyResolver;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.observe.KeySourceEvent;
import dev.bearerguard.core.replay.ReplayPolicy;
import dev.bearerguard.core.scope.ScopeVocabulary;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The verifier settings {@code verify} and {@code explain} share, as a picocli mixin, and the one
 * place that turns them into a {@link TokenVerifier}.
 *
 * <p>Not thread-safe (picocli fills the fields); the verifier it builds is.
 */
final class VerifierOptions {

    @Option(names = "--keys", paramLabel = "PATH|URL",
            description = "Trusted public keys: a PEM public key or certificate, a JWK, a JWKS document, "
                    + "or a directory of them (repeatable); or a key service's JWKS URL (https, or http to "
                    + "127.0.0.1; alone), fetched once when the command starts.")
    List<String> keys = new ArrayList<>();

    @Option(names = "--alg", paramLabel = "ALG", split = ",", converter = AlgorithmConverter.class,
            description = "Accepted algorithms, comma-separated (default: ES512). none and HS* are never accepted.")
    List<Algorithm> algorithms = new ArrayList<>();

    @Option(names = "--skew", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Clock skew allowed at both ends of the time window (default: 60s, at most 10m).")
    Duration skew;

    @Option(names = "--max-lifetime", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest exp - nbf accepted (default: no limit), e.g. 1h.")
    Duration maxLifetime;

    @Option(names = "--issuer", paramLabel = "ISS",
            description = "Accepted iss values (repeatable; default: any non-empty issuer).")
    List<String> issuers = new ArrayList<>();

    @Option(names = "--now", paramLabel = "EPOCH_SECONDS",
            description = "Evaluate time claims at this instant (Unix seconds) instead of the system clock.")
    Long now;

    @Option(names = "--max-token-size", paramLabel = "CHARS",
            description = "Longest token accepted, in characters (default: ${DEFAULT-VALUE}).")
    int maxTokenSize = 8192;

    /** The clock the verifier reads: fixed at {@code --now}, else the system clock. */
    Clock clock() {
        if (now == null) {
            return Clock.systemUTC();
        }
        if (now < 0 || now > 253_402_300_799L) {
            throw new InputException("--now must be Unix seconds between 0 and 253402300799 (year 9999)");
        }
        return Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC);
    }

    /**
     * A clock that stands still: at {@code --now}, else at the moment this is called. {@code explain}
     * judges the whole token, and any second look at it, at one instant.
     */
    Clock fixedClock() {
        return Clock.fixed(clock().instant(), ZoneOffset.UTC);
    }

    /**
     * Loads every {@code --keys} path into one set.
     *
     * @throws InputException if none was given, or a path cannot be read or holds no or a bad key
     */
    KeySet loadKeys() {
        if (keys.isEmpty()) {
            throw new InputException("no --keys given: name a PEM public key, a JWK, a JWKS, a directory of them, "
                    + "or a JWKS URL");
        }
        List<Path> paths = new ArrayList<>();
        for (String k : keys) {
            KeyLocation where;
            try {
                // one reading of a key location for web.xml, the CLI and the sample
                where = KeyLocation.parse(k);
            } catch (IllegalArgumentException e) {
                throw new InputException("--keys: " + e.getMessage());
            }
            if (where instanceof KeyLocation.JwksUrl url) {
                if (keys.size() > 1) {
                    throw new InputException("--keys: a JWKS URL must be the only --keys");
                }
                return fetch(url);
            }
            paths.add(Path.of(k));
        }
        try {
            return KeyLoader.load(paths);
        } catch (KeyLoadException e) {
            throw new InputException(e.getMessage());
        }
    }

    /** The key service's set, fetched once (the JWKS resolver's checks, caps and timeouts). */
    private static KeySet fetch(KeyLocation.JwksUrl url) {
        try (JwksKeyResolver remote = JwksKeyResolver.builder(url.uri()).build()) {
            KeySourceEvent e = remote.refresh();
            if (e.kind() != KeySourceEvent.Kind.LOADED) {
                throw new InputException("--keys: cannot fetch keys from " + e.source() + ": " + e.detail());
            }
            return remote.keys();
        }
    }

    /**
     * A verifier with these settings over {@code keys}, on the {@linkplain #clock() clock}.
     *
     * @throws InputException if a setting is out of range
     */
    TokenVerifier verifier(KeyResolver keys, ReplayPolicy replay) {
        return verifier(keys, replay, clock());
    }

    /**
     * A verifier with these settings over {@code keys}, on {@code clock}: the one place options
     * become a verifier, for {@code verify} and {@code explain} alike.
     *
     * @throws InputException if a setting is out of range
     */
    TokenVerifier verifier(KeyResolver keys, ReplayPolicy replay, Clock clock) {
        try {
            TokenVerifier.Builder b = TokenVerifier.builder()
                    .keys(keys)
                    .clock(clock)
                    .replayPolicy(replay)
                    .vocabulary(ScopeVocabulary.PAYMENTS)
                    .maxTokenSize(maxTokenSize)
                    .issuers(new LinkedHashSet<>(issuers))
                    .maxLifetime(maxLifetime);
            if (!algorithms.isEmpty()) {
                b.algorithms(EnumSet.copyOf(algorithms));
            }
            if (skew != null) {
                b.clockSkew(skew);
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
    }
}
