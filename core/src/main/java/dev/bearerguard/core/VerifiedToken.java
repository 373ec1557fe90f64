package dev.bearerguard.core;

import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.scope.GrantedScopes;
import dev.bearerguard.core.scope.ScopeRequirement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A token that passed every check: its identity, time window, what it grants, and every claim for
 * the application. Only a {@link TokenVerifier} makes one.
 *
 * <p>Immutable and thread-safe. {@link #toString()} names the token by {@code kid}, {@code jti} and
 * {@code iss} only.
 */
public final class VerifiedToken {

    /** The value {@link #claims()} holds for a JSON {@code null} (maps here never hold Java null). */
    public static final Object JSON_NULL = dev.bearerguard.core.json.StrictJson.NULL;

    private final TokenProfile profile;
    private final TrustedKey key;
    private final Algorithm algorithm;
    private final String issuer;
    private final String jti;
    private final Instant notBefore;
    private final Instant expiresAt;
    private final Instant issuedAt;
    private final GrantedScopes scopes;
    private final EmbedPins embed;
    private final String checkoutSessionId;
    private final Map<String, Object> claims;
    private final long fingerprint;
    private final TokenVerifier verifier;

    VerifiedToken(TokenProfile profile, TrustedKey key, Algorithm algorithm, String issuer, String jti,
            Instant notBefore, Instant expiresAt, Instant issuedAt, GrantedScopes scopes, EmbedPins embed,
            String checkoutSessionId, Map<String, Object> claims, long fingerprint, TokenVerifier verifier) {
        this.profile = profile;
        this.key = key;
        this.algorithm = algorithm;
        this.issuer = issuer;
        this.jti = jti;
        this.notBefore = notBefore;
        this.expiresAt = expiresAt;
        this.issuedAt = issuedAt;
        this.scopes = scopes;
        this.embed = embed;
        this.checkoutSessionId = checkoutSessionId;
        this.claims = claims;
        this.fingerprint = fingerprint;
        this.verifier = verifier;
    }

    /**
     * Whether {@code verifier} is the one that verified this token. An adapter that finds a token
     * already verified for the request (the servlet filter in front of the JAX-RS feature) reuses it
     * only if it came from the adapter's own verifier: a token verified under another profile, key
     * set or issuer list must be judged again.
     */
    public boolean verifiedBy(TokenVerifier verifier) {
        return this.verifier == verifier;
    }

    /** The profile the token was verified under. */
    public TokenProfile profile() {
        return profile;
    }

    /** The {@code kid} of the key that signed it. */
    public String kid() {
        return key.kid();
    }

    /** The key that signed it, with its restrictions. */
    public TrustedKey key() {
        return key;
    }

    /** The algorithm it was signed with. */
    public Algorithm algorithm() {
        return algorithm;
    }

    /** The {@code iss} claim; always present for API tokens. */
    public Optional<String> issuer() {
        return Optional.ofNullable(issuer);
    }

    /** The {@code jti} claim; always present for API tokens. */
    public Optional<String> jti() {
        return Optional.ofNullable(jti);
    }

    /** The {@code nbf} claim; always present for API tokens. */
    public Optional<Instant> notBefore() {
        return Optional.ofNullable(notBefore);
    }

    /** The {@code exp} claim. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** The {@code iat} claim, if present (informational). */
    public Optional<Instant> issuedAt() {
        return Optional.ofNullable(issuedAt);
    }

    /** What the token's scopes grant ({@link GrantedScopes#NONE} for checkout tokens). */
    public GrantedScopes scopes() {
        return scopes;
    }

    /** Whether the token grants {@code scope}. */
    public boolean grants(String scope) {
        return scopes.grants(scope);
    }

    /** Whether the token satisfies {@code requirement}. */
    public boolean satisfies(ScopeRequirement requirement) {
        return requirement.isSatisfiedBy(scopes);
    }

    /** The {@code embed} pins, if the token carries them. */
    public Optional<EmbedPins> embed() {
        return Optional.ofNullable(embed);
    }

    /**
     * Which buyer's data this token may see: its pinned buyer only, no buyer at all for an
     * {@code embed} token that pins none, else unrestricted (see {@link BuyerAccess}).
     */
    public BuyerAccess buyerAccess() {
        return BuyerAccess.of(this);
    }

    /**
     * A string naming this token for per-token state (rate-limit buckets, what a token created):
     * the {@code kid} of its key and its {@code jti}, or, for a token without {@code jti}, its
     * {@link #fingerprint()}. Two tokens of one key with the same {@code jti} share it (the replay
     * policy normally refuses the second). Unambiguous (the {@code kid} is length-prefixed); not a
     * secret, but it holds claim values: do not log it.
     */
    public String identity() {
        String kid = key.kid();
        return kid.length() + ":" + kid + (jti != null ? ":" + jti : "#" + Long.toHexString(fingerprint));
    }

    /** The {@code checkout_session_id} claim, if present. */
    public Optional<String> checkoutSessionId() {
        return Optional.ofNullable(checkoutSessionId);
    }

    /**
     * Every claim, as parsed (read-only): objects as {@code Map}, arrays as {@code List}, strings,
     * {@code Long}/{@code BigInteger}/{@code BigDecimal} numbers, {@code Boolean}, and {@link
     * #JSON_NULL} for JSON null.
     */
    public Map<String, Object> claims() {
        return claims;
    }

    /** A claim by name. */
    public Optional<Object> claim(String name) {
        return Optional.ofNullable(claims.get(name));
    }

    /** A claim by name, if it is a string. */
    public Optional<String> stringClaim(String name) {
        return claims.get(name) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /**
     * A 64-bit digest of what the signer decided — the signing input and the key ({@link
     * TrustedKey#fingerprint}) — telling two tokens apart in the replay cache; a copy whose
     * signature was rewritten without the key has the same one. Not a secret and not a security
     * boundary on its own.
     */
    public long fingerprint() {
        return fingerprint;
    }

    /** The token's identifiers for a log line, {@code kid=… jti=… iss=…}, through {@link Sanitizer#ids}. */
    public String toLogString() {
        return Sanitizer.ids(key.kid(), jti, issuer);
    }

    @Override
    public String toString() {
        return "VerifiedToken[kid=" + key.kid() + ", jti=" + jti + ", iss=" + issuer + ", profile=" + profile + "]";
    }
}
