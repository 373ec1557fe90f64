package dev.bearerguard.core.internal.pipeline;

import dev.bearerguard.core.Reason;
import dev.bearerguard.core.TokenProfile;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The time window: {@code exp} (and for API tokens {@code nbf}) read as NumericDate seconds —
 * milliseconds, negative and overflowing values refused with their own reasons — then {@code exp}
 * after {@code nbf}, not expired, not before its time (both with the skew, by {@link TimeWindow}),
 * and the lifetime within the maximum when one is set. {@code iat} in the future is no error.
 */
public final class WindowCheck implements Check {

    /**
     * Time claims at or above this many seconds (10¹¹, the year 5138 — or 1973 read as
     * milliseconds) are refused as {@link Reason#TIMESTAMP_IN_MILLISECONDS}.
     */
    public static final long MILLIS_THRESHOLD = 100_000_000_000L;
    /** Time claims at or above this overflow when turned into milliseconds: {@link Reason#INVALID_CLAIM}. */
    public static final long OVERFLOW_THRESHOLD = Long.MAX_VALUE / 1000;

    private static final BigDecimal OVERFLOW = BigDecimal.valueOf(OVERFLOW_THRESHOLD);
    private static final BigDecimal MILLIS = BigDecimal.valueOf(MILLIS_THRESHOLD);

    private final TokenProfile profile;
    private final TimeWindow window;
    private final Duration maxLifetime;

    /**
     * @param profile     the claim profile ({@code nbf} is required for API tokens)
     * @param window      the window rule
     * @param maxLifetime the longest {@code exp - nbf} accepted, or null for no limit
     */
    public WindowCheck(TokenProfile profile, TimeWindow window, Duration maxLifetime) {
        this.profile = profile;
        this.window = window;
        this.maxLifetime = maxLifetime;
    }

    @Override
    public String name() {
        return "window";
    }

    @Override
    public boolean canRun(TokenState s) {
        return s.timesRead || s.claims != null;
    }

    @Override
    public String whyNot(TokenState s) {
        return "the claims could not be read";
    }

    @Override
    public Problem run(TokenState s) {
        if (!s.timesRead) {
            Problem p = readTimes(s);
            if (p != null) {
                return p;
            }
        }
        if (window.expired(s.now, s.expiresAt)) {
            return new Problem(Reason.EXPIRED, "token expired");
        }
        if (window.notYetValid(s.now, s.notBefore)) {
            return new Problem(Reason.NOT_YET_VALID, "token is not yet valid");
        }
        return null;
    }

    private Problem readTimes(TokenState s) {
        Map<String, Object> claims = s.claims;
        Object[] out = new Object[1];
        Problem p = time(claims, "exp", true, out);
        if (p != null) {
            return p;
        }
        Instant exp = (Instant) out[0];
        p = time(claims, "nbf", profile == TokenProfile.API, out);
        if (p != null) {
            return p;
        }
        Instant nbf = (Instant) out[0];
        p = time(claims, "iat", false, out);
        if (p != null) {
            return p;
        }
        Instant iat = (Instant) out[0];
        s.expiresAt = exp;
        s.notBefore = nbf;
        s.issuedAt = iat;
        s.timesRead = true;
        if (nbf != null && !exp.isAfter(nbf)) {
            return new Problem(Reason.INVALID_CLAIM, "exp is not after nbf");
        }
        if (maxLifetime != null) {
            Instant start = nbf != null ? nbf : iat;
            if (start == null) {
                return new Problem(Reason.MISSING_CLAIM, "nbf or iat is required to check the token lifetime");
            }
            if (Duration.between(start, exp).compareTo(maxLifetime) > 0) {
                return new Problem(Reason.LIFETIME_TOO_LONG, "token lifetime exceeds " + maxLifetime.getSeconds() + " s");
            }
        }
        return null;
    }

    /** Reads a NumericDate claim (RFC 7519 §2) into {@code out[0]} (null when absent and optional). */
    private static Problem time(Map<String, Object> claims, String name, boolean required, Object[] out) {
        out[0] = null;
        Object v = claims.get(name);
        if (v == null) {
            return required ? new Problem(Reason.MISSING_CLAIM, name + " claim is missing") : null;
        }
        if (!(v instanceof Number)) {
            return new Problem(Reason.INVALID_CLAIM, name + " claim is not a number");
        }
        if (v instanceof Long l) {
            // The field's SDKs send integers: the same checks, without BigDecimal (cheap refusals).
            if (l < 0) {
                return new Problem(Reason.INVALID_CLAIM, name + " claim is negative");
            }
            if (l >= OVERFLOW_THRESHOLD) {
                return new Problem(Reason.INVALID_CLAIM, name + " claim is out of range");
            }
            if (l >= MILLIS_THRESHOLD) {
                return new Problem(Reason.TIMESTAMP_IN_MILLISECONDS,
                        name + " claim looks like milliseconds; NumericDate is seconds");
            }
            out[0] = Instant.ofEpochSecond(l);
            return null;
        }
        BigDecimal d = v instanceof BigDecimal bd ? bd
                : v instanceof BigInteger bi ? new BigDecimal(bi) : BigDecimal.valueOf(((Number) v).longValue());
        if (d.signum() < 0) {
            return new Problem(Reason.INVALID_CLAIM, name + " claim is negative");
        }
        if (d.compareTo(OVERFLOW) >= 0) {
            return new Problem(Reason.INVALID_CLAIM, name + " claim is out of range");
        }
        if (d.compareTo(MILLIS) >= 0) {
            return new Problem(Reason.TIMESTAMP_IN_MILLISECONDS,
                    name + " claim looks like milliseconds; NumericDate is seconds");
        }
        long seconds = d.longValue();
        int nanos = d.subtract(BigDecimal.valueOf(seconds)).movePointRight(9).intValue();
        out[0] = Instant.ofEpochSecond(seconds, nanos);
        return null;
    }

    @Override
    public String passed(TokenState s) {
        return "valid now (exp " + s.expiresAt + (s.notBefore != null ? ", nbf " + s.notBefore : "") + ")";
    }
}
