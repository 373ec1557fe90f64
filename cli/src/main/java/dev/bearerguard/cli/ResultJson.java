package dev.bearerguard.cli;

import dev.bearerguard.core.BearerError;
import dev.bearerguard.core.EmbedPins;
import dev.bearerguard.core.VerifiedToken;
import dev.bearerguard.core.json.JsonWriter;

/**
 * Writes the one-line JSON verdicts of {@code verify}:
 *
 * <pre>
 * {"decision":"accept","kid":…,"iss":…,"jti":…,"scopes":[…],"embed":{…}|null,"checkout_session_id":…|null}
 * {"decision":"reject","error":"invalid_token","reason":"expired","description":"token expired"}
 * </pre>
 *
 * <p>A rejection carries only the library's own description (never the token or a claim value);
 * an {@code insufficient_scope} rejection adds the {@code scope} array the request needed.
 * Stateless and thread-safe; the caller owns the builder.
 */
final class ResultJson {

    private ResultJson() {
    }

    /** Appends the accept line (without line break) for {@code token} to {@code sb}. */
    static void accept(StringBuilder sb, VerifiedToken token) {
        sb.append("{\"decision\":\"accept\",\"kid\":");
        JsonWriter.string(sb, token.kid());
        sb.append(",\"iss\":");
        JsonWriter.write(sb, token.issuer().orElse(null));
        sb.append(",\"jti\":");
        JsonWriter.write(sb, token.jti().orElse(null));
        sb.append(",\"scopes\":");
        JsonWriter.write(sb, token.scopes().declared());
        sb.append(",\"embed\":");
        JsonWriter.write(sb, token.embed().map(EmbedPins::all).orElse(null));
        sb.append(",\"checkout_session_id\":");
        JsonWriter.write(sb, token.checkoutSessionId().orElse(null));
        sb.append('}');
    }

    /** Appends the reject line (without line break) for {@code error} to {@code sb}. */
    static void reject(StringBuilder sb, BearerError error) {
        sb.append("{\"decision\":\"reject\",\"error\":");
        JsonWriter.write(sb, error.code().value());
        sb.append(",\"reason\":");
        JsonWriter.string(sb, error.reason().value());
        sb.append(",\"description\":");
        JsonWriter.string(sb, error.description());
        if (!error.scopes().isEmpty()) {
            sb.append(",\"scope\":");
            JsonWriter.write(sb, error.scopes());
        }
        sb.append('}');
    }

    /** Appends a line for a token the verifier could not decide on (a server fault, not the token's). */
    static void error(StringBuilder sb, String description) {
        sb.append("{\"decision\":\"error\",\"description\":");
        JsonWriter.string(sb, description);
        sb.append('}');
    }
}
