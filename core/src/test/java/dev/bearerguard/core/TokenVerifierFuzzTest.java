package dev.bearerguard.core;

import static dev.bearerguard.core.FuzzFixture.KID;
import static dev.bearerguard.core.FuzzFixture.T;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bearerguard.core.json.JsonWriter;
import dev.bearerguard.core.json.StrictJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Fuzz targets for {@link TokenVerifier#verify}: any text, and real tokens mutated (without
 * re-signing, as text; and with re-signing, as JSON text or as JSON structure), so the fuzzer
 * reaches the claim checks and the signature check alike. Every input is judged by {@link
 * FuzzFixture#judge}; see there for the properties. On top:
 * <ul>
 *   <li>{@link #verifyAnyText}: a token accepted, or refused only as {@code replayed} (which the
 *       verifier checks after the signature), carries a signing input the test key signed: one of
 *       {@link #SEEDS}. So no mutation of a signed token passes without re-signing.</li>
 *   <li>{@link #verifyResignedJson} and {@link #verifyMutatedClaims}: the reference and the
 *       verifier agree on every token the test key signed, up to the listed intended differences.</li>
 * </ul>
 * Jazzer runs each target on its committed inputs ({@code TokenVerifierFuzzTestInputs/<target>/},
 * seeds and every finding) in every build; {@code JAZZER_FUZZ=1} fuzzes (see {@code docs/testing.md}).
 */
class TokenVerifierFuzzTest {

    /** The (header, claims) pairs the seed tokens sign: the only signing inputs the fuzzer can own. */
    static final List<String[]> SEEDS = List.of(
            new String[] {FuzzFixture.header(), FuzzFixture.claims("seed-1")},
            new String[] {"{\"typ\":\"jwt\",\"kid\":\"" + KID + "\",\"alg\":\"ES512\",\"jku\":\"https://x.example/jwks\"}",
                    "{\"iss\":\"gr4vy-node/2.0\",\"nbf\":" + T + ",\"exp\":" + (T + 3600) + ",\"jti\":\"seed-embed\","
                            + "\"scopes\":[\"embed\"],\"embed\":{\"amount\":1299,\"currency\":\"USD\",\"buyer_id\":\"b-1\","
                            + "\"metadata\":{\"k\":\"v\"},\"cart_items\":[{\"sku\":\"x\",\"quantity\":1}]},"
                            + "\"checkout_session_id\":\"cs-1\"}"},
            // exp = now - 58.999999: inside the 60 s skew once rounded up (the case of issue 11, defect 2).
            new String[] {FuzzFixture.header(), "{\"iss\":\"sdk\",\"nbf\":" + (T - 120) + ".25,\"exp\":" + (T - 59)
                    + ".000001,\"jti\":\"seed-edge-exp\",\"scopes\":[]}"},
            new String[] {FuzzFixture.header(), "{\"iss\":\"sdk\",\"nbf\":" + (T + 60) + ",\"exp\":" + (T + 120)
                    + ",\"iat\":" + (T + 3600) + ",\"jti\":\"seed-edge-nbf\",\"scopes\":[\"transactions.read\"],"
                    + "\"x\":[null,true,false,-0,1e-3,\"\\u00e9\\ud83d\\ude00\"]}"});

    static final Set<String> SIGNED = SEEDS.stream()
            .map(p -> FuzzFixture.signingInput(p[0].getBytes(StandardCharsets.UTF_8), p[1].getBytes(StandardCharsets.UTF_8)))
            .collect(Collectors.toUnmodifiableSet());

    private final FuzzFixture fixture = new FuzzFixture();

    /** Any text as a token; the seeds are the signed {@link #SEEDS}, so mutations of them come first. */
    @FuzzTest(maxDuration = "60s")
    @DictionaryEntries({"eyJ", ".", "-", "_", "AAAA"})
    void verifyAnyText(byte[] data) {
        String token = new String(data, StandardCharsets.ISO_8859_1);
        FuzzFixture.Outcome o = fixture.judge(token);
        boolean passedTheSignature = o.accepted()
                || (o.rejection() != null && o.rejection().reason() == Reason.REPLAYED);
        if (passedTheSignature) {
            assertThat(SIGNED).as("a token passed the signature check with a signing input the key never signed")
                    .contains(token.substring(0, token.lastIndexOf('.')));
        }
    }

    /** Header JSON, a 0 byte, claims JSON: mutated as bytes, then signed with the test key. */
    @FuzzTest(maxDuration = "60s")
    @DictionaryEntries({"\"typ\"", "\"JWT\"", "\"alg\"", "\"ES512\"", "\"kid\"", "\"crit\"", "\"exp\"", "\"nbf\"",
            "\"iat\"", "\"iss\"", "\"jti\"", "\"scopes\"", "\"embed\"", "\"amount\"", "\"currency\"", "\"metadata\"",
            "\"cart_items\"", "\"checkout_session_id\"", "\"embed\"", "null", "true", "e+", "E-", ".9", "\\u", "\\ud800",
            "1e1000", "99999999999", "[[[[", "{\"a\":"})
    void verifyResignedJson(byte[] data) {
        int zero = indexOf(data, (byte) 0);
        byte[] header = zero < 0 ? FuzzFixture.header().getBytes(StandardCharsets.UTF_8) : slice(data, 0, zero);
        byte[] claims = zero < 0 ? data : slice(data, zero + 1, data.length);
        fixture.judgeSigned(FuzzFixture.sign(header, claims));
    }

    /** Valid header and claims changed member by member (names, types, times near now), then signed. */
    @FuzzTest(maxDuration = "60s")
    void verifyMutatedClaims(FuzzedDataProvider data) {
        Map<String, Object> header = new LinkedHashMap<>(StrictJson.parseObject(SEEDS.get(1)[0]));
        Map<String, Object> claims = new LinkedHashMap<>(StrictJson.parseObject(SEEDS.get(1)[1]));
        claims.put("jti", "m-" + data.consumeInt());
        int ops = data.consumeInt(0, 8);
        for (int i = 0; i < ops; i++) {
            boolean inHeader = data.consumeInt(0, 4) == 0;
            Map<String, Object> target = inHeader ? header : claims;
            if (!inHeader && data.consumeBoolean()) {
                Object e = claims.get("embed");
                if (e instanceof Map<?, ?> m) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> embed = new LinkedHashMap<>((Map<String, Object>) m);
                    claims.put("embed", embed);
                    target = embed;
                }
            }
            String name = data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeString(12);
            if (data.consumeInt(0, 5) == 0) {
                target.remove(name);
            } else {
                target.put(name, value(data, 0));
            }
        }
        fixture.judgeSigned(FuzzFixture.sign(JsonWriter.write(header), JsonWriter.write(claims)));
    }

    static final List<String> NAMES = List.of("typ", "alg", "kid", "crit", "jku", "exp", "nbf", "iat", "iss", "jti",
            "scopes", "embed", "amount", "currency", "buyer_id", "buyer_external_identifier", "metadata", "cart_items",
            "checkout_session_id", "merchant_account_id");

    private static Object value(FuzzedDataProvider data, int depth) {
        switch (data.consumeInt(0, depth >= 3 ? 7 : 9)) {
            case 0: return T + data.consumeLong(-200, 200);
            case 1: return new BigDecimal(BigInteger.valueOf(T + data.consumeInt(-120, 120)).multiply(BigInteger.TEN.pow(6))
                    .add(BigInteger.valueOf(data.consumeInt(0, 999_999))), 6);
            case 2: return data.consumeLong();
            case 3: return new BigDecimal(BigInteger.valueOf(data.consumeLong()), data.consumeInt(-40, 40));
            case 4: return data.consumeString(40);
            case 5: return data.pickValue(List.of("ES512", "ES256", "RS256", "none", "HS256", "JWT", "jwt", KID, "embed",
                    "*.read", "*.write", "USD", ""));
            case 6: return data.consumeBoolean();
            case 7: return StrictJson.NULL;
            case 8: {
                List<Object> l = new ArrayList<>();
                int n = data.consumeInt(0, 4);
                for (int i = 0; i < n; i++) {
                    l.add(value(data, depth + 1));
                }
                return l;
            }
            default: {
                Map<String, Object> m = new LinkedHashMap<>();
                int n = data.consumeInt(0, 4);
                for (int i = 0; i < n; i++) {
                    m.put(data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeString(8), value(data, depth + 1));
                }
                return m;
            }
        }
    }

    // --- the seed corpus stays meaningful ---------------------------------------------------------

    @Test
    void seedTokensInTheCorpusAreAcceptedAndSingleUseOnesThenReplayed() throws Exception {
        FuzzFixture f = new FuzzFixture();
        List<Path> seeds = inputs("verifyAnyText").filter(p -> p.getFileName().toString().startsWith("seed-")).toList();
        assertThat(seeds).hasSizeGreaterThanOrEqualTo(SEEDS.size());
        int accepted = 0;
        for (Path p : seeds) {
            String token = Files.readString(p, StandardCharsets.ISO_8859_1);
            if (SIGNED.contains(token.substring(0, Math.max(0, token.lastIndexOf('.'))))) {
                FuzzFixture.Outcome first = f.judge(token);
                assertThat(first.accepted()).as(p.getFileName().toString()).isTrue();
                FuzzFixture.Outcome again = f.judge(token);
                if (first.token().scopes().declared().contains("embed")) {
                    assertThat(again.accepted()).as("an embed token may come back").isTrue();
                } else {
                    assertThat(again.rejection().reason()).isEqualTo(Reason.REPLAYED);
                }
                accepted++;
            }
        }
        assertThat(accepted).isEqualTo(SEEDS.size());
    }

    @Test
    void seedJsonInTheCorpusIsAcceptedOnceSigned() throws Exception {
        FuzzFixture f = new FuzzFixture();
        List<Path> seeds = inputs("verifyResignedJson").filter(p -> p.getFileName().toString().startsWith("seed-")).toList();
        assertThat(seeds).hasSize(SEEDS.size());
        for (Path p : seeds) {
            byte[] b = Files.readAllBytes(p);
            int zero = indexOf(b, (byte) 0);
            assertThat(f.judge(FuzzFixture.sign(slice(b, 0, zero), slice(b, zero + 1, b.length))).accepted())
                    .as(p.getFileName().toString()).isTrue();
        }
    }

    /**
     * Rewrites the seed files from {@link #SEEDS} after changing them; findings in the same folders
     * are left alone. A tool, not a test: excluded from {@code mvn verify} (tag {@code tool}); run it
     * as core's pom says next to {@code tools.excluded}.
     */
    @Test
    @org.junit.jupiter.api.Tag("tool")
    @EnabledIfSystemProperty(named = "bearerguard.fuzz.writeSeeds", matches = "true")
    void writeSeeds() throws Exception {
        Path base = Path.of("src/test/resources/dev/bearerguard/core/TokenVerifierFuzzTestInputs");
        Files.createDirectories(base.resolve("verifyAnyText"));
        Files.createDirectories(base.resolve("verifyResignedJson"));
        Files.createDirectories(base.resolve("verifyMutatedClaims"));
        for (int i = 0; i < SEEDS.size(); i++) {
            String[] p = SEEDS.get(i);
            Files.writeString(base.resolve("verifyAnyText/seed-" + i), FuzzFixture.sign(p[0], p[1]), StandardCharsets.ISO_8859_1);
            Files.write(base.resolve("verifyResignedJson/seed-" + i),
                    (p[0] + "\u0000" + p[1]).getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(base.resolve("verifyAnyText/seed-issue-11-defect-1"),
                "eyJhbGciOiJFUzUxMiIsInR5cCI6IkpXVCIsImtpZCI6IngiLCJuIjoxZTk5OTk5OTk5OTk5fQ.e30.AAAA");
        Files.writeString(base.resolve("verifyAnyText/seed-garbage"), "a.b.c");
        Files.write(base.resolve("verifyMutatedClaims/seed-unchanged"), new byte[0]);
        Files.write(base.resolve("verifyMutatedClaims/seed-some-ops"),
                new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30});
    }

    static Stream<Path> inputs(String target) throws Exception {
        Path dir = Path.of(TokenVerifierFuzzTest.class.getResource("TokenVerifierFuzzTestInputs/" + target).toURI());
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList().stream();
        }
    }

    static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }
}
