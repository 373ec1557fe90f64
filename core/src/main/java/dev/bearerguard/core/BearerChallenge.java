package dev.bearerguard.core;

import java.util.Objects;

/**
 * Writes the {@code WWW-Authenticate} header value for a bearer challenge (RFC 6750 §3). The one
 * place both adapters format it, so they answer identically.
 *
 * <p>Stateless and thread-safe.
 */
public final class BearerChallenge {

    private BearerChallenge() {
    }

    /**
     * Formats a challenge.
     *
     * <ul>
     *   <li>{@link ErrorCode#NO_CREDENTIALS}: {@code Bearer realm="…"} with no error attribute
     *       (RFC 6750 §3.1: "the resource server SHOULD NOT include an error code").</li>
     *   <li>otherwise: {@code Bearer realm="…", error="…", error_description="…"} and, for
     *       {@code insufficient_scope}, {@code scope="a b"}.</li>
     * </ul>
     *
     * @param realm the protection realm; may be empty (then no realm attribute is written)
     * @param error the error to describe
     * @return the header value
     * @throws IllegalArgumentException if the realm holds a character RFC 6750 forbids
     */
    public static String format(String realm, BearerError error) {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(error, "error");
        new BearerError(Reason.NO_CREDENTIALS, realm, java.util.List.of()); // validates the realm
        StringBuilder sb = new StringBuilder(96).append("Bearer");
        String sep = " ";
        if (!realm.isEmpty()) {
            sb.append(sep).append("realm=\"").append(realm).append('"');
            sep = ", ";
        }
        if (error.code() == ErrorCode.NO_CREDENTIALS) {
            return sb.toString();
        }
        sb.append(sep).append("error=\"").append(error.code().value()).append('"');
        if (!error.description().isEmpty()) {
            sb.append(", error_description=\"").append(error.description()).append('"');
        }
        if (!error.scopes().isEmpty()) {
            sb.append(", scope=\"").append(String.join(" ", error.scopes())).append('"');
        }
        return sb.toString();
    }
}
