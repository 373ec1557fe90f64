package dev.bearerguard.core;

import dev.bearerguard.core.internal.pipeline.TokenState;
import dev.bearerguard.core.keys.TrustedKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@link TokenVerifier#explain} found: a finding for every step of the verification pipeline,
 * in the order {@code verify} runs them, and what could be read of the token (header, claims,
 * times, the key its {@code kid} names) for a person to look at. The steps are the ones {@code
 * verify} runs, so {@link #accepted()} is true exactly when {@code verify} would accept the token
 * (the replay record aside: explaining records nothing), and the {@linkplain #firstProblem() first
 * problem} is the refusal {@code verify} would give.
 *
 * <p>Immutable and thread-safe. It holds claim values of an unverified token: show it to the person
 * explaining the token, never log it.
 */
public final class Explanation {

    private final List<Finding> findings;
    private final TokenState state;
    private final Duration clockSkew;
    private final TokenProfile profile;

    Explanation(List<Finding> findings, TokenState state, Duration clockSkew, TokenProfile profile) {
        this.findings = List.copyOf(findings);
        this.state = state;
        this.clockSkew = clockSkew;
        this.profile = profile;
    }

    /** Every finding, in pipeline order. */
    public List<Finding> findings() {
        return findings;
    }

    /** The failed and unavailable findings, in pipeline order. */
    public List<Finding> problems() {
        return findings.stream()
                .filter(f -> f.status() == Finding.Status.FAILED || f.status() == Finding.Status.UNAVAILABLE).toList();
    }

    /** Whether {@code verify} would accept the token (no failed or unavailable finding). */
    public boolean accepted() {
        return problems().isEmpty();
    }

    /** The first problem: what {@code verify} would refuse with (or be unavailable for). */
    public Optional<Finding> firstProblem() {
        return problems().stream().findFirst();
    }

    /** The header as decoded text, when the token had one to decode. */
    public Optional<String> headerText() {
        return Optional.ofNullable(state.headerText());
    }

    /** The claims as decoded text, when the token had them to decode. */
    public Optional<String> claimsText() {
        return Optional.ofNullable(state.claimsText());
    }

    /** The header, when it is a strict JSON object. */
    public Optional<Map<String, Object>> header() {
        return Optional.ofNullable(state.header());
    }

    /** The claims, when they are a strict JSON object. */
    public Optional<Map<String, Object>> claims() {
        return Optional.ofNullable(state.claims());
    }

    /** The decoded signature's length in bytes, when the signature step decoded it. */
    public OptionalInt signatureLength() {
        return state.signatureLength() < 0 ? OptionalInt.empty() : OptionalInt.of(state.signatureLength());
    }

    /** The header's algorithm, when it is one the verifier allows. */
    public Optional<Algorithm> algorithm() {
        return Optional.ofNullable(state.algorithm());
    }

    /** The trusted key the {@code kid} names, when there is one. */
    public Optional<TrustedKey> key() {
        return Optional.ofNullable(state.key());
    }

    /** {@code exp}, when it could be read. */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(state.expiresAt());
    }

    /** {@code nbf}, when present and readable. */
    public Optional<Instant> notBefore() {
        return Optional.ofNullable(state.notBefore());
    }

    /** {@code iat}, when present and readable. */
    public Optional<Instant> issuedAt() {
        return Optional.ofNullable(state.issuedAt());
    }

    /** The moment the token was judged at (the verifier's clock). */
    public Instant now() {
        return state.now;
    }

    /** The verifier's clock skew. */
    public Duration clockSkew() {
        return clockSkew;
    }

    /** The verifier's claim profile. */
    public TokenProfile profile() {
        return profile;
    }

    /** Findings one a line. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Explanation[");
        for (Finding f : findings) {
            sb.append("\n  ").append(f);
        }
        return sb.append("\n]").toString();
    }
}
