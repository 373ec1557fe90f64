package dev.bearerguard.core.internal.pipeline;

import dev.bearerguard.core.Reason;
import dev.bearerguard.core.TokenProfile;
import dev.bearerguard.core.replay.ReplayCache;
import dev.bearerguard.core.replay.ReplayPolicy;
import dev.bearerguard.core.replay.ReplayRecord;
import dev.bearerguard.core.scope.Scope;
import java.time.Instant;

/**
 * The replay record, last, so a forged or otherwise refused token never burns a real {@code jti}:
 * records the {@code jti} until the end of the time window ({@link TimeWindow#acceptedUntil}, the
 * same boundary the window step uses) and refuses a second use under the policy — single-use for
 * tokens without {@code embed}, reusable (but no other token may take the {@code jti}) for embed
 * and checkout tokens under the default. A store that cannot decide throws {@code
 * VerifierUnavailableException} (503). {@code explain} never runs it: it records nothing.
 */
public final class ReplayCheck implements Check {

    private final ReplayPolicy policy;
    private final ReplayCache cache;
    private final TimeWindow window;
    private final TokenProfile profile;

    /**
     * @param policy  when a {@code jti} may come back
     * @param cache   the replay store
     * @param window  the window rule (the record's end)
     * @param profile the claim profile (checkout tokens are reusable under the default policy)
     */
    public ReplayCheck(ReplayPolicy policy, ReplayCache cache, TimeWindow window, TokenProfile profile) {
        this.policy = policy;
        this.cache = cache;
        this.window = window;
        this.profile = profile;
    }

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public boolean explains() {
        return false;
    }

    @Override
    public boolean canRun(TokenState s) {
        return s.signatureOk;
    }

    @Override
    public String whyNot(TokenState s) {
        return "explain records no jti";
    }

    /** Whether the policy accepts this token more than once. */
    public boolean reusable(TokenState s) {
        return switch (policy) {
            case SINGLE_USE -> false;
            case DEFAULT -> profile == TokenProfile.CHECKOUT || s.scopes.declared().contains(Scope.EMBED);
            default -> true;
        };
    }

    @Override
    public Problem run(TokenState s) {
        if (policy == ReplayPolicy.OFF || s.jti == null) {
            return null;
        }
        boolean reusable = reusable(s);
        // The earliest instant the window accepted the token. Not iat: a future iat is no error, so
        // it bounds nothing; a token without nbf counts as valid since ever (a store that lost its
        // data then refuses it until it expires, when it is single-use).
        Instant validFrom = s.notBefore != null ? window.acceptedFrom(s.notBefore) : Instant.EPOCH;
        // The record lasts exactly as long as the time check accepts the token: one boundary for both.
        ReplayCache.Outcome outcome = cache.record(new ReplayRecord(s.jti, s.key.kid(), s.fingerprint, validFrom,
                window.acceptedUntil(s.expiresAt), !reusable));
        return switch (outcome) {
            case FIRST_USE -> null;
            case SAME_TOKEN -> reusable ? null : new Problem(Reason.REPLAYED, "token was already used");
            case OTHER_TOKEN -> new Problem(Reason.REPLAYED, "jti was already used by another token");
            case EXPIRED -> new Problem(Reason.EXPIRED, "token expired");
        };
    }

    @Override
    public String passed(TokenState s) {
        return "the jti is recorded";
    }
}
