package dev.bearerguard.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.core.Algorithm;
import dev.bearerguard.core.keys.TrustedKey;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every Wycheproof P-521 and P-256 P1363 vector through the EC path: the production entry
 * ({@link TrustedKey#verifySignature}), the plain BouncyCastle path and the comb-table path must all
 * give the vector's result.
 */
class EcSignatureCheckWycheproofTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Map<String, EcSignatureCheck> CHECKS = new ConcurrentHashMap<>();
    private static final Map<String, TrustedKey> TRUSTED = new ConcurrentHashMap<>();
    private static final Map<EcSignatureCheck, Comb> TABLES = java.util.Collections.synchronizedMap(new IdentityHashMap<>());

    record Vector(String file, int tcId, Algorithm alg, String keyDerHex, byte[] msg, byte[] sig, boolean valid,
            String comment) {
        @Override
        public String toString() {
            return file + " tcId " + tcId + " (" + (valid ? "valid" : "invalid") + ": " + comment + ")";
        }
    }

    static Path dir() {
        String configured = System.getProperty("bearerguard.testvectors");
        return Path.of(configured != null ? configured : "../../shared/testvectors/wycheproof");
    }

    static List<Vector> vectors() throws IOException {
        List<Vector> out = new ArrayList<>();
        for (String file : List.of("wycheproof-p521-p1363.jsonl", "wycheproof-p256-p1363.jsonl")) {
            for (String line : Files.readAllLines(dir().resolve(file))) {
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> v = StrictJson.parseObject(line);
                String result = (String) v.get("result");
                if (!result.equals("valid") && !result.equals("invalid")) {
                    continue; // "acceptable" would leave the choice open; none occur in these files
                }
                out.add(new Vector(file, ((Number) v.get("tcId")).intValue(),
                        Algorithm.fromJoseName((String) v.get("jwsAlg")).orElseThrow(),
                        (String) v.get("publicKeyDerHex"), HEX.parseHex((String) v.get("msgHex")),
                        HEX.parseHex((String) v.get("sigHex")), result.equals("valid"), (String) v.get("comment")));
            }
        }
        return out;
    }

    static Stream<Vector> allVectors() throws IOException {
        return vectors().stream();
    }

    private static ECPublicKey key(Vector v) {
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(HEX.parseHex(v.keyDerHex())));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static EcSignatureCheck check(Vector v) {
        // A private table cache with no budget: the production path stays plain here, so each
        // path is exercised explicitly below.
        return CHECKS.computeIfAbsent(v.alg() + v.keyDerHex(),
                k -> new EcSignatureCheck(v.alg(), key(v), new EcTables(0, Runnable::run)));
    }

    private static byte[] digest(Vector v) throws GeneralSecurityException {
        return java.security.MessageDigest.getInstance(v.alg() == Algorithm.ES512 ? "SHA-512" : "SHA-256")
                .digest(v.msg());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allVectors")
    void verifyWhenWycheproofVectorThenPlainPathGivesItsResult(Vector v) throws Exception {
        EcSignatureCheck check = check(v);
        BigInteger[] rs = check.parse(v.sig());
        boolean ok = rs != null && check.verifyPlain(digest(v), rs[0], rs[1]);
        assertThat(ok).as(v.toString()).isEqualTo(v.valid());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allVectors")
    void verifyWhenWycheproofVectorThenCombPathGivesItsResult(Vector v) throws Exception {
        EcSignatureCheck check = check(v);
        Comb table = TABLES.computeIfAbsent(check, EcSignatureCheck::buildTable);
        BigInteger[] rs = check.parse(v.sig());
        boolean ok = rs != null && check.verifyFast(table, digest(v), rs[0], rs[1]);
        assertThat(ok).as(v.toString()).isEqualTo(v.valid());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allVectors")
    void verifyWhenWycheproofVectorThroughTrustedKeyThenItsResult(Vector v) {
        TrustedKey key = TRUSTED.computeIfAbsent(v.keyDerHex(), k -> TrustedKey.of(key(v)));
        assertThat(key.verifySignature(v.alg(), v.msg(), v.sig())).as(v.toString()).isEqualTo(v.valid());
    }

    @Test
    void vectorsWhenLoadedThenBothCurvesAndBothResultsAreCovered() throws IOException {
        List<Vector> all = vectors();
        assertThat(all).hasSize(318 + 262);
        assertThat(all).filteredOn(v -> v.alg() == Algorithm.ES512 && v.valid()).isNotEmpty();
        assertThat(all).filteredOn(v -> v.alg() == Algorithm.ES256 && !v.valid()).isNotEmpty();
    }

    /**
     * The vectors the JDK gets wrong (valid ones where x(R) ≥ n must be reduced, which SunEC refuses;
     * short signatures its P1363 mode accepts) are answered correctly here.
     */
    @Test
    void verifyWhenJdkDisagreesWithWycheproofThenThisPathAgrees() throws Exception {
        int jdkWrong = 0;
        for (Vector v : vectors()) {
            boolean jdk;
            try {
                java.security.Signature s = java.security.Signature.getInstance(v.alg().jcaName());
                s.initVerify(key(v));
                s.update(v.msg());
                jdk = s.verify(v.sig());
            } catch (java.security.SignatureException e) {
                jdk = false;
            }
            if (jdk != v.valid()) {
                jdkWrong++;
                assertThat(TrustedKey.of(key(v)).verifySignature(v.alg(), v.msg(), v.sig()))
                        .as(v.toString()).isEqualTo(v.valid());
            }
        }
        assertThat(jdkWrong).as("vectors the bare JDK provider answers wrongly").isGreaterThanOrEqualTo(4);
    }
}
