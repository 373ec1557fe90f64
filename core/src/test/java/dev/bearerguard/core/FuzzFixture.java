package dev.bearerguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.core.internal.Base64Url;
import dev.bearerguard.core.keys.JwkThumbprint;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.replay.CaffeineReplayCache;
import dev.bearerguard.test.PemKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the core fuzz tests share: one fixed P-521 key (the committed test key {@code
 * keys/pkcs8-p521.pem}, so committed seed tokens verify in every run), a fixed clock, verifiers
 * built on them, the {@link ContractReference} with the same configuration, and {@link #judge}:
 * the properties every verified input must have.
 *
 * <p>Not a singleton: each fuzz test class makes one, and its replay caches are its own.
 * Thread-safe as far as the verifiers are (Jazzer calls a target from one thread).
 */
final class FuzzFixture {

    /** The instant the fixed clock shows. */
    static final Instant NOW = Instant.parse("2030-01-15T12:00:00Z");
    static final long T = NOW.getEpochSecond();
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final PrivateKey PRIVATE = PemKeys.readPrivateKey(resource("/keys/pkcs8-p521.pem"));
    static final PublicKey PUBLIC = PemKeys.publicKeyOf(PRIVATE);
    static final String KID = JwkThumbprint.of(PUBLIC);

    /** The default verifier, as a deployment builds it (ES512, 60 s skew, single-use replay). */
    final TokenVerifier verifier = builder().build();
    /** The same with the verified-token cache on: it must decide every input alike. */
    final TokenVerifier cached = builder().verifiedTokenCache(1_000).build();
    /** The reference reading of the contract with the same keys, clock and limits. */
    final ContractReference reference = new ContractReference(new ContractReference.Config(
            Map.of(KID, PUBLIC), Set.of("ES512"), NOW, Duration.ofSeconds(60), 8192, null));

    private static TokenVerifier.Builder builder() {
        return TokenVerifier.builder().keys(KeySet.of(TrustedKey.of(PUBLIC))).clock(CLOCK)
                .replayCache(CaffeineReplayCache.create(CLOCK, CaffeineReplayCache.DEFAULT_MAXIMUM_SIZE));
    }

    /** The header the field's SDKs send, with the fixed key's kid. */
    static String header() {
        return "{\"alg\":\"ES512\",\"typ\":\"JWT\",\"kid\":\"" + KID + "\"}";
    }

    /** SDK-like claims valid at {@link #NOW}. */
    static String claims(String jti) {
        return "{\"iss\":\"gr4vy-java/1.2.3\",\"nbf\":" + T + ",\"iat\":" + T + ",\"exp\":" + (T + 60)
                + ",\"jti\":\"" + jti + "\",\"scopes\":[\"*.read\",\"*.write\"]}";
    }

    /** Signs header and claims bytes as they are (ES512 with the fixed key). */
    static String sign(byte[] header, byte[] claims) {
        String input = signingInput(header, claims);
        try {
            Signature s = Signature.getInstance("SHA512withECDSAinP1363Format");
            s.initSign(PRIVATE);
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64Url.encode(s.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(String header, String claims) {
        return sign(header.getBytes(StandardCharsets.UTF_8), claims.getBytes(StandardCharsets.UTF_8));
    }

    static String signingInput(byte[] header, byte[] claims) {
        return Base64Url.encode(header) + "." + Base64Url.encode(claims);
    }

    /** What {@link #judge} saw. */
    record Outcome(VerifiedToken token, TokenRejectedException rejection, ContractReference.Verdict reference) {
        boolean accepted() {
            return token != null;
        }
    }

    /**
     * Verifies {@code token} with both verifiers and the reference and checks the properties:
     * <ol>
     *   <li>nothing is thrown but {@link TokenRejectedException} or {@link
     *       VerifierUnavailableException} (anything else leaves this method: a finding);</li>
     *   <li>an accepted token is one the reference accepts, with the same {@code jti}, {@code iss},
     *       {@code exp} and scopes;</li>
     *   <li>a refused token the reference accepts is refused only for the listed intended reasons
     *       ({@link #intendedStricter});</li>
     *   <li>the verified-token cache changes no decision;</li>
     *   <li>a refusal never echoes the token's payload or signature.</li>
     * </ol>
     */
    Outcome judge(String token) {
        return judge(token, false);
    }

    /** As {@link #judge(String)} for a token the test signed just now with the fixed key. */
    Outcome judgeSigned(String token) {
        return judge(token, true);
    }

    private Outcome judge(String token, boolean signedJustNow) {
        Outcome plain = verify(verifier, token);
        Outcome viaCache = verify(cached, token);
        assertThat(decision(viaCache)).as("the verified-token cache decides alike").isEqualTo(decision(plain));
        ContractReference.Verdict ref = reference.check(token, signedJustNow);
        if (plain.accepted()) {
            assertThat(ref.accepted()).as("accepted a token the reference refuses (%s)", ref.refusal()).isTrue();
            VerifiedToken t = plain.token();
            assertThat(t.jti()).contains(ref.claims().get("jti").textValue());
            assertThat(t.issuer()).contains(ref.claims().get("iss").textValue());
            assertThat(t.expiresAt().getEpochSecond())
                    .isEqualTo(ref.claims().get("exp").decimalValue().longValue());
            assertThat(t.scopes().declared()).hasSize(ref.claims().get("scopes").size());
        } else if (ref.accepted() && plain.rejection() != null) {
            assertThat(intendedStricter(plain.rejection()))
                    .as("refused (%s) a token the reference accepts", plain.rejection().error()).isTrue();
        }
        if (plain.rejection() != null) {
            String description = plain.rejection().error().description();
            for (String segment : token.split("\\.")) {
                if (segment.length() >= 16) {
                    assertThat(description).doesNotContain(segment);
                }
            }
        }
        return new Outcome(plain.token(), plain.rejection(), ref);
    }

    /**
     * Where the verifier is stricter than the reference on purpose: replay (the reference is
     * stateless) and numbers past {@code StrictJson}'s bounds (256 significant digits, scale
     * ±1000, 2048 characters), which the reference's Jackson still reads.
     */
    static boolean intendedStricter(TokenRejectedException e) {
        return e.reason() == Reason.REPLAYED
                || (e.reason() == Reason.MALFORMED && e.error().description().contains("JSON number"));
    }

    private static Outcome verify(TokenVerifier v, String token) {
        try {
            return new Outcome(v.verify(token), null, null);
        } catch (TokenRejectedException e) {
            assertThat(e.reason()).isNotNull();
            assertThat(e.error().httpStatus()).isIn(400, 401);
            return new Outcome(null, e, null);
        } catch (VerifierUnavailableException e) {
            return new Outcome(null, null, null);
        }
    }

    private static String decision(Outcome o) {
        return o.accepted() ? "accepted" : o.rejection() == null ? "unavailable" : o.rejection().reason().value();
    }

    static String resource(String name) {
        try (InputStream in = Objects.requireNonNull(FuzzFixture.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
