package dev.bearerguard.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.core.Algorithm;
import dev.bearerguard.core.internal.Wycheproof.Vector;
import dev.bearerguard.core.keys.TrustedKey;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every Wycheproof RSA PKCS#1 v1.5 and PSS vector for the RSA algorithms the verifier accepts
 * (2048-bit keys and up; SHA-256/384/512; PSS with a salt of the hash length and MGF1 with the same
 * hash, as RFC 7518 §3.5 requires) through the production entry, {@link TrustedKey#verifySignature},
 * for a key pinned to the vector's algorithm and for an RSA key left open to every RSA algorithm.
 *
 * <p>{@code acceptable} vectors (one per PKCS#1 file: a legacy encoding of the hash's
 * {@code AlgorithmIdentifier} without its NULL parameters, flag {@code MissingNull}) are decided
 * here as <b>refused</b>: RFC 8017 §9.2 encodes the parameters as NULL, the field's signers all
 * write them, and accepting a second encoding of the same signature buys nothing. The test pins
 * that decision, so a provider change that starts accepting them is noticed.
 */
class RsaSignatureCheckWycheproofTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Map<String, TrustedKey> PINNED = new ConcurrentHashMap<>();
    private static final Map<String, TrustedKey> OPEN = new ConcurrentHashMap<>();

    static List<Vector> vectors() throws IOException {
        return Wycheproof.vectors(Wycheproof.RSA_FILES);
    }

    static Stream<Vector> allVectors() throws IOException {
        return vectors().stream();
    }

    private static PublicKey key(Vector v) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(HEX.parseHex(v.keyDerHex())));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(v + ": " + e, e);
        }
    }

    /** What the verifier must answer: valid → accept; invalid and acceptable → refuse (see the class comment). */
    private static boolean expected(Vector v) {
        return v.valid();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allVectors")
    void verifyWhenWycheproofVectorThroughAKeyPinnedToItsAlgorithmThenItsResult(Vector v) {
        TrustedKey key = PINNED.computeIfAbsent(v.alg() + v.keyDerHex(), k -> TrustedKey.of(key(v), "pinned", v.alg()));
        assertThat(key.verifySignature(v.alg(), v.msg(), v.sig())).as(v.toString()).isEqualTo(expected(v));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allVectors")
    void verifyWhenWycheproofVectorThroughAnOpenRsaKeyThenItsResult(Vector v) {
        TrustedKey key = OPEN.computeIfAbsent(v.keyDerHex(), k -> TrustedKey.of(key(v)));
        assertThat(key.verifySignature(v.alg(), v.msg(), v.sig())).as(v.toString()).isEqualTo(expected(v));
    }

    @Test
    void vectorsWhenLoadedThenEveryAlgorithmAndEveryResultIsCovered() throws IOException {
        List<Vector> all = vectors();
        assertThat(all).hasSize(2749);
        for (Algorithm alg : List.of(Algorithm.RS256, Algorithm.RS384, Algorithm.RS512,
                Algorithm.PS256, Algorithm.PS384, Algorithm.PS512)) {
            assertThat(all).filteredOn(v -> v.alg() == alg && v.valid()).as(alg + " valid").isNotEmpty();
            assertThat(all).filteredOn(v -> v.alg() == alg && v.result().equals("invalid")).as(alg + " invalid").isNotEmpty();
        }
        assertThat(all).filteredOn(v -> v.result().equals("acceptable"))
                .as("acceptable vectors are only the MissingNull legacy encoding")
                .isNotEmpty()
                .allSatisfy(v -> assertThat(v.flags()).contains("MissingNull"));
    }
}
