package dev.bearerguard.jaxrs;

import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.keys.KeyRestrictions;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.replay.CaffeineReplayCache;
import dev.bearerguard.core.replay.ReplayCache;
import dev.bearerguard.test.PemKeys;
import dev.bearerguard.test.TokenSigner;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One test's keys, clock, signer and counting seams. A fixed clock: no test depends on the wall
 * clock. Not thread-safe beyond what the counters need.
 */
final class Fixture {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final KeyPair pair = PemKeys.generateP521();
    final TokenSigner signer = TokenSigner.of(pair.getPrivate(), pair.getPublic()).withClock(clock);
    final AtomicInteger keyLookups = new AtomicInteger();
    final AtomicInteger replayRecords = new AtomicInteger();
    private final ReplayCache realReplay = CaffeineReplayCache.create(clock, 10_000);
    volatile boolean replayStoreDown;
    private final KeySet keys;

    Fixture() {
        this(KeyRestrictions.UNRESTRICTED);
    }

    Fixture(KeyRestrictions restrictions) {
        this.keys = KeySet.of(TrustedKey.of(pair.getPublic()).withRestrictions(restrictions));
    }

    /** A verifier builder on this fixture's keys, clock and counting replay cache. */
    TokenVerifier.Builder verifier() {
        return TokenVerifier.builder()
                .keys(kid -> {
                    keyLookups.incrementAndGet();
                    return keys.resolve(kid);
                })
                .clock(clock)
                .replayCache(record -> {
                    if (replayStoreDown) {
                        throw new dev.bearerguard.core.VerifierUnavailableException("replay store down");
                    }
                    replayRecords.incrementAndGet();
                    return realReplay.record(record);
                });
    }

    /** A fresh, SDK-like API token with these scopes. */
    String token(String... scopes) {
        return signer.token().scopes(scopes).sign();
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }
}
