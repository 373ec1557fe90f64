package dev.bearerguard.core.internal.pipeline;

/**
 * The claims set is a strict JSON object in UTF-8. Parsed after the key is known, so a token with
 * an unknown key costs no claims parsing.
 */
public final class ClaimsCheck implements Check {

    @Override
    public String name() {
        return "claims";
    }

    @Override
    public boolean canRun(TokenState s) {
        return s.shapeOk;
    }

    @Override
    public String whyNot(TokenState s) {
        return "the token's shape is broken";
    }

    @Override
    public Problem run(TokenState s) {
        Problem[] p = new Problem[1];
        var claims = s.segmentObject(s.dot1 + 1, s.dot2, "claims", p);
        if (claims == null) {
            return p[0];
        }
        s.claims = claims;
        if (claims.get("jti") instanceof String j) {
            s.jtiForLog = j;
        }
        if (claims.get("iss") instanceof String i) {
            s.issForLog = i;
        }
        return null;
    }

    @Override
    public String passed(TokenState s) {
        return "the claims are a strict JSON object";
    }
}
