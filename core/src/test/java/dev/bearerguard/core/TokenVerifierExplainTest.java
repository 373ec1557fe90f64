package dev.bearerguard.core;

import dev.bearerguard.test.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.core.internal.Base64Url;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.replay.CaffeineReplayCache;
import dev.bearerguard.test.TokenSigner;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link TokenVerifier#explain} runs the same steps as {@link TokenVerifier#verify}: for generated
 * tokens it reports no problem exactly when {@code verify} accepts, and its first problem is the
 * refusal {@code verify} gives.
 */
class TokenVerifierExplainTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final long T = NOW.getEpochSecond();

    final ManualClock clock = new ManualClock(NOW);
    final TokenSigner signer = TestKeys.signer().withClock(clock);
    final TokenSigner stranger = TokenSigner.of(TestKeys.P521_OTHER.getPrivate(), TestKeys.P521_OTHER.getPublic())
            .withKid(signer.kid()).withClock(clock);

    /** A fresh verifier each time: a fresh replay cache, so replay never decides. */
    TokenVerifier verifier(TokenProfile profile, Set<String> issuers, Duration maxLifetime) {
        TokenVerifier.Builder b = TokenVerifier.builder().keys(TestKeys.keySet()).clock(clock).profile(profile)
                .issuers(issuers).replayCache(CaffeineReplayCache.create(clock, 100));
        if (maxLifetime != null) {
            b.maxLifetime(maxLifetime);
        }
        return b.build();
    }

    @Test
    void explainWhenTokenIsGoodThenEveryStepPassesButReplayIsNotChecked() {
        Explanation e = verifier(TokenProfile.API, Set.of(), null).explain(signer.token().scopes("embed").sign());
        assertThat(e.accepted()).isTrue();
        assertThat(e.findings()).extracting(Finding::step)
                .containsExactly("shape", "header", "key", "claims", "window", "claims of the api profile", "issuer",
                        "signature", "replay");
        assertThat(e.findings().get(8).status()).isEqualTo(Finding.Status.NOT_CHECKED);
        assertThat(e.findings().subList(0, 8)).allMatch(f -> f.status() == Finding.Status.PASSED);
        assertThat(e.key()).isPresent();
        assertThat(e.signatureLength()).hasValue(132);
    }

    @Test
    void explainWhenKidIsUnknownThenTheTimeAndClaimStepsStillRunAndTheSignatureIsNotChecked() {
        TokenSigner unknown = TokenSigner.of(TestKeys.P521_OTHER.getPrivate(), TestKeys.P521_OTHER.getPublic()).withClock(clock);
        String token = unknown.token().claim("nbf", T * 1000).withoutClaim("jti").sign();
        Explanation e = verifier(TokenProfile.API, Set.of(), null).explain(token);
        assertThat(e.problems()).extracting(Finding::reason)
                .containsExactly(Reason.UNKNOWN_KEY, Reason.TIMESTAMP_IN_MILLISECONDS, Reason.MISSING_CLAIM);
        assertThat(e.findings()).filteredOn(f -> f.step().equals("signature"))
                .singleElement().extracting(Finding::status).isEqualTo(Finding.Status.NOT_CHECKED);
    }

    @Test
    void explainWhenExpiredThenTheSignatureIsStillChecked() {
        String token = signer.token().claim("nbf", T - 600).claim("exp", T - 300).sign();
        Explanation e = verifier(TokenProfile.API, Set.of(), null).explain(token);
        assertThat(e.firstProblem()).map(Finding::reason).contains(Reason.EXPIRED);
        assertThat(e.findings()).filteredOn(f -> f.step().equals("signature"))
                .singleElement().extracting(Finding::status).isEqualTo(Finding.Status.PASSED);
    }

    @Test
    void explainWhenShapeIsBrokenThenNothingElseRuns() {
        Explanation e = verifier(TokenProfile.API, Set.of(), null).explain("not a token");
        assertThat(e.problems()).extracting(Finding::reason).containsExactly(Reason.MALFORMED);
        assertThat(e.findings().subList(1, e.findings().size())).allMatch(f -> f.status() == Finding.Status.NOT_CHECKED);
    }

    @Test
    void explainWhenTheKeySourceIsDownThenUnavailableNotAProblemOfTheToken() {
        TokenVerifier v = TokenVerifier.builder().keys(kid -> {
            throw new VerifierUnavailableException("key service down");
        }).clock(clock).build();
        Explanation e = v.explain(signer.token().sign());
        assertThat(e.accepted()).isFalse();
        assertThat(e.firstProblem()).map(Finding::status).contains(Finding.Status.UNAVAILABLE);
    }

    @Test
    void explainWhenASingleUseTokenIsExplainedThenItIsNotSpent() throws Exception {
        TokenVerifier v = verifier(TokenProfile.API, Set.of(), null);
        String token = signer.token().sign();
        v.explain(token);
        v.explain(token);
        assertThat(v.verify(token).jti()).isPresent();
    }

    // ------------------------------------------------------------------ explain ≡ verify

    @Test
    void explainReportsNoProblemExactlyWhenVerifyAcceptsForGeneratedTokens() {
        Random random = new Random(20261201L);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 1200; i++) {
            TokenProfile profile = random.nextInt(5) == 0 ? TokenProfile.CHECKOUT : TokenProfile.API;
            Set<String> issuers = random.nextInt(4) == 0 ? Set.of("sdk/1.0") : Set.of();
            Duration maxLifetime = random.nextInt(4) == 0 ? Duration.ofMinutes(5) : null;
            String token = generate(random, profile);
            Explanation e = verifier(profile, issuers, maxLifetime).explain(token);
            Reason refusal = null;
            try {
                verifier(profile, issuers, maxLifetime).verify(token);
                accepted++;
            } catch (TokenRejectedException ex) {
                refusal = ex.reason();
                refused++;
            }
            String what = "token " + i + ": " + e;
            if (refusal == null) {
                assertThat(e.accepted()).as(what).isTrue();
            } else {
                assertThat(e.accepted()).as(what).isFalse();
                assertThat(e.firstProblem()).as(what).map(Finding::reason).contains(refusal);
            }
        }
        // The generator must reach both sides often, or the property proves little.
        assertThat(accepted).isGreaterThan(120);
        assertThat(refused).isGreaterThan(400);
    }

    private String generate(Random r, TokenProfile profile) {
        TokenSigner.Draft d = profile == TokenProfile.CHECKOUT
                ? signer.checkoutToken().claim("partner_id", "p").claim("client_id", "c").claim("customer_id", "cu")
                        .claim("invoice_id", "in")
                : signer.token().scopes(pick(r, List.<String[]>of(new String[] {"*.read"}, new String[] {"embed"},
                        new String[0], new String[] {"a.read"})));
        d.issuer(pick(r, List.of("sdk/1.0", "other/2.0")));
        int mutations = r.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            switch (r.nextInt(22)) {
                case 0 -> d.claim("exp", T - r.nextInt(200));
                case 1 -> d.claim("nbf", T + r.nextInt(200));
                case 2 -> d.claim("exp", new BigDecimal(T + ".5").subtract(BigDecimal.valueOf(r.nextInt(120))));
                case 3 -> d.claim("nbf", T * 1000);
                case 4 -> d.claim("exp", "soon");
                case 5 -> d.withoutClaim("exp");
                case 6 -> d.withoutClaim("nbf");
                case 7 -> d.claim("iat", T + 3600);
                case 8 -> d.withoutClaim("jti");
                case 9 -> d.claim("jti", "");
                case 10 -> d.claim("iss", 7);
                case 11 -> d.withoutClaim("iss");
                case 12 -> d.claim("scopes", "*.read");
                case 13 -> d.claim("embed", List.of(1));
                case 14 -> d.claim("embed", Map.of("amount", "12"));
                case 15 -> d.header("typ", "jwt");
                case 16 -> d.header("typ", "JOSE");
                case 17 -> d.header("crit", List.of());
                case 18 -> d.header("alg", "RS256");
                case 19 -> d.withoutHeader("kid");
                case 20 -> d.claim("exp", T + 3600 * 24);
                default -> d.withoutClaim("partner_id");
            }
        }
        String token = d.sign();
        return switch (r.nextInt(10)) {
            case 0 -> forge(token);
            case 1 -> token.substring(0, token.length() - 4) + "AAAA";
            case 2 -> token.replace('.', '!');
            case 3 -> rawHeader(token, r);
            default -> token;
        };
    }

    private String forge(String token) {
        String[] p = token.split("\\.");
        String input = p[0] + "." + p[1];
        String other = stranger.token().sign();
        return input + "." + other.split("\\.")[2];
    }

    private static String rawHeader(String token, Random r) {
        String[] p = token.split("\\.");
        String header = pick(r, List.of("{\"alg\":\"ES512\",\"typ\":\"JWT\",\"kid\":1}", "{\"alg\":\"ES512\"",
                "{\"alg\":\"ES512\",\"alg\":\"ES512\",\"typ\":\"JWT\"}", "[]", "{\"n\":1e99999}"));
        return Base64Url.encode(header.getBytes(StandardCharsets.UTF_8)) + "." + p[1] + "." + p[2];
    }

    private static <T> T pick(Random r, List<T> options) {
        return options.get(r.nextInt(options.size()));
    }
}
