package dev.bearerguard.core.internal.pipeline;

import dev.bearerguard.core.Reason;
import dev.bearerguard.core.TokenProfile;
import java.util.Set;

/** The issuer allow-list, when one is configured: {@code iss} present and on it. */
public final class IssuerCheck implements Check {

    private final Set<String> issuers;
    private final TokenProfile profile;

    /**
     * @param issuers the accepted {@code iss} values; empty accepts any
     * @param profile the claim profile
     */
    public IssuerCheck(Set<String> issuers, TokenProfile profile) {
        this.issuers = Set.copyOf(issuers);
        this.profile = profile;
    }

    @Override
    public String name() {
        return "issuer";
    }

    @Override
    public boolean canRun(TokenState s) {
        if (s.claims == null) {
            return false;
        }
        Object iss = s.claims.get("iss");
        // A broken iss (and, for API tokens, a missing one) is the profile step's finding, not a second one here.
        return iss == null ? profile != TokenProfile.API : iss instanceof String;
    }

    @Override
    public String whyNot(TokenState s) {
        return s.claims == null ? "the claims could not be read" : "iss could not be read";
    }

    @Override
    public Problem run(TokenState s) {
        if (issuers.isEmpty()) {
            return null;
        }
        Object iss = s.claims.get("iss");
        if (iss == null) {
            return new Problem(Reason.MISSING_CLAIM, "iss claim is missing");
        }
        if (!issuers.contains(iss)) {
            return new Problem(Reason.UNTRUSTED_ISSUER, "issuer is not trusted");
        }
        return null;
    }

    @Override
    public String passed(TokenState s) {
        return issuers.isEmpty() ? "any issuer is accepted" : "the issuer is on the allow-list";
    }
}
