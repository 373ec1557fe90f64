package dev.bearerguard.sample;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The opaque OAuth2 access tokens of {@code POST /oauth/token} (client credentials), kept in memory
 * until they expire. Thread-safe.
 */
final class AccessTokens {

    /** How long an access token lives. */
    static final Duration LIFETIME = Duration.ofHours(1);

    /** What an access token stands for. */
    record Grant(String clientId, Instant expiresAt) {
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();

    AccessTokens(Clock clock) {
        this.clock = clock;
    }

    /** A new access token for {@code clientId}. */
    String issue(String clientId) {
        Instant now = clock.instant();
        grants.values().removeIf(g -> !g.expiresAt().isAfter(now));
        byte[] b = new byte[32];
        random.nextBytes(b);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        grants.put(token, new Grant(clientId, now.plus(LIFETIME)));
        return token;
    }

    /** The grant of a live access token. */
    Optional<Grant> lookup(String token) {
        Grant g = grants.get(token);
        return g == null || !g.expiresAt().isAfter(clock.instant()) ? Optional.empty() : Optional.of(g);
    }
}
