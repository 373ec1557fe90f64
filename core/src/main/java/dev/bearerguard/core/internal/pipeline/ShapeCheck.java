package dev.bearerguard.core.internal.pipeline;

import dev.bearerguard.core.Reason;
import dev.bearerguard.core.internal.Base64Url;

/**
 * Size and shape, before any decoding: not empty, at most {@code maxTokenSize} characters, three
 * non-empty segments of strict base64url (RFC 7515: no padding, no {@code +} or {@code /}, no
 * whitespace). Every other step needs it.
 */
public final class ShapeCheck implements Check {

    private final int maxTokenSize;

    /** @param maxTokenSize the longest token accepted, in characters */
    public ShapeCheck(int maxTokenSize) {
        this.maxTokenSize = maxTokenSize;
    }

    @Override
    public String name() {
        return "shape";
    }

    @Override
    public boolean canRun(TokenState s) {
        return true;
    }

    @Override
    public String whyNot(TokenState s) {
        return "";
    }

    @Override
    public Problem run(TokenState s) {
        String token = s.token;
        if (token == null || token.isEmpty()) {
            return new Problem(Reason.MALFORMED, "token is empty");
        }
        if (token.length() > maxTokenSize) {
            return new Problem(Reason.TOO_LARGE, "token is longer than " + maxTokenSize + " characters");
        }
        int dot1 = token.indexOf('.');
        int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
        if (dot1 <= 0 || dot2 < 0 || token.indexOf('.', dot2 + 1) >= 0) {
            return new Problem(Reason.MALFORMED, "token is not three dot-separated segments");
        }
        if (dot2 == dot1 + 1 || dot2 == token.length() - 1) {
            return new Problem(Reason.MALFORMED, "token has an empty segment");
        }
        if (!Base64Url.isStrict(token, 0, dot1) || !Base64Url.isStrict(token, dot1 + 1, dot2)
                || !Base64Url.isStrict(token, dot2 + 1, token.length())) {
            return new Problem(Reason.MALFORMED, "token segments are not strict base64url");
        }
        s.dot1 = dot1;
        s.dot2 = dot2;
        s.shapeOk = true;
        return null;
    }

    @Override
    public String passed(TokenState s) {
        return "three strict base64url segments, " + s.token.length() + " characters";
    }
}
