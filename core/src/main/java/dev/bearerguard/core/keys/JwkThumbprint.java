package dev.bearerguard.core.keys;

import dev.bearerguard.core.internal.Base64Url;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

/**
 * RFC 7638 JWK thumbprints (SHA-256, base64url): the {@code kid} the field's SDKs put in their
 * tokens. Stateless and thread-safe.
 */
public final class JwkThumbprint {

    private JwkThumbprint() {
    }

    /**
     * Computes the thumbprint of an EC (P-256, P-384, P-521) or RSA public key.
     *
     * @throws KeyLoadException if the key is of another type or on another curve
     */
    public static String of(PublicKey key) {
        String json;
        if (key instanceof ECPublicKey ec) {
            String crv = Curves.jwkName(ec.getParams())
                    .orElseThrow(() -> new KeyLoadException("EC key is not on P-256, P-384 or P-521"));
            int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
            // RFC 7638 §3.2: required members only, lexicographic order, no whitespace.
            json = "{\"crv\":\"" + crv + "\",\"kty\":\"EC\",\"x\":\"" + b64(ec.getW().getAffineX(), size)
                    + "\",\"y\":\"" + b64(ec.getW().getAffineY(), size) + "\"}";
        } else if (key instanceof RSAPublicKey rsa) {
            json = "{\"e\":\"" + b64(rsa.getPublicExponent(), 0) + "\",\"kty\":\"RSA\",\"n\":\""
                    + b64(rsa.getModulus(), 0) + "\"}";
        } else {
            throw new KeyLoadException("unsupported key type " + key.getAlgorithm());
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.US_ASCII));
            return Base64Url.encode(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** Unsigned big-endian bytes; padded to {@code size} bytes when size > 0 (RFC 7518 §6.2.1.2). */
    static String b64(BigInteger v, int size) {
        return Base64Url.encode(unsigned(v, size));
    }

    static byte[] unsigned(BigInteger v, int size) {
        byte[] b = v.toByteArray();
        int start = (b.length > 1 && b[0] == 0) ? 1 : 0;
        int len = b.length - start;
        int outLen = Math.max(len, size);
        byte[] out = new byte[outLen];
        System.arraycopy(b, start, out, outLen - len, len);
        return out;
    }
}
