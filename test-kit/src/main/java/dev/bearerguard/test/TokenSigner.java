package dev.bearerguard.test;

import dev.bearerguard.core.Algorithm;
import dev.bearerguard.core.json.JsonWriter;
import dev.bearerguard.core.keys.JwkThumbprint;
import dev.bearerguard.core.keys.KeyLoadException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Mints contract tokens the way the field's SDKs do: {@code {"alg":"ES512","typ":"JWT","kid":…}}
 * with the RFC 7638 thumbprint as {@code kid}, a 132-byte R‖S signature, a UUID {@code jti},
 * integer times and {@code nbf == iat}. For tests, demos and tools: users mint tokens with it in
 * their own tests.
 *
 * <pre>{@code
 * TokenSigner signer = TokenSigner.fromPem(Files.readString(Path.of("private.pem")));
 * String token = signer.token().scopes("transactions.read").lifetime(Duration.ofMinutes(1)).sign();
 * }</pre>
 *
 * <p>A signer is immutable and thread-safe; each {@link #token()} returns a fresh, unshared
 * {@link Draft}.
 */
public final class TokenSigner {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();


    private final PrivateKey privateKey;
    private final Algorithm algorithm;
    private final String kid;
    private final Clock clock;

    private TokenSigner(PrivateKey privateKey, Algorithm algorithm, String kid, Clock clock) {
        this.privateKey = privateKey;
        this.algorithm = algorithm;
        this.kid = kid;
        this.clock = clock;
    }

    /**
     * A signer for a PEM private key (PKCS#8 or SEC1): EC keys sign with the algorithm of their
     * curve, RSA keys with RS256; {@code kid} is the public key's RFC 7638 thumbprint.
     *
     * @throws KeyLoadException if the PEM holds no usable private key
     */
    public static TokenSigner fromPem(String pem) {
        PrivateKey k = PemKeys.readPrivateKey(pem);
        return of(k, PemKeys.publicKeyOf(k));
    }

    /**
     * A signer for a key pair; {@code kid} is the public key's thumbprint.
     *
     * @throws KeyLoadException if the key is not EC (P-256/384/521) or RSA
     */
    public static TokenSigner of(PrivateKey privateKey, PublicKey publicKey) {
        Algorithm alg;
        if (privateKey instanceof ECPrivateKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            alg = bits == 256 ? Algorithm.ES256 : bits == 384 ? Algorithm.ES384 : bits == 521 ? Algorithm.ES512 : null;
            if (alg == null) {
                throw new KeyLoadException("EC key is not on P-256, P-384 or P-521");
            }
        } else if ("RSA".equals(privateKey.getAlgorithm())) {
            alg = Algorithm.RS256;
        } else {
            throw new KeyLoadException("unsupported private key type " + privateKey.getAlgorithm());
        }
        return new TokenSigner(privateKey, alg, JwkThumbprint.of(publicKey), Clock.systemUTC());
    }

    /** A copy using another {@code kid}. */
    public TokenSigner withKid(String kid) {
        return new TokenSigner(privateKey, algorithm, Objects.requireNonNull(kid), clock);
    }

    /**
     * A copy signing with another algorithm of the same key family (e.g. PS256 for an RSA key).
     *
     * @throws IllegalArgumentException if the algorithm does not suit the key
     */
    public TokenSigner withAlgorithm(Algorithm alg) {
        boolean ec = privateKey instanceof ECPrivateKey;
        if (ec != (alg.family() == Algorithm.Family.EC) || (ec && alg != algorithm)) {
            throw new IllegalArgumentException(alg + " does not suit this key");
        }
        return new TokenSigner(privateKey, alg, kid, clock);
    }

    /** A copy reading {@code nbf}/{@code iat}/{@code exp} defaults from {@code clock}. */
    public TokenSigner withClock(Clock clock) {
        return new TokenSigner(privateKey, algorithm, kid, Objects.requireNonNull(clock));
    }

    /** The {@code kid} this signer writes. */
    public String kid() {
        return kid;
    }

    /** The algorithm this signer uses. */
    public Algorithm algorithm() {
        return algorithm;
    }

    /**
     * A new API-token draft: {@code iss} "bearerguard", scopes {@code ["*.read","*.write"]},
     * {@code nbf = iat = now}, 60 s lifetime, a random UUID {@code jti}.
     */
    public Draft token() {
        return new Draft(this);
    }

    /**
     * A new checkout-token draft (contract §2): no {@code scopes}, {@code iss} or {@code jti};
     * {@code exp} 15 minutes from now, {@code iat = now}. Set the four ids with {@link Draft#claim}.
     */
    public Draft checkoutToken() {
        Draft d = new Draft(this);
        d.claims.remove("scopes");
        d.claims.remove("iss");
        d.claims.remove("jti");
        d.claims.remove("nbf");
        d.lifetime(Duration.ofMinutes(15));
        return d;
    }

    /**
     * A token under construction. Not thread-safe; {@link #sign()} may be called repeatedly (each
     * call signs the current state; set a new {@code jti} between calls for distinct tokens).
     */
    public static final class Draft {
        private final TokenSigner signer;
        private final Map<String, Object> header = new LinkedHashMap<>();
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private Duration lifetime = Duration.ofSeconds(60);
        private boolean expSet;

        private Draft(TokenSigner signer) {
            this.signer = signer;
            header.put("alg", signer.algorithm.name());
            header.put("typ", "JWT");
            header.put("kid", signer.kid);
            long now = signer.clock.instant().getEpochSecond();
            claims.put("iss", "bearerguard");
            claims.put("nbf", now);
            claims.put("iat", now);
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("scopes", List.of("*.read", "*.write"));
        }

        /** Sets {@code scopes}. */
        public Draft scopes(String... scopes) {
            claims.put("scopes", List.of(scopes));
            return this;
        }

        /** Sets {@code iss}. */
        public Draft issuer(String issuer) {
            claims.put("iss", issuer);
            return this;
        }

        /** Sets {@code jti}. */
        public Draft jti(String jti) {
            claims.put("jti", jti);
            return this;
        }

        /** Sets {@code nbf} and {@code iat}. */
        public Draft notBefore(Instant nbf) {
            claims.put("nbf", nbf.getEpochSecond());
            claims.put("iat", nbf.getEpochSecond());
            return this;
        }

        /** Sets the lifetime; {@code exp = nbf (or iat) + lifetime} unless {@link #expiresAt} is set. */
        public Draft lifetime(Duration lifetime) {
            this.lifetime = Objects.requireNonNull(lifetime);
            return this;
        }

        /** Sets {@code exp} explicitly. */
        public Draft expiresAt(Instant exp) {
            claims.put("exp", exp.getEpochSecond());
            expSet = true;
            return this;
        }

        /** Sets the whole {@code embed} object. */
        public Draft embed(Map<String, ?> embed) {
            claims.put("embed", new LinkedHashMap<>(embed));
            return this;
        }

        /** Sets one {@code embed} member (e.g. {@code amount}, 1299). */
        @SuppressWarnings("unchecked")
        public Draft embed(String member, Object value) {
            Object e = claims.get("embed");
            Map<String, Object> m = e instanceof Map ? new LinkedHashMap<>((Map<String, Object>) e) : new LinkedHashMap<>();
            m.put(member, value);
            claims.put("embed", m);
            return this;
        }

        /** Sets {@code checkout_session_id}. */
        public Draft checkoutSessionId(String id) {
            claims.put("checkout_session_id", id);
            return this;
        }

        /** Sets any claim to any JSON-like value (for tests of bad tokens too). */
        public Draft claim(String name, Object value) {
            if (name.equals("exp")) {
                expSet = true;
            }
            claims.put(name, value);
            return this;
        }

        /** Removes a claim. */
        public Draft withoutClaim(String name) {
            claims.remove(name);
            if (name.equals("exp")) {
                expSet = true;
            }
            return this;
        }

        /** Sets any header member (for tests of bad tokens). */
        public Draft header(String name, Object value) {
            header.put(name, value);
            return this;
        }

        /** Removes a header member. */
        public Draft withoutHeader(String name) {
            header.remove(name);
            return this;
        }

        /** The claims as they would be signed now (a copy). */
        public Map<String, Object> claims() {
            return withExp();
        }

        private Map<String, Object> withExp() {
            Map<String, Object> c = new LinkedHashMap<>(claims);
            if (!expSet) {
                Object start = c.containsKey("nbf") ? c.get("nbf") : c.get("iat");
                long s = start instanceof Number n ? n.longValue() : signer.clock.instant().getEpochSecond();
                c.put("exp", s + lifetime.getSeconds());
            }
            return c;
        }

        /** Signs and returns the compact JWS. */
        public String sign() {
            String input = B64.encodeToString(JsonWriter.write(header).getBytes(StandardCharsets.UTF_8)) + "."
                    + B64.encodeToString(JsonWriter.write(withExp()).getBytes(StandardCharsets.UTF_8));
            return input + "." + B64.encodeToString(signer.rawSign(input.getBytes(StandardCharsets.US_ASCII)));
        }
    }

    private byte[] rawSign(byte[] input) {
        try {
            Signature s = Signature.getInstance(algorithm.jcaName());
            if (algorithm.isPss()) {
                String hash = "SHA-" + (algorithm.size() * 8);
                s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), algorithm.size(), 1));
            }
            s.initSign(privateKey);
            s.update(input);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed: " + e.getClass().getSimpleName(), e);
        }
    }
}
