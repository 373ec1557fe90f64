package dev.bearerguard.benchmarks;

import dev.bearerguard.core.Algorithm;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.replay.ReplayPolicy;
import dev.bearerguard.test.TokenSigner;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Keys and tokens shared by the benchmarks: one key pair per algorithm and contract tokens (the
 * field's SDK shape: ES512/ES256/RS256, {@code typ} JWT, {@code kid} thumbprint, UUID {@code jti},
 * one hour of life) that every peer library accepts.
 */
public final class Fixtures {

    /** How many distinct tokens the cold benchmarks cycle through. */
    public static final int TOKENS = 256;

    private Fixtures() {
    }

    /** A fresh key pair for {@code alg} (P-521, P-256 or RSA-2048). */
    public static KeyPair keyPair(Algorithm alg) {
        try {
            if (alg.family() == Algorithm.Family.RSA) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                return g.generateKeyPair();
            }
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(switch (alg) {
                case ES256 -> "secp256r1";
                case ES384 -> "secp384r1";
                default -> "secp521r1";
            }));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signer for {@code pair} writing {@code alg}. */
    public static TokenSigner signer(KeyPair pair, Algorithm alg) {
        return TokenSigner.of(pair.getPrivate(), pair.getPublic()).withAlgorithm(alg);
    }

    /** {@code count} distinct server-to-server tokens, valid for an hour from now. */
    public static List<String> tokens(TokenSigner signer, int count) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(signer.token().lifetime(Duration.ofHours(1)).sign());
        }
        return out;
    }

    /**
     * A bearerguard verifier for one key, as a deployment would configure it, but with the replay
     * check off so the same tokens can be verified again and again (the replay cache is measured
     * on its own).
     */
    public static TokenVerifier verifier(KeyPair pair, Algorithm alg) {
        return TokenVerifier.builder()
                .keys(KeySet.of(TrustedKey.of(pair.getPublic(), null, alg)))
                .algorithms(alg)
                .replayPolicy(ReplayPolicy.OFF)
                .build();
    }
}
