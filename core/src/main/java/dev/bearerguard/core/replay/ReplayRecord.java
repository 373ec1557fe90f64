package dev.bearerguard.core.replay;

import java.time.Instant;
import java.util.Objects;

/**
 * What the verifier asks a {@link ReplayCache} to remember about one accepted token: its {@code
 * jti}, which token it is, which key signed it, and until when the time check would accept it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param jti         the token's {@code jti} (untrusted text, any length the token allowed)
 * @param kid         the {@code kid} of the trusted key that verified the token; stores that share
 *                    their room fairly between keys count by it
 * @param fingerprint a 64-bit digest of what the signer decided — the signing input
 *                    ({@code header.claims}) and the key — so a token whose signature was rewritten
 *                    ({@code s → n − s}) is the same token, and a token with other header or claims
 *                    is another one
 * @param validFrom   the first instant at which the time check accepts the token: its {@code nbf}
 *                    in whole seconds minus the clock skew; {@link Instant#EPOCH} when the token
 *                    has no {@code nbf} (an {@code iat} bounds nothing: a future {@code iat} is no
 *                    error). No instance can have accepted the token before it, so a store that
 *                    lost its data at some moment can vouch for the tokens valid from after it
 * @param until       the end of the window in which the time check accepts the token ({@code exp}
 *                    rounded up to a whole second, plus the clock skew): the record must last at
 *                    least until then, and a store whose clock is already at or past it answers
 *                    {@link ReplayCache.Outcome#EXPIRED} without recording
 * @param singleUse   whether the replay policy accepts this token only once ({@code false} for
 *                    embed and checkout tokens under the default policy)
 */
public record ReplayRecord(String jti, String kid, long fingerprint, Instant validFrom, Instant until,
        boolean singleUse) {

    /** @throws NullPointerException if a reference is null */
    public ReplayRecord {
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(until, "until");
    }

    /** {@code toString} names the record by {@code kid} and its times; the {@code jti} is left out of it. */
    @Override
    public String toString() {
        return "ReplayRecord[kid=" + kid + ", validFrom=" + validFrom + ", until=" + until + ", singleUse=" + singleUse + "]";
    }
}
