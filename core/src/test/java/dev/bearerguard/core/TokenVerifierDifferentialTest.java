package dev.bearerguard.core;

import static dev.bearerguard.core.FuzzFixture.KID;
import static dev.bearerguard.core.FuzzFixture.T;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.bearerguard.core.internal.Base64Url;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.replay.ReplayPolicy;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

/**
 * Differential test against jose4j and Nimbus JOSE+JWT on the same generated tokens: valid ones
 * and mutations of the header, the claims and the signature, each alone and combined at random
 * (a fixed seed). Both peers are configured as close to the contract as their APIs allow (ES512
 * only, the key by {@code kid}, {@code exp}, {@code nbf}, {@code iss} and {@code jti} required, 60 s
 * skew, a fixed evaluation time). Properties:
 * <ol>
 *   <li>wherever both peers accept a token the contract allows ({@link ContractReference}),
 *       Bearerguard accepts it;</li>
 *   <li>wherever Bearerguard accepts, the contract allows; wherever the contract allows, Bearerguard
 *       accepts, but for the bounds it is stricter on by design ({@link FuzzFixture#intendedStricter}:
 *       numbers past StrictJson's bounds, which the reference's Jackson reads);</li>
 *   <li>wherever both peers accept and Bearerguard refuses, one of the token's variants is an
 *       {@link #INTENDED_DIFFERENCES intended difference}, and every listed difference happens.</li>
 * </ol>
 * Where a peer alone refuses what the contract allows nothing is asserted; today: jose4j counts
 * the skew one second shorter at {@code exp} ({@code c.exp-edge}) and refuses an {@code iat} in the
 * future; Nimbus counts it one second shorter at {@code nbf} ({@code c.nbf-edge}); Nimbus refuses
 * {@code 1e99999} (Bearerguard too, as malformed). {@code -Dbearerguard.differential.print} prints
 * every token's four outcomes.
 */
class TokenVerifierDifferentialTest {

    /** Where the peers are lenient and the contract is not: the variant, and why Bearerguard refuses. */
    static final Map<String, String> INTENDED_DIFFERENCES = Map.ofEntries(
            Map.entry("h.no-typ", "contract 1.2: typ is required (Nimbus accepts a missing typ, jose4j ignores it)"),
            Map.entry("h.crit-empty", "contract 1.2: any crit, even empty, is refused; the peers accept an empty list"),
            Map.entry("h.no-kid", "contract 1.2: kid is required; the peers fall back to the only key they have"),
            Map.entry("h.noncanonical", "contract 1.4: canonical base64url only (one spelling per token); the peers'"
                    + " decoders ignore the unused trailing bits"),
            Map.entry("h.lone-surrogate", "contract 1.4: lone surrogates are malformed; the peers keep them"),
            Map.entry("c.no-scopes", "contract 1.3: scopes is required (the peers know nothing of scopes)"),
            Map.entry("c.scopes-string", "contract 1.3: scopes is an array of strings"),
            Map.entry("c.embed-string", "contract 1.6: embed is an object"),
            Map.entry("c.amount-string", "contract 1.6: embed.amount is a number"),
            Map.entry("c.exp-millis", "contract 1.3: a time of 10^11 or more is milliseconds (timestamp_in_milliseconds);"
                    + " the peers read it as a date in the year 56000"),
            Map.entry("c.negative-nbf", "contract 1.3: a negative time is invalid_claim; the peers read it as 1969"),
            Map.entry("c.empty-iss", "contract 1.3: iss is a non-empty string; the peers only need it present"),
            Map.entry("c.empty-jti", "contract 1.3: jti is a non-empty string; the peers only need it present"),
            Map.entry("c.deep", "contract 1.4: nesting deeper than 16 is malformed"),
            Map.entry("c.lone-surrogate", "contract 1.4: lone surrogates are malformed; the peers keep them"));

    /** One variant of a part of the token. */
    record Variant(String name, UnaryOperator<String> apply) {
    }

    static final String BASE_HEADER = FuzzFixture.header();

    static final List<Variant> HEADERS = List.of(
            new Variant("h.sdk", h -> h),
            new Variant("h.lowercase-typ", h -> h.replace("\"JWT\"", "\"jwt\"")),
            new Variant("h.reordered", h -> "{\"kid\":\"" + KID + "\",\"typ\":\"JWT\",\"alg\":\"ES512\"}"),
            new Variant("h.whitespace", h -> h.replace(",", " ,\n\t").replace(":", " : ")),
            new Variant("h.jku", h -> h.replace("}", ",\"jku\":\"https://attacker.example/jwks\"}")),
            new Variant("h.no-typ", h -> h.replace("\"typ\":\"JWT\",", "")),
            new Variant("h.typ-jose", h -> h.replace("\"JWT\"", "\"JOSE\"")),
            new Variant("h.crit-empty", h -> h.replace("}", ",\"crit\":[]}")),
            new Variant("h.crit-exp", h -> h.replace("}", ",\"crit\":[\"exp\"]}")),
            new Variant("h.dup-alg", h -> h.replace("{", "{\"alg\":\"none\",")),
            new Variant("h.alg-es256", h -> h.replace("ES512", "ES256")),
            new Variant("h.alg-none", h -> h.replace("ES512", "none")),
            new Variant("h.alg-hs512", h -> h.replace("ES512", "HS512")),
            new Variant("h.no-kid", h -> h.replace(",\"kid\":\"" + KID + "\"", "")),
            new Variant("h.unknown-kid", h -> h.replace(KID, "no-such-key")),
            new Variant("h.comment", h -> h.replace("{", "{/*c*/")),
            new Variant("h.lone-surrogate", h -> h.replace("}", ",\"x\":\"\\ud800\"}")),
            new Variant("h.noncanonical", h -> h)); // applied to the encoded segment, see token()

    static String claims(String jti) {
        return "{\"iss\":\"gr4vy-java/1.2.3\",\"nbf\":" + T + ",\"iat\":" + T + ",\"exp\":" + (T + 60)
                + ",\"jti\":\"" + jti + "\",\"scopes\":[\"*.read\",\"*.write\"]}";
    }

    static final List<Variant> CLAIMS = List.of(
            new Variant("c.sdk", c -> c),
            new Variant("c.embed", c -> c.replace("[\"*.read\",\"*.write\"]", "[\"embed\"]")
                    .replace("}", ",\"embed\":{\"amount\":1299,\"currency\":\"USD\",\"metadata\":{\"k\":\"v\"}}}")),
            new Variant("c.empty-scopes", c -> c.replace("[\"*.read\",\"*.write\"]", "[]")),
            new Variant("c.fraction-exp", c -> c.replace("\"exp\":" + (T + 60), "\"exp\":" + (T + 30) + ".5")),
            new Variant("c.exp-edge", c -> c.replace("\"nbf\":" + T, "\"nbf\":" + (T - 120)).replace("\"exp\":" + (T + 60), "\"exp\":" + (T - 59))),
            new Variant("c.nbf-edge", c -> c.replace("\"nbf\":" + T, "\"nbf\":" + (T + 60)).replace("\"exp\":" + (T + 60), "\"exp\":" + (T + 120))),
            new Variant("c.expired", c -> c.replace("\"nbf\":" + T, "\"nbf\":" + (T - 120)).replace("\"exp\":" + (T + 60), "\"exp\":" + (T - 61))),
            new Variant("c.not-yet", c -> c.replace("\"nbf\":" + T, "\"nbf\":" + (T + 61)).replace("\"exp\":" + (T + 60), "\"exp\":" + (T + 120))),
            new Variant("c.iat-future", c -> c.replace("\"iat\":" + T, "\"iat\":" + (T + 3600))),
            new Variant("c.exp-millis", c -> c.replace("\"exp\":" + (T + 60), "\"exp\":" + (T + 60) * 1000)),
            new Variant("c.exp-string", c -> c.replace("\"exp\":" + (T + 60), "\"exp\":\"" + (T + 60) + "\"")),
            new Variant("c.iat-string", c -> c.replace("\"iat\":" + T, "\"iat\":\"yesterday\"")),
            new Variant("c.no-exp", c -> c.replace(",\"exp\":" + (T + 60), "")),
            new Variant("c.no-nbf", c -> c.replace("\"nbf\":" + T + ",", "")),
            new Variant("c.no-iss", c -> c.replace("\"iss\":\"gr4vy-java/1.2.3\",", "")),
            new Variant("c.empty-iss", c -> c.replace("gr4vy-java/1.2.3", "")),
            new Variant("c.no-jti", c -> c.replaceAll(",\"jti\":\"[^\"]*\"", "")),
            new Variant("c.empty-jti", c -> c.replaceAll("\"jti\":\"[^\"]*\"", "\"jti\":\"\"")),
            new Variant("c.jti-number", c -> c.replaceAll("\"jti\":\"[^\"]*\"", "\"jti\":7")),
            new Variant("c.dup-jti", c -> c.replace("{", "{\"jti\":\"first\",")),
            new Variant("c.no-scopes", c -> c.replace(",\"scopes\":[\"*.read\",\"*.write\"]", "")),
            new Variant("c.scopes-string", c -> c.replace("[\"*.read\",\"*.write\"]", "\"*.read *.write\"")),
            new Variant("c.embed-string", c -> c.replace("}", ",\"embed\":\"amount=1299\"}")),
            new Variant("c.amount-string", c -> c.replace("}", ",\"embed\":{\"amount\":\"12.99\"}}")),
            new Variant("c.exp-before-nbf", c -> c.replace("\"nbf\":" + T, "\"nbf\":" + (T + 20)).replace("\"exp\":" + (T + 60), "\"exp\":" + (T + 10))),
            new Variant("c.negative-nbf", c -> c.replace("\"nbf\":" + T, "\"nbf\":-1")),
            new Variant("c.huge-number", c -> c.replace("}", ",\"x\":1e99999}")),
            new Variant("c.deep", c -> c.replace("}", ",\"x\":" + "[".repeat(20) + "]".repeat(20) + "}")),
            new Variant("c.lone-surrogate", c -> c.replace("gr4vy-java/1.2.3", "\\udc00")),
            new Variant("c.trailing-data", c -> c + "{}"),
            new Variant("c.array", c -> "[" + c + "]"));

    /** Signature variants act on the signing input and the genuine signature's bytes. */
    record SignatureVariant(String name, java.util.function.BiFunction<String, byte[], String> apply) {
    }

    static final BigInteger N = ((ECPublicKey) FuzzFixture.PUBLIC).getParams().getOrder();

    /** A genuine token of other claims, whose signature is moved onto another input. */
    static final String OTHER = FuzzFixture.sign(BASE_HEADER, claims("other"));

    static final List<SignatureVariant> SIGNATURES = List.of(
            new SignatureVariant("s.valid", (input, sig) -> Base64Url.encode(sig)),
            new SignatureVariant("s.high-s", (input, sig) -> Base64Url.encode(highS(sig))),
            new SignatureVariant("s.bit-flip", (input, sig) -> {
                byte[] b = sig.clone();
                b[40] ^= 1;
                return Base64Url.encode(b);
            }),
            new SignatureVariant("s.truncated", (input, sig) -> Base64Url.encode(java.util.Arrays.copyOf(sig, 131))),
            new SignatureVariant("s.zero", (input, sig) -> Base64Url.encode(new byte[132])),
            new SignatureVariant("s.other-input", (input, sig) -> OTHER.substring(OTHER.lastIndexOf('.') + 1)));


    /** n − s: the other valid signature of the same input, which anyone can compute. */
    static byte[] highS(byte[] sig) {
        byte[] out = sig.clone();
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(sig, 66, 132));
        byte[] t = N.subtract(s).toByteArray();
        byte[] fixed = new byte[66];
        int copy = Math.min(t.length, 66);
        System.arraycopy(t, t.length - copy, fixed, 66 - copy, copy);
        System.arraycopy(fixed, 0, out, 66, 66);
        return out;
    }

    record Case(String header, String claims, String signature, String token) {
        List<String> variants() {
            return List.of(header, claims, signature);
        }

        @Override
        public String toString() {
            return header + " / " + claims + " / " + signature;
        }
    }

    static Case token(Variant h, Variant c, SignatureVariant s, String jti) {
        byte[] header = h.apply().apply(BASE_HEADER).getBytes(StandardCharsets.UTF_8);
        byte[] claimBytes = c.apply().apply(claims(jti)).getBytes(StandardCharsets.UTF_8);
        String headerSegment = Base64Url.encode(header);
        if (h.name().equals("h.noncanonical")) {
            headerSegment = nonCanonical(headerSegment);
        }
        String input = headerSegment + "." + Base64Url.encode(claimBytes);
        byte[] sig;
        try {
            java.security.Signature signer = java.security.Signature.getInstance("SHA512withECDSAinP1363Format");
            signer.initSign(FuzzFixture.PRIVATE);
            signer.update(input.getBytes(StandardCharsets.US_ASCII));
            sig = signer.sign();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new Case(h.name(), c.name(), s.name(), input + "." + s.apply().apply(input, sig));
    }

    /** The same bytes with the unused low bits of the last character set (there are some at length % 4 != 0). */
    static String nonCanonical(String segment) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int unused = segment.length() % 4 == 2 ? 0x0f : segment.length() % 4 == 3 ? 0x03 : 0;
        assertThat(unused).as("the sdk header's segment has unused bits").isNotZero();
        char last = segment.charAt(segment.length() - 1);
        return segment.substring(0, segment.length() - 1) + alphabet.charAt(alphabet.indexOf(last) | 1);
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        int n = 0;
        for (Variant h : HEADERS) {
            out.add(token(h, CLAIMS.get(0), SIGNATURES.get(0), "d-" + n++));
        }
        for (Variant c : CLAIMS.subList(1, CLAIMS.size())) {
            out.add(token(HEADERS.get(0), c, SIGNATURES.get(0), "d-" + n++));
        }
        for (SignatureVariant s : SIGNATURES.subList(1, SIGNATURES.size())) {
            out.add(token(HEADERS.get(0), CLAIMS.get(0), s, "d-" + n++));
        }
        Random random = new Random(11);
        for (int i = 0; i < 120; i++) {
            out.add(token(HEADERS.get(random.nextInt(HEADERS.size())), CLAIMS.get(random.nextInt(CLAIMS.size())),
                    SIGNATURES.get(random.nextInt(3) == 0 ? random.nextInt(SIGNATURES.size()) : 0), "d-" + n++));
        }
        return out;
    }

    // --- the peers, configured as close to the contract as they allow ------------------------------

    static boolean jose4jAccepts(String token) {
        try {
            JsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(FuzzFixture.PUBLIC);
            jwk.setKeyId(KID);
            JwtConsumer consumer = new JwtConsumerBuilder()
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "ES512")
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(List.of(jwk)))
                    .setRequireExpirationTime().setRequireNotBefore().setRequireJwtId()
                    .setExpectedIssuer(false, null)
                    .setSkipDefaultAudienceValidation()
                    .setAllowedClockSkewInSeconds(60)
                    .setEvaluationTime(NumericDate.fromSeconds(T))
                    .build();
            return consumer.processToClaims(token).getIssuer() != null;
        } catch (Exception e) {
            return false;
        }
    }

    static boolean nimbusAccepts(String token) {
        try {
            DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
            ECKey key = new ECKey.Builder(Curve.P_521, (ECPublicKey) FuzzFixture.PUBLIC).keyID(KID).build();
            p.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES512, new ImmutableJWKSet<>(new JWKSet(key))));
            DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                    new JWTClaimsSet.Builder().build(), Set.of("exp", "nbf", "iss", "jti")) {
                @Override
                protected Date currentTime() {
                    return new Date(T * 1000);
                }
            };
            claims.setMaxClockSkew(60);
            p.setJWTClaimsSetVerifier(claims);
            p.process(token, null);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void peersAndContractAgreeWithBearerguardExceptForTheListedDifferences() {
        TokenVerifier bearerguard = TokenVerifier.builder().keys(KeySet.of(TrustedKey.of(FuzzFixture.PUBLIC)))
                .clock(FuzzFixture.CLOCK).replayPolicy(ReplayPolicy.OFF).build();
        ContractReference contract = new FuzzFixture().reference;
        List<Case> cases = cases();
        Map<String, Integer> tally = new TreeMap<>();
        Set<String> differencesSeen = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (Case k : cases) {
            TokenRejectedException refusal = refusal(bearerguard, k.token());
            boolean ours = refusal == null;
            boolean jose4j = jose4jAccepts(k.token());
            boolean nimbus = nimbusAccepts(k.token());
            boolean allowed = contract.check(k.token()).accepted();
            tally.merge((ours ? "bearerguard+" : "bearerguard-") + (jose4j ? " jose4j+" : " jose4j-")
                    + (nimbus ? " nimbus+" : " nimbus-") + (allowed ? " contract+" : " contract-"), 1, Integer::sum);
            if (System.getProperty("bearerguard.differential.print") != null) {
                System.out.println("DIFF " + k + " bg=" + ours + " jose4j=" + jose4j + " nimbus=" + nimbus + " contract=" + allowed);
            }
            if (jose4j && nimbus && allowed && !ours) {
                problems.add("both peers accept a token the contract allows, Bearerguard refuses: " + k);
            }
            if (allowed && !ours && !FuzzFixture.intendedStricter(refusal)) {
                problems.add("Bearerguard refuses (" + refusal.error() + ") a token the contract allows: " + k);
            }
            if (ours && !allowed) {
                problems.add("Bearerguard accepts a token the contract refuses (" + contract.check(k.token()).refusal() + "): " + k);
            }
            if (jose4j && nimbus && !ours) {
                List<String> listed = k.variants().stream().filter(INTENDED_DIFFERENCES::containsKey).toList();
                if (listed.isEmpty()) {
                    problems.add("both peers accept, Bearerguard refuses, and no variant is an intended difference: " + k);
                }
                differencesSeen.addAll(listed);
            }
        }
        Map<String, String> single = new LinkedHashMap<>(INTENDED_DIFFERENCES);
        single.keySet().removeAll(differencesSeen);
        System.out.println("differential: " + cases.size() + " tokens; outcomes " + tally);
        assertThat(problems).as("disagreements").isEmpty();
        assertThat(single.keySet()).as("listed differences that no longer occur (drop them)").isEmpty();
        assertThat(cases).hasSizeGreaterThan(150);
    }

    private static TokenRejectedException refusal(TokenVerifier v, String token) {
        try {
            v.verify(token);
            return null;
        } catch (TokenRejectedException e) {
            return e;
        }
    }

    @Test
    void aHighSTwinIsAcceptedByAllThreeAsTheContractSays() {
        Case twin = token(HEADERS.get(0), CLAIMS.get(0), SIGNATURES.get(1), "twin");
        TokenVerifier bearerguard = TokenVerifier.builder().keys(KeySet.of(TrustedKey.of(FuzzFixture.PUBLIC)))
                .clock(FuzzFixture.CLOCK).replayPolicy(ReplayPolicy.OFF).build();
        assertThat(refusal(bearerguard, twin.token())).isNull();
        assertThat(jose4jAccepts(twin.token())).isTrue();
        assertThat(nimbusAccepts(twin.token())).isTrue();
    }
}
