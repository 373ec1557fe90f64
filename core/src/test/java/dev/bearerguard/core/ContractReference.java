package dev.bearerguard.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;

/**
 * An independent, deliberately plain reading of {@code docs/contract.md} for API tokens, for fuzz and
 * differential tests to hold the verifier against: Jackson (with duplicate detection) reads the
 * JSON, jose4j checks the signature, and every other rule is written out here again from the
 * contract's text, without calling Bearerguard code. It is stateless: replay is not its business.
 *
 * <p>It answers {@link Verdict#accepted()} only when every rule holds, so "the verifier accepted a
 * token the reference refuses" is a bug in one of them. Thread-safe.
 */
public final class ContractReference {

    /** What the reference checks against, mirroring a verifier's configuration. */
    public record Config(Map<String, PublicKey> keys, Set<String> algorithms, Instant now, Duration skew,
            int maxTokenSize, Duration maxLifetime) {
        public Config {
            keys = Map.copyOf(keys);
            algorithms = Set.copyOf(algorithms);
            Objects.requireNonNull(now);
            Objects.requireNonNull(skew);
        }
    }

    /** The outcome: {@code refusal} is null when accepted; the parsed header and claims when read. */
    public record Verdict(String refusal, JsonNode header, JsonNode claims) {
        public boolean accepted() {
            return refusal == null;
        }
    }

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]+");
    private static final BigDecimal MILLIS = new BigDecimal("1e11");
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    // Jackson's default stops at 1000 characters; StrictJson reads up to 2048.
                    .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(100_000).build()).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    private final Config config;

    public ContractReference(Config config) {
        this.config = config;
    }

    /** Judges one token, jose4j checking its signature. Never throws for any input. */
    public Verdict check(String token) {
        return check(token, false);
    }

    /**
     * As {@link #check(String)}; with {@code signedJustNow} the caller made the signature itself a
     * moment ago with a trusted key, and jose4j's (slow) check of it is skipped: every other rule,
     * the signature's length included, is still checked.
     */
    public Verdict check(String token, boolean signedJustNow) {
        try {
            return checkOrThrow(token, signedJustNow);
        } catch (Refused r) {
            return new Verdict(r.getMessage(), null, null);
        }
    }

    private Verdict checkOrThrow(String token, boolean signedJustNow) {
        require(token != null && !token.isEmpty(), "empty");
        require(token.length() <= config.maxTokenSize(), "too large");
        String[] parts = token.split("\\.", -1);
        require(parts.length == 3, "not three segments");
        byte[][] raw = new byte[3][];
        for (int i = 0; i < 3; i++) {
            require(SEGMENT.matcher(parts[i]).matches(), "segment not base64url");
            try {
                raw[i] = Base64.getUrlDecoder().decode(parts[i]);
            } catch (IllegalArgumentException e) {
                throw new Refused("segment not decodable");
            }
            require(Base64.getUrlEncoder().withoutPadding().encodeToString(raw[i]).equals(parts[i]),
                    "segment not canonical");
        }
        JsonNode header = object(raw[0]);
        JsonNode claims = object(raw[1]);

        // Header (contract 1.2).
        JsonNode typ = header.get("typ");
        require(typ != null && typ.isTextual() && asciiEqualsIgnoreCase(typ.textValue(), "JWT"), "typ");
        require(!header.has("crit"), "crit");
        JsonNode alg = header.get("alg");
        require(alg != null && alg.isTextual() && config.algorithms().contains(alg.textValue()), "alg");
        JsonNode kid = header.get("kid");
        require(kid != null && kid.isTextual() && !kid.textValue().isEmpty(), "kid");
        PublicKey key = config.keys().get(kid.textValue());
        require(key != null, "unknown kid");
        require(keyFits(key, alg.textValue()), "alg does not fit the key");

        // Claims (contract 1.3), API profile.
        BigDecimal exp = time(claims, "exp", true);
        BigDecimal nbf = time(claims, "nbf", true);
        time(claims, "iat", false);
        require(exp.compareTo(nbf) > 0, "exp not after nbf");
        BigDecimal now = BigDecimal.valueOf(config.now().getEpochSecond());
        BigDecimal skew = BigDecimal.valueOf(config.skew().getSeconds());
        require(now.subtract(skew).compareTo(exp.setScale(0, RoundingMode.CEILING)) < 0, "expired");
        require(now.add(skew).compareTo(nbf.setScale(0, RoundingMode.FLOOR)) >= 0, "not yet valid");
        if (config.maxLifetime() != null) {
            require(exp.subtract(nbf).compareTo(BigDecimal.valueOf(config.maxLifetime().getSeconds())) <= 0,
                    "lifetime too long");
        }
        nonEmptyText(claims, "iss");
        nonEmptyText(claims, "jti");
        JsonNode scopes = claims.get("scopes");
        require(scopes != null && scopes.isArray(), "scopes");
        scopes.forEach(s -> require(s.isTextual(), "scope not a string"));
        JsonNode embed = claims.get("embed");
        if (embed != null) {
            require(embed.isObject(), "embed");
            optional(embed, "amount", JsonNode::isNumber);
            optional(embed, "currency", JsonNode::isTextual);
            optional(embed, "buyer_id", JsonNode::isTextual);
            optional(embed, "buyer_external_identifier", JsonNode::isTextual);
            optional(embed, "merchant_account_id", JsonNode::isTextual);
            optional(embed, "metadata", JsonNode::isObject);
            optional(embed, "cart_items", JsonNode::isArray);
        }
        optional(claims, "checkout_session_id", JsonNode::isTextual);

        // Signature (contract 1.4): exact ECDSA length, then jose4j.
        if (alg.textValue().startsWith("ES")) {
            int coordinate = switch (alg.textValue()) {
                case "ES256" -> 32;
                case "ES384" -> 48;
                default -> 66;
            };
            require(raw[2].length == 2 * coordinate, "signature length");
        }
        require(signedJustNow || jose4jVerifies(token, key, alg.textValue()), "bad signature");
        return new Verdict(null, header, claims);
    }

    private static boolean jose4jVerifies(String token, PublicKey key, String alg) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, alg));
            jws.setCompactSerialization(token);
            jws.setKey(key);
            return jws.verifySignature();
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean keyFits(PublicKey key, String alg) {
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return switch (alg) {
                case "ES256" -> bits == 256;
                case "ES384" -> bits == 384;
                case "ES512" -> bits == 521;
                default -> false;
            };
        }
        return key instanceof RSAPublicKey && (alg.startsWith("RS") || alg.startsWith("PS"));
    }

    /** A NumericDate in seconds: a JSON number, 0 ≤ v &lt; 10¹¹. */
    private static BigDecimal time(JsonNode claims, String name, boolean required) {
        JsonNode v = claims.get(name);
        if (v == null) {
            require(!required, name + " missing");
            return null;
        }
        require(v.isNumber(), name + " not a number");
        BigDecimal d = v.decimalValue();
        require(d.signum() >= 0, name + " negative");
        require(d.compareTo(MILLIS) < 0, name + " too large");
        return d;
    }

    private static void nonEmptyText(JsonNode claims, String name) {
        JsonNode v = claims.get(name);
        require(v != null && v.isTextual() && !v.textValue().isEmpty(), name);
    }

    private static void optional(JsonNode node, String name, java.util.function.Predicate<JsonNode> type) {
        JsonNode v = node.get(name);
        require(v == null || type.test(v), name);
    }

    /**
     * Reads any JSON value with the reference's Jackson (RFC 8259 grammar, duplicate names refused,
     * trailing data refused); unlike {@code StrictJson} it has no bound on depth below Jackson's,
     * keeps lone surrogates and reads numbers up to 1000 characters.
     *
     * @throws Exception if Jackson refuses the text
     */
    public static JsonNode readJson(String text) throws Exception {
        if (!asciiHexEscapes(text)) {
            throw new Exception("\\u escape without four ASCII hex digits");
        }
        JsonNode node = JSON.readTree(text);
        if (node == null || node.isMissingNode()) {
            throw new Exception("no JSON value");
        }
        return node;
    }

    /** A strict JSON object: UTF-8, RFC 8259 grammar (Jackson), no duplicates, depth ≤ 16, no lone surrogates. */
    private static JsonNode object(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (Exception e) {
            throw new Refused("not UTF-8");
        }
        int i = 0;
        while (i < text.length() && " \t\r\n".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        require(i < text.length() && text.charAt(i) == '{', "not an object");
        JsonNode node;
        try {
            node = readJson(text);
        } catch (Exception e) {
            throw new Refused("not strict JSON");
        }
        require(node != null && node.isObject(), "not an object");
        require(depth(node) <= 16, "too deep");
        require(noLoneSurrogates(node), "lone surrogate");
        return node;
    }

    /**
     * Whether every {@code \\u} escape has four ASCII hex digits (RFC 8259 §7: HEXDIG). Checked here
     * because Jackson 2.17 reads a non-ASCII character's low byte as a hex digit ({@code \\u000ѣ}
     * passes as {@code \\u000c}); found by {@code StrictJsonFuzzTest}.
     */
    private static boolean asciiHexEscapes(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != '\\') {
                continue;
            }
            i++;
            if (i < text.length() && text.charAt(i) == 'u') {
                if (i + 4 >= text.length()) {
                    return false;
                }
                for (int k = 1; k <= 4; k++) {
                    char h = text.charAt(i + k);
                    if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F'))) {
                        return false;
                    }
                }
                i += 4;
            }
        }
        return true;
    }

    private static int depth(JsonNode n) {
        if (!n.isContainerNode()) {
            return 0;
        }
        int max = 0;
        for (JsonNode c : n) {
            max = Math.max(max, depth(c));
        }
        return max + 1;
    }

    private static boolean noLoneSurrogates(JsonNode n) {
        if (n.isTextual()) {
            return wellFormed(n.textValue());
        }
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!wellFormed(e.getKey()) || !noLoneSurrogates(e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        for (JsonNode c : n) {
            if (!noLoneSurrogates(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean wellFormed(String s) {
        return StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT).canEncode(s);
    }

    private static boolean asciiEqualsIgnoreCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x >= 'a' && x <= 'z') {
                x = (char) (x - 32);
            }
            if (x != y) {
                return false;
            }
        }
        return true;
    }

    private static void require(boolean ok, String why) {
        if (!ok) {
            throw new Refused(why);
        }
    }

    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String why) {
            super(why, null, false, false);
        }
    }
}
