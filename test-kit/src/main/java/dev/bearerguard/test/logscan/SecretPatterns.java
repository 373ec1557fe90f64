package dev.bearerguard.test.logscan;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What must never appear in a log line: a compact JWS, an ES512 signature on its own, a private key
 * (PEM, or a JWK's private member), and the sample's demo OAuth client secret (plain or in a Basic
 * credential). Stateless and thread-safe.
 */
public final class SecretPatterns {

    /** One kind of secret and how to recognise it. */
    public record Kind(String name, Pattern pattern) {
    }

    /** Every kind checked, in order. */
    public static final List<Kind> KINDS = List.of(
            new Kind("compact JWS", Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.eyJ[A-Za-z0-9_-]*\\.?[A-Za-z0-9_-]*")),
            new Kind("ES512 signature", Pattern.compile("(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{176}(?![A-Za-z0-9_-])")),
            new Kind("private key (PEM)", Pattern.compile("PRIVATE KEY")),
            new Kind("private key (JWK d)", Pattern.compile("\"d\"\\s*:\\s*\"[A-Za-z0-9_-]{20,}")),
            new Kind("client secret", Pattern.compile("demo-secret|ZGVtby1jbGllbnQ6ZGVtby1zZWNyZXQ")));

    private SecretPatterns() {
    }

    /** The first kind of secret {@code line} holds, if any. */
    public static Optional<Kind> find(CharSequence line) {
        for (Kind k : KINDS) {
            if (k.pattern().matcher(line).find()) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
