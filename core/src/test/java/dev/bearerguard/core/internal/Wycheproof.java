package dev.bearerguard.core.internal;

import dev.bearerguard.core.json.StrictJson;
import dev.bearerguard.core.Algorithm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reads the Wycheproof signature vectors vendored under {@code src/test/resources/testvectors/wycheproof}
 * (C2SP/wycheproof {@code testvectors_v1/}, Apache-2.0; the commit is in {@code SOURCE_COMMIT}
 * beside them). A missing or unreadable file fails the test that asked for it: it never skips.
 */
final class Wycheproof {

    private static final HexFormat HEX = HexFormat.of();
    static final String DIR = "/testvectors/wycheproof/";

    /** Every ECDSA P1363 file with the algorithm it exercises. */
    static final Map<String, Algorithm> ECDSA_FILES = Map.of(
            "ecdsa_secp256r1_sha256_p1363_test.json", Algorithm.ES256,
            "ecdsa_secp384r1_sha384_p1363_test.json", Algorithm.ES384,
            "ecdsa_secp521r1_sha512_p1363_test.json", Algorithm.ES512);

    /** Every RSA file with the JWS algorithm it exercises (PSS: salt = hash length, MGF1 with the same hash). */
    static final Map<String, Algorithm> RSA_FILES = Map.ofEntries(
            Map.entry("rsa_signature_2048_sha256_test.json", Algorithm.RS256),
            Map.entry("rsa_signature_2048_sha384_test.json", Algorithm.RS384),
            Map.entry("rsa_signature_2048_sha512_test.json", Algorithm.RS512),
            Map.entry("rsa_signature_3072_sha256_test.json", Algorithm.RS256),
            Map.entry("rsa_signature_3072_sha384_test.json", Algorithm.RS384),
            Map.entry("rsa_signature_3072_sha512_test.json", Algorithm.RS512),
            Map.entry("rsa_signature_4096_sha384_test.json", Algorithm.RS384),
            Map.entry("rsa_signature_4096_sha512_test.json", Algorithm.RS512),
            Map.entry("rsa_pss_2048_sha256_mgf1_32_test.json", Algorithm.PS256),
            Map.entry("rsa_pss_2048_sha384_mgf1_48_test.json", Algorithm.PS384),
            Map.entry("rsa_pss_3072_sha256_mgf1_32_test.json", Algorithm.PS256),
            Map.entry("rsa_pss_4096_sha384_mgf1_48_test.json", Algorithm.PS384),
            Map.entry("rsa_pss_4096_sha512_mgf1_64_test.json", Algorithm.PS512));

    /** One test case: the key (X.509 DER), the message, the signature and the expected result. */
    record Vector(String file, int tcId, Algorithm alg, String keyDerHex, byte[] msg, byte[] sig, String result,
            List<String> flags, String comment) {
        boolean valid() {
            return result.equals("valid");
        }

        @Override
        public String toString() {
            return file + " tcId " + tcId + " (" + result + ": " + comment + ")";
        }
    }

    private Wycheproof() {
    }

    /** The file's text from the test class path; a missing file is an error, not a skip. */
    static String read(String name) throws IOException {
        try (InputStream in = Wycheproof.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IOException("test vector file " + DIR + name + " is missing from the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every vector of {@code file}, whatever its result. */
    @SuppressWarnings("unchecked")
    static List<Vector> vectors(String file, Algorithm alg) throws IOException {
        Map<String, Object> doc;
        try {
            doc = StrictJson.parseObject(read(file));
        } catch (StrictJson.JsonException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        List<Vector> out = new ArrayList<>();
        for (Object g : (List<Object>) doc.get("testGroups")) {
            Map<String, Object> group = (Map<String, Object>) g;
            String keyDer = (String) group.get("publicKeyDer");
            for (Object t : (List<Object>) group.get("tests")) {
                Map<String, Object> test = (Map<String, Object>) t;
                List<String> flags = new ArrayList<>();
                for (Object f : (List<Object>) test.get("flags")) {
                    flags.add((String) f);
                }
                out.add(new Vector(file, ((Number) test.get("tcId")).intValue(), alg, keyDer,
                        HEX.parseHex((String) test.get("msg")), HEX.parseHex((String) test.get("sig")),
                        (String) test.get("result"), List.copyOf(flags), (String) test.get("comment")));
            }
        }
        if (out.size() != ((Number) doc.get("numberOfTests")).intValue()) {
            throw new IOException(file + ": read " + out.size() + " vectors, the file announces " + doc.get("numberOfTests"));
        }
        return out;
    }

    /** Every vector of every file in {@code files}. */
    static List<Vector> vectors(Map<String, Algorithm> files) throws IOException {
        List<Vector> out = new ArrayList<>();
        for (Map.Entry<String, Algorithm> e : new java.util.TreeMap<>(files).entrySet()) {
            out.addAll(vectors(e.getKey(), e.getValue()));
        }
        return out;
    }
}
