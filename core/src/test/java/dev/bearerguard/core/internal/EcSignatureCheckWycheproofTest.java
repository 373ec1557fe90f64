package dev.bearerguard.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.core.Algorithm;
import dev.bearerguard.core.internal.Wycheproof.Vector;
import dev.bearerguard.core.keys.TrustedKey;
import java.io.IOException;
import java.math.BigInteger;
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
 * Runs every Wycheproof ECDSA P1363 vector (P-256, P-384, P-521; vendored with their licence under
 * {@code src/test/resources/testvectors/wycheproof}) through every EC path: the production entry
 * ({@link TrustedKey#verifySignature}), the plain BouncyCastle path and the comb-table path must all
 * give the vector's result. No file in these sets is marked {@code acceptable}; a test pins that.
 */
class EcSignatureCheckWycheproofTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Map<String, EcSignatureCheck> CHECKS = new ConcurrentHashMap<>();
    private static final Map<String, TrustedKey> TRUSTED = new ConcurrentHashMap<>();
    private static final Map<EcSignatureCheck, Comb> TABLES = java.util.Collections.synchronizedMap(new IdentityHashMap<>());
    private static final Map<EcSignatureCheck, Comb> SMALL_TABLES = java.util.Collections.synchronizedMap(new IdentityHashMap<>());

    static List<Vector> vectors() throws IOException {
        return Wycheproof.vectors(Wycheproof.ECDSA_FILES);
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
        String hash = switch (v.alg()) {
            case ES256 -> "SHA-256";
            case ES384 -> "SHA-384";
            default -> "SHA-512";
        };
        return java.security.MessageDigest.getInstance(hash).digest(v.msg());
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
    void verifyWhenWycheproofVectorThenSmallCombPathGivesItsResult(Vector v) throws Exception {
        EcSignatureCheck check = check(v);
        Comb table = SMALL_TABLES.computeIfAbsent(check, EcSignatureCheck::buildSmallTable);
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
    void vectorsWhenLoadedThenEveryCurveAndBothResultsAreCovered() throws IOException {
        List<Vector> all = vectors();
        assertThat(all).hasSize(262 + 280 + 318);
        for (Algorithm alg : List.of(Algorithm.ES256, Algorithm.ES384, Algorithm.ES512)) {
            assertThat(all).filteredOn(v -> v.alg() == alg && v.valid()).as(alg + " valid").isNotEmpty();
            assertThat(all).filteredOn(v -> v.alg() == alg && v.result().equals("invalid")).as(alg + " invalid").isNotEmpty();
        }
        assertThat(all).extracting(Vector::result).containsOnly("valid", "invalid");
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
