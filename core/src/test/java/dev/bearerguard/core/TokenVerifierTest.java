package dev.bearerguard.core;

import dev.bearerguard.test.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bearerguard.core.internal.Base64Url;
import dev.bearerguard.core.keys.KeyResolver;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.replay.CaffeineReplayCache;
import dev.bearerguard.core.replay.ReplayCache;
import dev.bearerguard.core.replay.ReplayPolicy;
import dev.bearerguard.test.TokenSigner;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenVerifierTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final long T = NOW.getEpochSecond();

    final ManualClock clock = new ManualClock(NOW);
    final TokenSigner signer = TestKeys.signer().withClock(clock);

    TokenVerifier.Builder builder() {
        return TokenVerifier.builder().keys(TestKeys.keySet()).clock(clock);
    }

    TokenVerifier verifier() {
        return builder().build();
    }

    static Reason reasonOf(TokenVerifier v, String token) {
        try {
            v.verify(token);
            return null;
        } catch (TokenRejectedException e) {
            return e.reason();
        }
    }

    // --- acceptance -----------------------------------------------------------------------------

    @Test
    void verifyWhenSdkStyleTokenThenAcceptedWithEveryField() throws Exception {
        String token = signer.token().issuer("gr4vy-java/1.2.3").jti("6f3c2d4e-0000-4000-8000-000000000001")
                .scopes("*.read", "transactions.write").checkoutSessionId("cs-1")
                .claim("merchant_account_id", "default").sign();

        VerifiedToken v = verifier().verify(token);

        assertThat(v.kid()).isEqualTo(signer.kid());
        assertThat(v.issuer()).contains("gr4vy-java/1.2.3");
        assertThat(v.jti()).contains("6f3c2d4e-0000-4000-8000-000000000001");
        assertThat(v.notBefore()).contains(NOW);
        assertThat(v.issuedAt()).contains(NOW);
        assertThat(v.expiresAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(v.scopes().declared()).containsExactly("*.read", "transactions.write");
        assertThat(v.grants("buyers.billing-details.read")).isTrue();
        assertThat(v.grants("buyers.write")).isFalse();
        assertThat(v.checkoutSessionId()).contains("cs-1");
        assertThat(v.stringClaim("merchant_account_id")).contains("default");
        assertThat(v.algorithm()).isEqualTo(Algorithm.ES512);
        assertThat(v.toString()).doesNotContain(token);
    }

    @Test
    void verifyWhenHeaderMembersInAnyOrderAndTypLowerCaseThenAccepted() throws Exception {
        String token = signer.token().withoutHeader("alg").withoutHeader("typ")
                .header("typ", "jwt").header("alg", "ES512").sign();
        assertThat(verifier().verify(token).kid()).isEqualTo(signer.kid());
    }

    @Test
    void verifyWhenUnknownHeaderAndKeyUrlMembersThenIgnoredNotUsedToFindKey() throws Exception {
        String token = signer.token().header("jku", "https://attacker.example/jwks")
                .header("x5u", "https://attacker.example/cert").header("jwk", Map.of("kty", "EC")).sign();
        assertThat(verifier().verify(token)).isNotNull();
    }

    @Test
    void verifyWhenEmptyScopesThenValidTokenGrantingNothing() throws Exception {
        VerifiedToken v = verifier().verify(signer.token().scopes().sign());
        assertThat(v.scopes().declared()).isEmpty();
        assertThat(v.grants("transactions.read")).isFalse();
    }

    @Test
    void verifyWhenEmbedPinsThenTyped() throws Exception {
        String token = signer.token().scopes("embed").embed("amount", 1299).embed("currency", "USD")
                .embed("buyer_external_identifier", "user-1").embed("metadata", Map.of("k", "v"))
                .embed("connection_options", Map.of("x", 1)).sign();
        VerifiedToken v = verifier().verify(token);
        EmbedPins p = v.embed().orElseThrow();
        assertThat(p.amount()).contains(new BigDecimal(1299));
        assertThat(p.currency()).contains("USD");
        assertThat(p.buyerExternalIdentifier()).contains("user-1");
        assertThat(p.metadata()).contains(Map.of("k", "v"));
        assertThat(p.all()).containsKey("connection_options");
        assertThat(v.grants("embed")).isTrue();
        assertThat(v.grants("payment-options.read")).as("embed is its own scope").isFalse();
    }

    // --- size and shape --------------------------------------------------------------------------

    @Test
    void verifyWhenLongerThanMaxSizeThenTooLargeBeforeDecoding() {
        String huge = "a".repeat(8193);
        assertThat(reasonOf(verifier(), huge)).isEqualTo(Reason.TOO_LARGE);
        assertThat(reasonOf(builder().maxTokenSize(100).build(), signer.token().sign())).isEqualTo(Reason.TOO_LARGE);
    }

    static Stream<String> malformedTokens() {
        String good = TestKeys.signer().token().sign();
        String[] p = good.split("\\.");
        return Stream.of(
                "",
                "abc",
                p[0] + "." + p[1],
                p[0] + "." + p[1] + "." + p[2] + ".x",
                p[0] + ".." + p[2],
                p[0] + "." + p[1] + ".",
                "." + p[1] + "." + p[2],
                p[0] + "=." + p[1] + "." + p[2],
                p[0] + "." + p[1] + "." + p[2] + "==",
                p[0] + "." + p[1].replace('-', '+').replace('_', '/') + "+/." + p[2],
                p[0] + " ." + p[1] + "." + p[2],
                p[0] + "." + p[1] + "\n." + p[2],
                "e30." + p[1] + "." + p[2],  // {} header: no typ
                "bm90IGpzb24." + p[1] + "." + p[2]);  // "not json"
    }

    @ParameterizedTest
    @MethodSource("malformedTokens")
    void verifyWhenNotThreeStrictBase64UrlSegmentsOfJsonThenMalformed(String token) {
        assertThat(reasonOf(verifier(), token)).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void verifyWhenNullThenMalformed() {
        assertThat(reasonOf(verifier(), null)).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void verifyWhenNonCanonicalBase64TrailingBitsThenMalformed() {
        String token = signer.token().sign();
        String[] p = token.split("\\.");
        // The signature segment of 132 bytes is 176 chars, no remainder; tweak the header instead.
        String header = p[0];
        int rem = header.length() % 4;
        if (rem == 0) {
            return; // cannot be non-canonical
        }
        char last = header.charAt(header.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char tweaked = alphabet.charAt(alphabet.indexOf(last) | 1);
        if (tweaked == last) {
            return;
        }
        assertThat(reasonOf(verifier(), header.substring(0, header.length() - 1) + tweaked + "." + p[1] + "." + p[2]))
                .isEqualTo(Reason.MALFORMED);
    }

    static final String HEADER = "{\"alg\":\"ES512\",\"typ\":\"JWT\",\"kid\":\"%s\"}";

    String claimsJson() {
        return "{\"iss\":\"sdk\",\"nbf\":" + T + ",\"exp\":" + (T + 60) + ",\"jti\":\"j1\",\"scopes\":[\"*.read\"]}";
    }

    static Stream<Arguments> nonStrictJson() {
        return Stream.of(
                Arguments.of("duplicate member", (UnaryOperator<String>) c -> c.replace("{", "{\"jti\":\"x\",")),
                Arguments.of("comment", (UnaryOperator<String>) c -> c.replace("{", "{/*c*/")),
                Arguments.of("single quotes", (UnaryOperator<String>) c -> c.replace("\"iss\":\"sdk\"", "'iss':'sdk'")),
                Arguments.of("NaN", (UnaryOperator<String>) c -> c.replace("}", ",\"x\":NaN}")),
                Arguments.of("trailing data", (UnaryOperator<String>) c -> c + "{}"),
                Arguments.of("trailing comma", (UnaryOperator<String>) c -> c.replace("}", ",}")),
                Arguments.of("leading zero", (UnaryOperator<String>) c -> c.replace("}", ",\"x\":01}")),
                Arguments.of("deep nesting", (UnaryOperator<String>) c -> c.replace("}", ",\"x\":" + "[".repeat(40) + "]".repeat(40) + "}")),
                Arguments.of("array at top", (UnaryOperator<String>) c -> "[" + c + "]"),
                Arguments.of("unquoted name", (UnaryOperator<String>) c -> c.replace("\"iss\"", "iss")),
                Arguments.of("lone surrogate", (UnaryOperator<String>) c -> c.replace("\"sdk\"", "\"\\ud800\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonStrictJson")
    void verifyWhenClaimsAreNotStrictJsonThenMalformed(String name, UnaryOperator<String> mutate) {
        String token = TestKeys.rawEs512(HEADER.formatted(signer.kid()), mutate.apply(claimsJson()));
        assertThat(reasonOf(verifier(), token)).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void verifyWhenRawStrictTokenThenAccepted() throws Exception {
        String token = TestKeys.rawEs512(HEADER.formatted(signer.kid()), claimsJson());
        assertThat(verifier().verify(token).jti()).contains("j1");
    }

    @Test
    void verifyWhenHeaderHasDuplicateAlgThenMalformed() {
        String header = "{\"alg\":\"none\",\"alg\":\"ES512\",\"typ\":\"JWT\",\"kid\":\"" + signer.kid() + "\"}";
        assertThat(reasonOf(verifier(), TestKeys.rawEs512(header, claimsJson()))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void verifyWhenSignatureSegmentIsNonCanonicalThenMalformedNotACrash() {
        String token = signer.token().sign();
        String input = token.substring(0, token.lastIndexOf('.'));
        // "AB" decodes to one byte but its trailing bits are set: refused, with a typed reason.
        assertThat(reasonOf(verifier(), input + ".AB")).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void verifyWhenJsonHasBrokenUnicodeEscapesThenMalformedWithALegalDescription() {
        for (String bad : new String[] {"\\u12\"", "\\u12", "\\u\u0661\u0660\u0664\u0661\""}) {
            String header = "{\"typ\":\"JWT\",\"alg\":\"ES512\",\"kid\":\"" + signer.kid() + "\",\"x\":\"" + bad + "}";
            String token = TestKeys.rawEs512(header, claimsJson());
            assertThatThrownBy(() -> verifier().verify(token)).isInstanceOfSatisfying(TokenRejectedException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
        }
    }

    @Test
    void verifyWhenVerifiedTokenCacheAndFarFutureExpThenAcceptedNotOverflowing() throws Exception {
        TokenVerifier v = builder().verifiedTokenCache(10).replayPolicy(ReplayPolicy.REUSABLE).build();
        String token = signer.token().claim("exp", 9_999_999_999L).sign();
        assertThat(v.verify(token).expiresAt()).isEqualTo(Instant.ofEpochSecond(9_999_999_999L));
        assertThat(v.verify(token).expiresAt()).isEqualTo(Instant.ofEpochSecond(9_999_999_999L));
    }

    @Test
    void verifiedTokenKnowsWhichVerifierMadeIt() throws Exception {
        TokenVerifier a = builder().replayPolicy(ReplayPolicy.OFF).build();
        TokenVerifier b = builder().replayPolicy(ReplayPolicy.OFF).build();
        VerifiedToken t = a.verify(signer.token().sign());
        assertThat(t.verifiedBy(a)).isTrue();
        assertThat(t.verifiedBy(b)).isFalse();
    }

    @Test
    void verifyWhenClaimsAreNotUtf8ThenMalformed() {
        String input = Base64Url.encode(HEADER.formatted(signer.kid()).getBytes(StandardCharsets.UTF_8)) + "."
                + Base64Url.encode(new byte[] {'{', '"', (byte) 0xff, '"', ':', '1', '}'});
        assertThat(reasonOf(verifier(), input + ".AAAA")).isEqualTo(Reason.MALFORMED);
    }

    // --- header -----------------------------------------------------------------------------------

    @Test
    void verifyWhenTypMissingOrNotJwtThenMalformed() {
        assertThat(reasonOf(verifier(), signer.token().withoutHeader("typ").sign())).isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(verifier(), signer.token().header("typ", "at+jwt").sign())).isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(verifier(), signer.token().header("typ", 1).sign())).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void verifyWhenCritPresentEvenEmptyThenMalformed() {
        assertThat(reasonOf(verifier(), signer.token().header("crit", List.of()).sign())).isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(verifier(), signer.token().header("crit", List.of("exp")).sign())).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void verifyWhenAlgIsNoneOrHmacOrNotAllowedThenUnsupportedAlgorithm() {
        for (String alg : new String[] {"none", "HS256", "HS512", "ES256", "RS512", "es512", "ES512 "}) {
            String token = signer.token().header("alg", alg).sign();
            assertThat(reasonOf(verifier(), token)).as(alg).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
        }
    }

    @Test
    void verifyWhenAlgMissingThenMalformed() {
        assertThat(reasonOf(verifier(), signer.token().withoutHeader("alg").sign())).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void verifyWhenAlgAllowedButNotTheKeysThenUnsupportedAlgorithm() {
        TokenVerifier v = builder().algorithms(Algorithm.ES512, Algorithm.ES256).build();
        String token = signer.token().header("alg", "ES256").sign();
        assertThat(reasonOf(v, token)).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void verifyWhenKidMissingOrEmptyThenMalformed() {
        assertThat(reasonOf(verifier(), signer.token().withoutHeader("kid").sign())).isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(verifier(), signer.token().header("kid", "").sign())).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void verifyWhenKidUnknownThenUnknownKeyWithoutSignatureMath() {
        AtomicInteger lookups = new AtomicInteger();
        KeyResolver resolver = kid -> {
            lookups.incrementAndGet();
            return Optional.empty();
        };
        TokenVerifier v = builder().keys(resolver).build();
        String token = signer.token().sign();
        // A garbage signature: if the signature were checked first, the reason would differ.
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "A".repeat(176);
        assertThatThrownBy(() -> v.verify(forged)).isInstanceOfSatisfying(TokenRejectedException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY);
            assertThat(e.kid()).contains(signer.kid());
            assertThat(e.getMessage()).isEqualTo("unknown kid");
        });
        assertThat(lookups).hasValue(1);
    }

    @Test
    void verifyWhenKeyResolverIsDownThenVerifierUnavailableNotRejection() {
        KeyResolver down = kid -> {
            throw new VerifierUnavailableException("key server down");
        };
        assertThatThrownBy(() -> builder().keys(down).build().verify(signer.token().sign()))
                .isInstanceOf(VerifierUnavailableException.class);
    }

    // --- time window -------------------------------------------------------------------------------

    @Test
    void verifyWhenExpiredBeyondSkewThenExpired() {
        String token = signer.token().lifetime(Duration.ofSeconds(60)).sign();
        clock.advance(Duration.ofSeconds(60 + 60));
        assertThat(reasonOf(verifier(), token)).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void verifyWhenExpiredWithinSkewThenAccepted() {
        String token = signer.token().lifetime(Duration.ofSeconds(60)).sign();
        clock.advance(Duration.ofSeconds(60 + 59));
        assertThat(reasonOf(verifier(), token)).isNull();
    }

    @Test
    void verifyWhenSignerClockRunsAFewSecondsFastThenDefaultSkewAbsorbsIt() {
        String token = signer.token().notBefore(NOW.plusSeconds(5)).sign();
        assertThat(reasonOf(verifier(), token)).isNull();
    }

    @Test
    void verifyWhenNotYetValidBeyondSkewThenNotYetValid() {
        String token = signer.token().notBefore(NOW.plusSeconds(61)).sign();
        assertThat(reasonOf(verifier(), token)).isEqualTo(Reason.NOT_YET_VALID);
        assertThat(reasonOf(builder().clockSkew(Duration.ZERO).build(), signer.token().notBefore(NOW.plusSeconds(1)).sign()))
                .isEqualTo(Reason.NOT_YET_VALID);
    }

    @Test
    void verifyWhenExpNotAfterNbfThenInvalidClaim() {
        String token = signer.token().expiresAt(NOW).sign();
        assertThat(reasonOf(verifier(), token)).isEqualTo(Reason.INVALID_CLAIM);
    }

    @Test
    void verifyWhenTimesInMillisecondsThenTimestampInMilliseconds() {
        long ms = NOW.toEpochMilli();
        for (String claim : new String[] {"exp", "nbf", "iat"}) {
            String token = signer.token().claim(claim, ms).sign();
            assertThat(reasonOf(verifier(), token)).as(claim).isEqualTo(Reason.TIMESTAMP_IN_MILLISECONDS);
        }
    }

    @Test
    void verifyWhenTimeOverflowsMillisecondsOrIsNegativeThenInvalidClaim() {
        assertThat(reasonOf(verifier(), signer.token().claim("exp", Long.MAX_VALUE).sign())).isEqualTo(Reason.INVALID_CLAIM);
        assertThat(reasonOf(verifier(), signer.token().claim("exp", new java.math.BigInteger("1" + "0".repeat(30))).sign()))
                .isEqualTo(Reason.INVALID_CLAIM);
        assertThat(reasonOf(verifier(), signer.token().claim("exp", new BigDecimal("1e300")).sign())).isEqualTo(Reason.INVALID_CLAIM);
        assertThat(reasonOf(verifier(), signer.token().claim("nbf", -1).sign())).isEqualTo(Reason.INVALID_CLAIM);
    }

    @Test
    void verifyWhenHeaderNumberHasAnExponentBeyondIntThenMalformedNotACrash() {
        // Issue 11, defect 1, the token of the report: no known kid needed to reach the parser.
        String token = "eyJhbGciOiJFUzUxMiIsInR5cCI6IkpXVCIsImtpZCI6IngiLCJuIjoxZTk5OTk5OTk5OTk5fQ.e30.AAAA";
        assertThatThrownBy(() -> verifier().verify(token)).isInstanceOfSatisfying(TokenRejectedException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
            assertThat(e.getMessage()).contains("header is not a strict JSON object (JSON number exponent out of range)");
        });
    }

    @Test
    void verifyWhenTimeClaimHasAnExponentTheParserCannotHoldThenMalformed() {
        for (String exp : new String[] {"1E+2147483648", "1e-2147483649", "1e99999999999", "1" + "0".repeat(300)}) {
            String claims = "{\"iss\":\"sdk\",\"nbf\":" + T + ",\"exp\":" + exp + ",\"jti\":\"j1\",\"scopes\":[]}";
            assertThat(reasonOf(verifier(), TestKeys.rawEs512(HEADER.formatted(signer.kid()), claims))).as(exp)
                    .isEqualTo(Reason.MALFORMED);
        }
    }

    @Test
    void verifyWhenTimeClaimIsANumberBeyondTheRangeOfDatesThenInvalidClaim() {
        for (String exp : new String[] {"1e1000", "1E+19", "9" + "9".repeat(200), "1e18"}) {
            String claims = "{\"iss\":\"sdk\",\"nbf\":" + T + ",\"exp\":" + exp + ",\"jti\":\"j1\",\"scopes\":[]}";
            assertThat(reasonOf(verifier(), TestKeys.rawEs512(HEADER.formatted(signer.kid()), claims))).as(exp)
                    .isEqualTo(Reason.INVALID_CLAIM);
        }
        String tiny = "{\"iss\":\"sdk\",\"nbf\":" + T + ",\"exp\":1e-1000,\"jti\":\"j1\",\"scopes\":[]}";
        assertThat(reasonOf(verifier(), TestKeys.rawEs512(HEADER.formatted(signer.kid()), tiny)))
                .isEqualTo(Reason.INVALID_CLAIM); // 1970 is not after nbf
    }

    @Test
    void verifyWhenTimeIsNotANumberThenInvalidClaim() {
        assertThat(reasonOf(verifier(), signer.token().claim("exp", String.valueOf(T + 60)).sign())).isEqualTo(Reason.INVALID_CLAIM);
        assertThat(reasonOf(verifier(), signer.token().claim("nbf", true).sign())).isEqualTo(Reason.INVALID_CLAIM);
    }

    @Test
    void verifyWhenFractionalNumericDateThenAccepted() throws Exception {
        VerifiedToken v = verifier().verify(signer.token().claim("exp", new BigDecimal(T + 30 + ".5")).sign());
        assertThat(v.expiresAt()).isEqualTo(NOW.plusSeconds(30).plusMillis(500));
    }

    @Test
    void verifyWhenIatInTheFutureThenAccepted() {
        assertThat(reasonOf(verifier(), signer.token().claim("iat", T + 3600).sign())).isNull();
    }

    @Test
    void verifyWhenLifetimeAboveMaximumThenLifetimeTooLong() {
        TokenVerifier v = builder().maxLifetime(Duration.ofMinutes(60)).build();
        assertThat(reasonOf(v, signer.token().lifetime(Duration.ofMinutes(61)).sign())).isEqualTo(Reason.LIFETIME_TOO_LONG);
        assertThat(reasonOf(v, signer.token().lifetime(Duration.ofMinutes(60)).sign())).isNull();
    }

    @Test
    void verifyWhenExpiredThenSignatureIsNotChecked() {
        // A token with a garbage signature that is also expired is refused as expired: the time check
        // runs first and no signature math is spent.
        String token = signer.token().sign();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "A".repeat(176);
        clock.advance(Duration.ofHours(1));
        assertThat(reasonOf(verifier(), forged)).isEqualTo(Reason.EXPIRED);
    }

    // --- required claims -----------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("requiredApiClaims")
    void verifyWhenRequiredClaimMissingThenMissingClaim(String claim) {
        assertThat(reasonOf(verifier(), signer.token().withoutClaim(claim).sign())).isEqualTo(Reason.MISSING_CLAIM);
    }

    static Stream<String> requiredApiClaims() {
        return Stream.of("iss", "nbf", "exp", "jti", "scopes");
    }

    static Stream<Arguments> badClaimValues() {
        return Stream.of(
                Arguments.of("iss", ""), Arguments.of("iss", 5), Arguments.of("jti", ""), Arguments.of("jti", List.of("a")),
                Arguments.of("scopes", "*.read"), Arguments.of("scopes", List.of(1)), Arguments.of("scopes", Map.of()),
                Arguments.of("embed", "amount=1"), Arguments.of("embed", Map.of("amount", "1299")),
                Arguments.of("embed", Map.of("currency", 840)), Arguments.of("embed", Map.of("metadata", List.of())),
                Arguments.of("embed", Map.of("cart_items", Map.of())),
                Arguments.of("checkout_session_id", 7));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badClaimValues")
    void verifyWhenClaimHasWrongTypeThenInvalidClaim(String claim, Object value) {
        assertThat(reasonOf(verifier(), signer.token().claim(claim, value).sign())).isEqualTo(Reason.INVALID_CLAIM);
    }

    @Test
    void verifyWhenIssuerNotOnAllowListThenUntrustedIssuer() {
        TokenVerifier v = builder().issuers(Set.of("gr4vy-java/1.0")).build();
        assertThat(reasonOf(v, signer.token().issuer("other").sign())).isEqualTo(Reason.UNTRUSTED_ISSUER);
        assertThat(reasonOf(v, signer.token().issuer("gr4vy-java/1.0").sign())).isNull();
    }

    @Test
    void rejectionDescriptionNeverContainsTokenOrClaimValues() {
        String secretish = "issuer-value-XYZ";
        TokenVerifier v = builder().issuers(Set.of("a")).build();
        try {
            v.verify(signer.token().issuer(secretish).sign());
        } catch (TokenRejectedException e) {
            assertThat(e.getMessage()).doesNotContain(secretish);
            assertThat(e.error().description()).doesNotContain(secretish);
            assertThat(e.issuer()).contains(secretish);
            assertThat(e.getStackTrace()).isEmpty();
            return;
        }
        throw new AssertionError("not refused");
    }

    // --- signature -----------------------------------------------------------------------------------

    @Test
    void verifyWhenSignedByAnotherKeyWithSameKidThenBadSignature() {
        TokenSigner impostor = TokenSigner.of(TestKeys.P521_OTHER.getPrivate(), TestKeys.P521_OTHER.getPublic())
                .withKid(signer.kid()).withClock(clock);
        assertThat(reasonOf(verifier(), impostor.token().sign())).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void verifyWhenPayloadTamperedThenBadSignature() {
        String token = signer.token().scopes("transactions.read").sign();
        String[] p = token.split("\\.");
        String other = signer.token().scopes("*.write").sign().split("\\.")[1];
        assertThat(reasonOf(verifier(), p[0] + "." + other + "." + p[2])).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void verifyWhenSignatureHasWrongLengthThenBadSignature() {
        String token = signer.token().sign();
        String[] p = token.split("\\.");
        byte[] sig = Base64Url.decode(p[2], 0, p[2].length());
        byte[] shortSig = java.util.Arrays.copyOf(sig, 131);
        byte[] longSig = java.util.Arrays.copyOf(sig, 133);
        assertThat(reasonOf(verifier(), p[0] + "." + p[1] + "." + Base64Url.encode(shortSig))).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(reasonOf(verifier(), p[0] + "." + p[1] + "." + Base64Url.encode(longSig))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void verifyWhenSignatureIsZeroOrOrderThenBadSignature() {
        String token = signer.token().sign();
        String input = token.substring(0, token.lastIndexOf('.'));
        assertThat(reasonOf(verifier(), input + "." + Base64Url.encode(new byte[132]))).isEqualTo(Reason.BAD_SIGNATURE);
        // r = n, s = 1: r outside [1, n-1].
        java.math.BigInteger n = ((java.security.interfaces.ECPublicKey) TestKeys.P521.getPublic()).getParams().getOrder();
        byte[] sig = new byte[132];
        byte[] nb = n.toByteArray();
        System.arraycopy(nb, nb.length - 66 > 0 ? nb.length - 66 : 0, sig, 66 - Math.min(66, nb.length), Math.min(66, nb.length));
        sig[131] = 1;
        assertThat(reasonOf(verifier(), input + "." + Base64Url.encode(sig))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void verifyWhenJsonNullClaimThenKeptAsJsonNull() throws Exception {
        VerifiedToken v = verifier().verify(signer.token().claim("note", null).sign());
        assertThat(v.claims().get("note")).isSameAs(VerifiedToken.JSON_NULL);
    }

    @Test
    void verifyWhenHighSThenStillValid() throws Exception {
        assertThat(verifier().verify(highSTwin(signer.token().sign()))).isNotNull();
    }

    @Test
    void verifyWhenEs256AndRs256EnabledThenEachKeyVerifiesItsOwnAlgorithm() throws Exception {
        TokenSigner ec256 = TokenSigner.of(TestKeys.P256.getPrivate(), TestKeys.P256.getPublic()).withClock(clock);
        TokenSigner rsa = TokenSigner.of(TestKeys.RSA2048.getPrivate(), TestKeys.RSA2048.getPublic()).withClock(clock);
        TokenVerifier v = builder()
                .keys(KeySet.of(TrustedKey.of(TestKeys.P521.getPublic()), TrustedKey.of(TestKeys.P256.getPublic()),
                        TrustedKey.of(TestKeys.RSA2048.getPublic())))
                .algorithms(Algorithm.ES512, Algorithm.ES256, Algorithm.RS256, Algorithm.PS256).build();
        assertThat(v.verify(ec256.token().sign()).algorithm()).isEqualTo(Algorithm.ES256);
        assertThat(v.verify(rsa.token().sign()).algorithm()).isEqualTo(Algorithm.RS256);
        assertThat(v.verify(rsa.withAlgorithm(Algorithm.PS256).token().sign()).algorithm()).isEqualTo(Algorithm.PS256);
        assertThat(reasonOf(v, ec256.token().header("alg", "RS256").sign())).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
        assertThat(reasonOf(v, rsa.token().header("alg", "ES512").sign())).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    }

    // --- replay ----------------------------------------------------------------------------------------

    @Test
    void verifyWhenServerTokenPresentedTwiceThenReplayed() throws Exception {
        TokenVerifier v = verifier();
        String token = signer.token().sign();
        v.verify(token);
        assertThat(reasonOf(v, token)).isEqualTo(Reason.REPLAYED);
    }

    @Test
    void verifyWhenEmbedTokenPresentedTwiceThenAcceptedButItsJtiIsTaken() throws Exception {
        TokenVerifier v = verifier();
        String embed = signer.token().scopes("embed").jti("shared").lifetime(Duration.ofHours(1)).sign();
        v.verify(embed);
        v.verify(embed);
        clock.advance(Duration.ofSeconds(1));
        String other = signer.token().scopes("embed").jti("shared").lifetime(Duration.ofHours(1)).sign();
        assertThat(reasonOf(v, other)).isEqualTo(Reason.REPLAYED);
    }

    @Test
    void verifyWhenSingleUsePolicyThenEmbedTokenIsSingleUseToo() throws Exception {
        TokenVerifier v = builder().replayPolicy(ReplayPolicy.SINGLE_USE).build();
        String embed = signer.token().scopes("embed").sign();
        v.verify(embed);
        assertThat(reasonOf(v, embed)).isEqualTo(Reason.REPLAYED);
    }

    @Test
    void verifyWhenReusablePolicyThenServerTokenMayReturn() throws Exception {
        TokenVerifier v = builder().replayPolicy(ReplayPolicy.REUSABLE).build();
        String token = signer.token().sign();
        v.verify(token);
        assertThat(reasonOf(v, token)).isNull();
    }

    @Test
    void verifyWhenReplayOffThenCacheIsNotConsulted() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ReplayCache counting = record -> {
            calls.incrementAndGet();
            return ReplayCache.Outcome.OTHER_TOKEN;
        };
        TokenVerifier v = builder().replayPolicy(ReplayPolicy.OFF).replayCache(counting).build();
        String token = signer.token().sign();
        v.verify(token);
        v.verify(token);
        assertThat(calls).hasValue(0);
    }

    @Test
    void verifyWhenForgedTokenCarriesRealJtiThenRealTokenIsNotBurned() throws Exception {
        TokenVerifier v = verifier();
        String real = signer.token().jti("victim").sign();
        TokenSigner impostor = TokenSigner.of(TestKeys.P521_OTHER.getPrivate(), TestKeys.P521_OTHER.getPublic())
                .withKid(signer.kid()).withClock(clock);
        assertThat(reasonOf(v, impostor.token().jti("victim").sign())).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(reasonOf(v, signer.token().jti("victim").claim("exp", T - 3600).claim("nbf", T - 7200).sign()))
                .isEqualTo(Reason.EXPIRED);
        assertThat(v.verify(real).jti()).contains("victim");
    }

    @Test
    void verifyWhenReplayCacheFullThenVerifierUnavailable() throws Exception {
        TokenVerifier v = builder().replayCache(CaffeineReplayCache.create(clock, 1)).build();
        v.verify(signer.token().sign());
        assertThatThrownBy(() -> v.verify(signer.token().sign())).isInstanceOf(VerifierUnavailableException.class);
    }

    @Test
    void verifyWhenReplayEntryOutlivesTokenThenForgottenAfterExpPlusSkew() throws Exception {
        TokenVerifier v = builder().replayCache(CaffeineReplayCache.create(clock, 1)).build();
        v.verify(signer.token().sign());
        clock.advance(Duration.ofSeconds(121));
        assertThat(reasonOf(v, signer.token().sign())).isNull();
    }

    /** The token with its ECDSA signature rewritten s → n − s: anyone can do it without the key. */
    static String highSTwin(String token) {
        String[] p = token.split("\\.");
        byte[] sig = Base64Url.decode(p[2], 0, p[2].length());
        java.math.BigInteger n = ((java.security.interfaces.ECPublicKey) TestKeys.P521.getPublic()).getParams().getOrder();
        java.math.BigInteger s = new java.math.BigInteger(1, java.util.Arrays.copyOfRange(sig, 66, 132));
        byte[] hs = n.subtract(s).toByteArray();
        byte[] out = sig.clone();
        java.util.Arrays.fill(out, 66, 132, (byte) 0);
        int len = Math.min(hs.length, 66);
        System.arraycopy(hs, hs.length - len, out, 132 - len, len);
        return p[0] + "." + p[1] + "." + Base64Url.encode(out);
    }

    @Test
    void verifyWhenHighSTwinOfAnEmbedTokenComesFirstThenTheGenuineTokenIsStillAccepted() throws Exception {
        TokenVerifier v = verifier();
        String embed = signer.token().scopes("embed").lifetime(Duration.ofHours(1)).sign();
        String twin = highSTwin(embed);
        assertThat(twin).isNotEqualTo(embed);
        VerifiedToken fromTwin = v.verify(twin);
        VerifiedToken genuine = v.verify(embed);
        assertThat(genuine.fingerprint()).isEqualTo(fromTwin.fingerprint());
        v.verify(twin);
    }

    @Test
    void verifyWhenHighSTwinOfASingleUseTokenComesAfterItThenItIsTheSameTokenReplayed() throws Exception {
        TokenVerifier v = verifier();
        String token = signer.token().sign();
        v.verify(token);
        TokenRejectedException e = catchThrowableOfType(() -> v.verify(highSTwin(token)), TokenRejectedException.class);
        assertThat(e.reason()).isEqualTo(Reason.REPLAYED);
        assertThat(e.getMessage()).isEqualTo("token was already used");
    }

    @Test
    void verifyWhenExpIsFractionalThenTheReplayRecordLastsAsLongAsTheTimeCheckAccepts() throws Exception {
        // exp = now − 59.5 s: the window (exp rounded up, plus 60 s of skew) still accepts it for
        // 0.8 s; the record must last that long too, or it is accepted again and again.
        clock.set(NOW.plusMillis(700));
        String token = signer.token().claim("nbf", T - 120).claim("exp", new java.math.BigDecimal(T + ".0").subtract(new java.math.BigDecimal("59.5"))).sign();
        TokenVerifier v = verifier();
        v.verify(token);
        assertThat(reasonOf(v, token)).isEqualTo(Reason.REPLAYED);
        clock.set(NOW.plusMillis(1_000));
        assertThat(reasonOf(v, token)).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void verifyWhenExpIsFractionalThen64ThreadsAtOnceGetExactlyOneAcceptance() throws Exception {
        clock.set(NOW.plusMillis(999));
        TokenVerifier v = verifier();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(64);
        try {
            for (int round = 0; round < 10; round++) {
                String token = signer.token().claim("nbf", T - 120)
                        .claim("exp", new java.math.BigDecimal(T + ".0").subtract(new java.math.BigDecimal("58.999999"))).sign();
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    results.add(pool.submit(() -> {
                        go.await();
                        try {
                            v.verify(token);
                            return true;
                        } catch (TokenRejectedException e) {
                            return false;
                        }
                    }));
                }
                go.countDown();
                int accepted = 0;
                for (java.util.concurrent.Future<Boolean> f : results) {
                    accepted += f.get(30, java.util.concurrent.TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(accepted).as("round " + round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void verifyWhenTheReplayCacheFindsTheWindowClosedThenExpiredNotAccepted() throws Exception {
        // The cache reads its clock after the time check did: a token accepted by the window at
        // 59.999 s may meet a cache already at 60 s. It is refused, never accepted unrecorded.
        TokenVerifier v = builder().replayCache(record -> ReplayCache.Outcome.EXPIRED).build();
        assertThat(reasonOf(v, signer.token().sign())).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void verifyWhenReplayRecordIsMadeThenItCarriesTheKeyTheWindowEndAndThePolicy() throws Exception {
        List<dev.bearerguard.core.replay.ReplayRecord> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        TokenVerifier v = builder().replayCache(record -> {
            seen.add(record);
            return ReplayCache.Outcome.FIRST_USE;
        }).build();
        v.verify(signer.token().jti("single").lifetime(Duration.ofSeconds(30)).sign());
        v.verify(signer.token().jti("embed").scopes("embed").lifetime(Duration.ofHours(1)).sign());
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).kid()).isEqualTo(signer.kid());
        assertThat(seen.get(0).jti()).isEqualTo("single");
        assertThat(seen.get(0).until()).isEqualTo(NOW.plusSeconds(30 + 60));
        assertThat(seen.get(0).validFrom()).as("nbf minus the skew").isEqualTo(NOW.minusSeconds(60));
        assertThat(seen.get(0).singleUse()).isTrue();
        assertThat(seen.get(1).singleUse()).isFalse();
    }

    @Test
    void verifyWhenATokenHasNoNbfThenItsReplayRecordCountsItValidSinceEverNotFromIat() throws Exception {
        // A future iat is no error, so it bounds nothing: a store that lost its data cannot vouch
        // for such a token by its iat.
        List<dev.bearerguard.core.replay.ReplayRecord> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        TokenVerifier v = builder().profile(TokenProfile.CHECKOUT).replayPolicy(ReplayPolicy.SINGLE_USE)
                .replayCache(record -> {
                    seen.add(record);
                    return ReplayCache.Outcome.FIRST_USE;
                }).build();
        v.verify(checkout().claim("jti", "no-nbf").claim("iat", NOW.plusSeconds(3600).getEpochSecond()).sign());
        assertThat(seen).singleElement().satisfies(r -> {
            assertThat(r.validFrom()).isEqualTo(Instant.EPOCH);
            assertThat(r.singleUse()).isTrue();
        });
    }

    @Test
    void verifyWhenOneKeyFillsItsShareOfTheReplayCacheThenOnlyItsTokensAre503() throws Exception {
        TokenSigner other = TokenSigner.of(TestKeys.P521_OTHER.getPrivate(), TestKeys.P521_OTHER.getPublic()).withClock(clock);
        TokenVerifier v = builder()
                .keys(KeySet.of(TrustedKey.of(TestKeys.P521.getPublic()), TrustedKey.of(TestKeys.P521_OTHER.getPublic())))
                .replayCache(CaffeineReplayCache.create(clock, 4, 0.5)).build();
        v.verify(signer.token().lifetime(Duration.ofDays(3650)).sign());
        v.verify(signer.token().lifetime(Duration.ofDays(3650)).sign());
        assertThatThrownBy(() -> v.verify(signer.token().sign())).isInstanceOf(VerifierUnavailableException.class)
                .hasMessageContaining("share");
        v.verify(other.token().sign());
        v.verify(other.token().sign());
    }

    // --- checkout profile --------------------------------------------------------------------------------

    TokenVerifier checkoutVerifier() {
        return builder().profile(TokenProfile.CHECKOUT).build();
    }

    TokenSigner.Draft checkout() {
        return signer.checkoutToken().claim("partner_id", "p1").claim("client_id", "c1")
                .claim("customer_id", "cust-1").claim("invoice_id", "inv-1");
    }

    @Test
    void verifyCheckoutTokenWhenAllClaimsThenAcceptedGrantingNoScopeAndReusable() throws Exception {
        TokenVerifier v = checkoutVerifier();
        String token = checkout().sign();
        VerifiedToken t = v.verify(token);
        v.verify(token);
        assertThat(t.profile()).isEqualTo(TokenProfile.CHECKOUT);
        assertThat(t.stringClaim("invoice_id")).contains("inv-1");
        assertThat(t.grants("transactions.read")).isFalse();
        assertThat(Authorizer.checkClaim(t, "invoice_id", "inv-1")).isEmpty();
        assertThat(Authorizer.checkClaim(t, "invoice_id", "inv-2")).get().extracting(BearerError::reason)
                .isEqualTo(Reason.CLAIM_MISMATCH);
    }

    @ParameterizedTest
    @MethodSource("requiredCheckoutClaims")
    void verifyCheckoutTokenWhenRequiredClaimMissingThenMissingClaim(String claim) {
        assertThat(reasonOf(checkoutVerifier(), checkout().withoutClaim(claim).sign())).isEqualTo(Reason.MISSING_CLAIM);
    }

    static Stream<String> requiredCheckoutClaims() {
        return Stream.of("exp", "partner_id", "client_id", "customer_id", "invoice_id");
    }

    @Test
    void verifyCheckoutTokenWhenOptionalTimeClaimsPresentThenChecked() {
        assertThat(reasonOf(checkoutVerifier(), checkout().claim("nbf", T + 3600).sign())).isEqualTo(Reason.NOT_YET_VALID);
        assertThat(reasonOf(checkoutVerifier(), checkout().claim("iat", NOW.toEpochMilli()).sign()))
                .isEqualTo(Reason.TIMESTAMP_IN_MILLISECONDS);
        assertThat(reasonOf(checkoutVerifier(), checkout().claim("jti", 3).sign())).isEqualTo(Reason.INVALID_CLAIM);
        assertThat(reasonOf(checkoutVerifier(), checkout().claim("customer_id", 3).sign())).isEqualTo(Reason.INVALID_CLAIM);
    }

    @Test
    void verifyCheckoutTokenWhenExpiredThenExpired() {
        String token = checkout().lifetime(Duration.ofSeconds(5)).sign();
        clock.advance(Duration.ofSeconds(66));
        assertThat(reasonOf(checkoutVerifier(), token)).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void apiVerifierRefusesCheckoutTokenAndViceVersa() {
        assertThat(reasonOf(verifier(), checkout().sign())).isEqualTo(Reason.MISSING_CLAIM);
        assertThat(reasonOf(checkoutVerifier(), signer.token().sign())).isEqualTo(Reason.MISSING_CLAIM);
    }

    // --- builder -------------------------------------------------------------------------------------------

    @Test
    void builderWhenMisusedThenRefusesEarly() {
        assertThatThrownBy(() -> TokenVerifier.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TokenVerifier.builder().algorithms(Set.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenVerifier.builder().clockSkew(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenVerifier.builder().maxLifetime(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenVerifier.builder().maxTokenSize(10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultsFollowTheContract() {
        TokenVerifier v = verifier();
        assertThat(v.algorithms()).containsExactly(Algorithm.ES512);
        assertThat(v.clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(v.replayPolicy()).isEqualTo(ReplayPolicy.DEFAULT);
        assertThat(v.profile()).isEqualTo(TokenProfile.API);
    }

    @Test
    void verifyFromManyThreadsThenSingleUseTokenAcceptedExactlyOnce() throws Exception {
        TokenVerifier v = verifier();
        String token = signer.token().sign();
        int threads = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger replayed = new AtomicInteger();
        List<java.util.concurrent.Future<?>> fs = new java.util.ArrayList<>();
        for (int i = 0; i < threads; i++) {
            fs.add(pool.submit(() -> {
                start.await();
                try {
                    v.verify(token);
                    accepted.incrementAndGet();
                } catch (TokenRejectedException e) {
                    if (e.reason() == Reason.REPLAYED) {
                        replayed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (java.util.concurrent.Future<?> f : fs) {
            f.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(accepted).hasValue(1);
        assertThat(replayed).hasValue(threads - 1);
    }
}
