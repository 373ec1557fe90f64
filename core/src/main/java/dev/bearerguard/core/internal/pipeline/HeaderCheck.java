package dev.bearerguard.core.internal.pipeline;

import dev.bearerguard.core.Algorithm;
import dev.bearerguard.core.Reason;
import java.util.Set;

/**
 * The JOSE header: a strict JSON object whose {@code typ} is {@code JWT} (any case), without
 * {@code crit}, whose {@code alg} is on the allow-list and whose {@code kid} is a non-empty string.
 * {@code jku}, {@code jwk}, {@code x5u} and {@code x5c} are never read.
 */
public final class HeaderCheck implements Check {

    private final Set<Algorithm> algorithms;

    /** @param algorithms the allowed algorithms */
    public HeaderCheck(Set<Algorithm> algorithms) {
        this.algorithms = Set.copyOf(algorithms);
    }

    @Override
    public String name() {
        return "header";
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
        var header = s.segmentObject(0, s.dot1, "header", p);
        if (header == null) {
            return p[0];
        }
        s.header = header;
        if (header.get("kid") instanceof String k) {
            s.kidForLog = k;
        }
        Object typ = header.get("typ");
        if (typ == null) {
            return new Problem(Reason.MALFORMED, "typ header is missing");
        }
        if (!(typ instanceof String t) || !t.equalsIgnoreCase("JWT")) {
            return new Problem(Reason.MALFORMED, "typ header is not JWT");
        }
        if (header.containsKey("crit")) {
            return new Problem(Reason.MALFORMED, "crit header is not supported");
        }
        if (!(header.get("alg") instanceof String algName)) {
            return new Problem(Reason.MALFORMED, "alg header is missing");
        }
        Algorithm alg = Algorithm.fromJoseName(algName).orElse(null);
        if (alg == null || !algorithms.contains(alg)) {
            return new Problem(Reason.UNSUPPORTED_ALGORITHM, "algorithm is not allowed");
        }
        s.algorithm = alg;
        if (!(header.get("kid") instanceof String kid) || kid.isEmpty()) {
            return new Problem(Reason.MALFORMED, "kid header is missing");
        }
        s.kid = kid;
        s.headerOk = true;
        return null;
    }

    @Override
    public String passed(TokenState s) {
        return "typ JWT, alg " + s.algorithm + " is allowed, kid present";
    }
}
