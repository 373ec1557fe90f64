package dev.bearerguard.core.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.core.Algorithm;
import dev.bearerguard.core.internal.JsonWriter;
import dev.bearerguard.core.internal.StrictJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs every Wycheproof ECDSA P1363 vector in {@code ../shared/testvectors/wycheproof/} through the
 * verifier's signature path: each {@code invalid} vector must be refused and each {@code valid} one
 * accepted.
 */
class WycheproofTest {

    /**
     * Valid vectors the JDK 17 provider (SunEC) wrongly refuses: x(R) must be reduced mod n before
     * comparing with r. Listed so this test fails if the set changes; the BouncyCastle path of the
     * performance work accepts them and empties this list.
     */
    static final Set<String> JDK_WRONGLY_REFUSES = Set.of(
            "wycheproof-p521-p1363.jsonl tcId 184", "wycheproof-p521-p1363.jsonl tcId 313",
            "wycheproof-p256-p1363.jsonl tcId 115", "wycheproof-p256-p1363.jsonl tcId 257");

    static Path vectors() {
        String dir = System.getProperty("bearerguard.testvectors", "../../shared/testvectors/wycheproof");
        return Path.of(dir);
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @ValueSource(strings = {"wycheproof-p521-p1363.jsonl", "wycheproof-p256-p1363.jsonl"})
    void signaturePathAgreesWithEveryVector(String file) throws IOException {
        Path f = vectors().resolve(file);
        assertThat(f).as("test vectors must be present (shared/ beside the repo)").exists();
        List<String> disagreements = new ArrayList<>();
        List<Long> knownRefusedAccepted = new ArrayList<>();
        int valid = 0;
        int invalid = 0;
        Set<String> keysSeen = new TreeSet<>();
        for (String line : Files.readAllLines(f)) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> v = StrictJson.parseObject(line);
            Map<String, Object> jwk = (Map<String, Object>) ((Map<String, Object>) v.get("publicKey")).get("jwk");
            TrustedKey key = KeyLoader.fromJson(JsonWriter.write(jwk), "vector").get(0);
            keysSeen.add(key.kid());
            Algorithm alg = Algorithm.fromJoseName((String) v.get("jwsAlg")).orElseThrow();
            byte[] msg = HexFormat.of().parseHex((String) v.get("msgHex"));
            byte[] sig = HexFormat.of().parseHex((String) v.get("sigHex"));
            boolean accepted = key.verifySignature(alg, msg, sig);
            String result = (String) v.get("result");
            long tcId = (Long) v.get("tcId");
            if ("valid".equals(result)) {
                valid++;
                if (accepted && JDK_WRONGLY_REFUSES.contains(file + " tcId " + tcId)) {
                    knownRefusedAccepted.add(tcId);
                }
                if (!accepted && !JDK_WRONGLY_REFUSES.contains(file + " tcId " + tcId)) {
                    disagreements.add("tcId " + tcId + " valid but refused (" + v.get("comment") + ")");
                }
            } else if ("invalid".equals(result)) {
                invalid++;
                if (accepted) {
                    disagreements.add("tcId " + tcId + " invalid but accepted (" + v.get("comment") + ")");
                }
            }
        }
        assertThat(valid + invalid).isGreaterThan(200);
        assertThat(disagreements).isEmpty();
        assertThat(knownRefusedAccepted).as("now accepted: remove from JDK_WRONGLY_REFUSES").isEmpty();
    }
}
