package dev.bearerguard.core.internal.pipeline;

import dev.bearerguard.core.Algorithm;
import dev.bearerguard.core.BearerError;
import dev.bearerguard.core.EmbedPins;
import dev.bearerguard.core.Reason;
import dev.bearerguard.core.TokenRejectedException;
import dev.bearerguard.core.internal.Base64Url;
import dev.bearerguard.core.json.StrictJson;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.scope.GrantedScopes;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * What the pipeline has learnt about one token so far: the token and the moment it is judged at,
 * then whatever each step reads (the header, the key, the claims, the times …). Each step fills its
 * part; later steps and {@code TokenVerifier} read it. Mutable, for one verification on one thread.
 */
public final class TokenState {

    /** The token text, untrusted. */
    public final String token;
    /** The moment the token is judged at (read once from the verifier's clock). */
    public final Instant now;

    // shape
    int dot1 = -1;
    int dot2 = -1;
    boolean shapeOk;

    // header
    String headerText;
    Map<String, Object> header;
    Algorithm algorithm;
    String kid;
    boolean headerOk;

    // key
    TrustedKey key;

    // claims
    String claimsText;
    Map<String, Object> claims;

    // times
    Instant expiresAt;
    Instant notBefore;
    Instant issuedAt;
    boolean timesRead;

    // profile claims
    String issuer;
    String jti;
    GrantedScopes scopes = GrantedScopes.NONE;
    EmbedPins embed;
    String checkoutSessionId;
    boolean profileOk;

    // signature
    int signatureLength = -1;
    boolean signatureOk;
    long fingerprint;

    // unverified identifiers, for log lines of a refusal
    String kidForLog;
    String jtiForLog;
    String issForLog;

    /**
     * @param token the token text
     * @param now   the moment it is judged at
     */
    public TokenState(String token, Instant now) {
        this.token = token;
        this.now = now;
    }

    /**
     * A state for a token that passed every step before (the verified-token cache): key, times,
     * identifiers, scopes and fingerprint known, so only the steps that can change their answer
     * (the window, the replay record) run again.
     */
    public static TokenState ofVerified(String token, Instant now, TrustedKey key, String jti, String issuer,
            Instant notBefore, Instant expiresAt, Instant issuedAt, GrantedScopes scopes, long fingerprint) {
        TokenState s = new TokenState(token, now);
        s.shapeOk = true;
        s.headerOk = true;
        s.key = key;
        s.kid = key.kid();
        s.kidForLog = key.kid();
        s.jti = jti;
        s.jtiForLog = jti;
        s.issuer = issuer;
        s.issForLog = issuer;
        s.notBefore = notBefore;
        s.expiresAt = expiresAt;
        s.issuedAt = issuedAt;
        s.timesRead = true;
        s.scopes = scopes;
        s.profileOk = true;
        s.signatureOk = true;
        s.fingerprint = fingerprint;
        return s;
    }

    /** A refusal for {@code problem}, naming the token by what was read of it. */
    public TokenRejectedException reject(Problem problem) {
        return new TokenRejectedException(BearerError.of(problem.reason(), problem.description()),
                kidForLog, jtiForLog, issForLog);
    }

    /** The ASCII bytes of {@code header.payload}, the JWS signing input. */
    byte[] signingInput() {
        return token.substring(0, dot2).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Parses a segment that {@link ShapeCheck} found strict base64url as a strict JSON object in
     * UTF-8.
     *
     * @param what "header" or "claims", for the problem's description
     * @param out  receives the problem when the segment is not such an object
     * @return the object, or null after storing the problem in {@code out[0]}
     */
    Map<String, Object> segmentObject(int from, int to, String what, Problem[] out) {
        byte[] bytes;
        try {
            bytes = Base64Url.decode(token, from, to);
        } catch (IllegalArgumentException e) {
            out[0] = new Problem(Reason.MALFORMED, what + " is not canonical base64url");
            return null;
        }
        String text = null;
        for (byte x : bytes) {
            if (x < 0) {
                try {
                    text = StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes)).toString();
                } catch (CharacterCodingException e) {
                    out[0] = new Problem(Reason.MALFORMED, what + " is not UTF-8");
                    return null;
                }
                break;
            }
        }
        if (text == null) {
            // Pure ASCII (the usual case) is valid UTF-8 as it stands: skip the decoder.
            text = new String(bytes, StandardCharsets.US_ASCII);
        }
        if ("header".equals(what)) {
            headerText = text;
        } else {
            claimsText = text;
        }
        try {
            return StrictJson.parseObject(text);
        } catch (StrictJson.JsonException e) {
            out[0] = new Problem(Reason.MALFORMED, what + " is not a strict JSON object (" + e.getMessage() + ")");
            return null;
        }
    }

    // -- read by TokenVerifier and explain ---------------------------------------------------------

    /** The header as parsed, or null. */
    public Map<String, Object> header() {
        return header;
    }

    /** The header as decoded text (for display), or null. */
    public String headerText() {
        return headerText;
    }

    /** The claims as parsed, or null. */
    public Map<String, Object> claims() {
        return claims;
    }

    /** The claims as decoded text (for display), or null. */
    public String claimsText() {
        return claimsText;
    }

    /** The header's algorithm if known and allowed, or null. */
    public Algorithm algorithm() {
        return algorithm;
    }

    /** The trusted key the {@code kid} named, or null. */
    public TrustedKey key() {
        return key;
    }

    /** {@code exp}, or null if not (yet) read. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** {@code nbf}, or null. */
    public Instant notBefore() {
        return notBefore;
    }

    /** {@code iat}, or null. */
    public Instant issuedAt() {
        return issuedAt;
    }

    /** {@code iss}, or null. */
    public String issuer() {
        return issuer;
    }

    /** {@code jti}, or null. */
    public String jti() {
        return jti;
    }

    /** What the scopes grant. */
    public GrantedScopes scopes() {
        return scopes;
    }

    /** The embed pins, or null. */
    public EmbedPins embed() {
        return embed;
    }

    /** {@code checkout_session_id}, or null. */
    public String checkoutSessionId() {
        return checkoutSessionId;
    }

    /** The decoded signature's length in bytes, or -1 if not decoded. */
    public int signatureLength() {
        return signatureLength;
    }

    /** The replay fingerprint (set by the signature step). */
    public long fingerprint() {
        return fingerprint;
    }

    /** The header's {@code kid} when it is a string, for display, or null. */
    public String kidAsWritten() {
        return kidForLog;
    }
}
