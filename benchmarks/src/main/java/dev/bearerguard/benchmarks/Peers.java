package dev.bearerguard.benchmarks;

import com.auth0.jwt.JWT;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.bearerguard.core.Algorithm;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.keys.JwkThumbprint;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * The same verification done by bearerguard and by each peer, each configured as its
 * documentation shows with its defaults, for one key.
 */
public final class Peers {

    /** One verification of a whole compact token; returns something derived from it. */
    @FunctionalInterface
    public interface Check {
        Object verify(String token) throws Exception;
    }

    /** The implementations measured. */
    public enum Impl {
        BEARERGUARD, JOSE4J, NIMBUS, AUTH0, JDK
    }

    private Peers() {
    }

    /**
     * @throws Exception if the peer cannot be set up for this key
     */
    public static Check of(Impl impl, Algorithm alg, KeyPair pair) throws Exception {
        switch (impl) {
            case BEARERGUARD: {
                TokenVerifier v = Fixtures.verifier(pair, alg);
                return v::verify;
            }
            case JOSE4J: {
                JwtConsumer c = new JwtConsumerBuilder().setVerificationKey(pair.getPublic()).build();
                return c::processToClaims;
            }
            case NIMBUS: {
                String kid = JwkThumbprint.of(pair.getPublic());
                JWK jwk = alg.family() == Algorithm.Family.EC
                        ? new ECKey.Builder(com.nimbusds.jose.jwk.Curve.forECParameterSpec(
                                ((ECPublicKey) pair.getPublic()).getParams()), (ECPublicKey) pair.getPublic()).keyID(kid).build()
                        : new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyID(kid).build();
                DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
                p.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.parse(alg.name()),
                        new ImmutableJWKSet<>(new JWKSet(jwk))));
                return t -> p.process(t, null);
            }
            case AUTH0: {
                com.auth0.jwt.algorithms.Algorithm a = switch (alg) {
                    case ES512 -> com.auth0.jwt.algorithms.Algorithm.ECDSA512((ECPublicKey) pair.getPublic(), null);
                    case ES256 -> com.auth0.jwt.algorithms.Algorithm.ECDSA256((ECPublicKey) pair.getPublic(), null);
                    case RS256 -> com.auth0.jwt.algorithms.Algorithm.RSA256((RSAPublicKey) pair.getPublic(), null);
                    default -> throw new IllegalArgumentException(alg.name());
                };
                com.auth0.jwt.interfaces.JWTVerifier v = JWT.require(a).build();
                return v::verify;
            }
            case JDK: {
                // The bare provider: no parsing, no claim checks; the floor every JDK-based peer sits on.
                ThreadLocal<Signature> sigs = ThreadLocal.withInitial(() -> {
                    try {
                        Signature s = Signature.getInstance(alg.jcaName());
                        s.initVerify(pair.getPublic());
                        return s;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                Base64.Decoder b64 = Base64.getUrlDecoder();
                return t -> {
                    int dot = t.lastIndexOf('.');
                    Signature s = sigs.get();
                    s.update(t.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
                    if (!s.verify(b64.decode(t.substring(dot + 1)))) {
                        throw new IllegalStateException("bad signature");
                    }
                    return Boolean.TRUE;
                };
            }
            default:
                throw new IllegalArgumentException(impl.name());
        }
    }
}
