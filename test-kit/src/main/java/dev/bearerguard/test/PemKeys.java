package dev.bearerguard.test;

import dev.bearerguard.core.keys.KeyLoadException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Reads and writes the PEM key files of the field: PKCS#8 ({@code PRIVATE KEY}) and SEC1 ({@code
 * EC PRIVATE KEY}) private keys, SPKI ({@code PUBLIC KEY}) public keys; makes P-521 key pairs.
 *
 * <p>Stateless and thread-safe.
 */
public final class PemKeys {

    private static final byte[] OID_P256 = {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07};
    private static final byte[] OID_P384 = {0x06, 0x05, 0x2b, (byte) 0x81, 0x04, 0x00, 0x22};
    private static final byte[] OID_P521 = {0x06, 0x05, 0x2b, (byte) 0x81, 0x04, 0x00, 0x23};

    private PemKeys() {
    }

    /** A fresh P-521 key pair (the contract's ES512). */
    public static KeyPair generateP521() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp521r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks P-521", e);
        }
    }

    /** The SPKI PEM ({@code -----BEGIN PUBLIC KEY-----}) of a public key. */
    public static String toPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /** The PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) of a private key. */
    public static String toPem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /**
     * Reads the first private key in a PEM document (PKCS#8 EC or RSA, or SEC1 EC).
     *
     * @throws KeyLoadException if there is none or it cannot be decoded
     */
    public static PrivateKey readPrivateKey(String pem) {
        for (String label : new String[] {"PRIVATE KEY", "EC PRIVATE KEY"}) {
            String begin = "-----BEGIN " + label + "-----";
            int b = pem.indexOf(begin);
            if (b < 0) {
                continue;
            }
            int e = pem.indexOf("-----END " + label + "-----", b);
            if (e < 0) {
                throw new KeyLoadException("PEM " + label + " has no END line");
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e).strip());
            } catch (IllegalArgumentException ex) {
                throw new KeyLoadException("PEM " + label + " is not valid base64");
            }
            return label.equals("PRIVATE KEY") ? pkcs8(der) : sec1(der);
        }
        if (pem.contains("ENCRYPTED PRIVATE KEY")) {
            throw new KeyLoadException("encrypted private keys are not supported; decrypt it first");
        }
        throw new KeyLoadException("no PRIVATE KEY or EC PRIVATE KEY block found");
    }

    private static PrivateKey pkcs8(byte[] der) {
        for (String alg : new String[] {"EC", "RSA"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException e) {
                // try next
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new KeyLoadException("PKCS#8 key is neither EC nor RSA");
    }

    /** SEC1 ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, [0] curve OID, [1] public key }. */
    private static PrivateKey sec1(byte[] der) {
        try {
            Der seq = new Der(der, 0).expect(0x30);
            Der version = new Der(der, seq.contentStart).expect(0x02);
            Der octets = new Der(der, version.end).expect(0x04);
            BigInteger d = new BigInteger(1, Arrays.copyOfRange(der, octets.contentStart, octets.end));
            String curve = null;
            int p = octets.end;
            while (p < seq.end) {
                Der t = new Der(der, p);
                if (t.tag == 0xa0) {
                    byte[] oid = Arrays.copyOfRange(der, t.contentStart, t.end);
                    curve = Arrays.equals(oid, OID_P256) ? "secp256r1"
                            : Arrays.equals(oid, OID_P384) ? "secp384r1"
                            : Arrays.equals(oid, OID_P521) ? "secp521r1" : null;
                }
                p = t.end;
            }
            if (curve == null) {
                throw new KeyLoadException("SEC1 key names no supported curve (P-256, P-384, P-521)");
            }
            java.security.AlgorithmParameters ap = java.security.AlgorithmParameters.getInstance("EC");
            ap.init(new ECGenParameterSpec(curve));
            ECParameterSpec spec = ap.getParameterSpec(ECParameterSpec.class);
            return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d, spec));
        } catch (GeneralSecurityException | IndexOutOfBoundsException e) {
            throw new KeyLoadException("unreadable SEC1 EC private key", e);
        }
    }

    /**
     * The public key of a private key: {@code d·G} for EC, {@code (n, e)} for an RSA CRT key.
     *
     * @throws KeyLoadException if it cannot be derived
     */
    public static PublicKey publicKeyOf(PrivateKey key) {
        try {
            if (key instanceof ECPrivateKey ec) {
                ECParameterSpec spec = ec.getParams();
                ECPoint q = multiply(spec, spec.getGenerator(), ec.getS());
                return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(q, spec));
            }
            if (key instanceof RSAPrivateCrtKey rsa) {
                return KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            }
        } catch (GeneralSecurityException e) {
            throw new KeyLoadException("cannot derive the public key", e);
        }
        throw new KeyLoadException("cannot derive the public key of a " + key.getAlgorithm() + " key");
    }

    // Affine double-and-add. Slow (tens of ms for P-521) but used once per signer, never to verify.
    private static ECPoint multiply(ECParameterSpec spec, ECPoint g, BigInteger k) {
        BigInteger p = ((ECFieldFp) spec.getCurve().getField()).getP();
        BigInteger a = spec.getCurve().getA();
        ECPoint r = ECPoint.POINT_INFINITY;
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            r = add(r, r, p, a);
            if (k.testBit(i)) {
                r = add(r, g, p, a);
            }
        }
        return r;
    }

    private static ECPoint add(ECPoint s, ECPoint t, BigInteger p, BigInteger a) {
        if (s.equals(ECPoint.POINT_INFINITY)) {
            return t;
        }
        if (t.equals(ECPoint.POINT_INFINITY)) {
            return s;
        }
        BigInteger x1 = s.getAffineX(), y1 = s.getAffineY(), x2 = t.getAffineX(), y2 = t.getAffineY();
        BigInteger lambda;
        if (x1.equals(x2)) {
            if (!y1.equals(y2) || y1.signum() == 0) {
                return ECPoint.POINT_INFINITY;
            }
            lambda = x1.pow(2).multiply(BigInteger.valueOf(3)).add(a)
                    .multiply(y1.shiftLeft(1).modInverse(p)).mod(p);
        } else {
            lambda = y2.subtract(y1).multiply(x2.subtract(x1).modInverse(p)).mod(p);
        }
        BigInteger x3 = lambda.pow(2).subtract(x1).subtract(x2).mod(p);
        BigInteger y3 = lambda.multiply(x1.subtract(x3)).subtract(y1).mod(p);
        return new ECPoint(x3, y3);
    }

    /** A minimal DER TLV reader (definite lengths only). */
    private static final class Der {
        final int tag;
        final int contentStart;
        final int end;

        Der(byte[] b, int at) {
            tag = b[at] & 0xff;
            int len = b[at + 1] & 0xff;
            int p = at + 2;
            if (len > 0x80) {
                int n = len & 0x7f;
                if (n > 3) {
                    throw new IndexOutOfBoundsException("DER length too long");
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (b[p++] & 0xff);
                }
            } else if (len == 0x80) {
                throw new IndexOutOfBoundsException("indefinite DER length");
            }
            contentStart = p;
            end = p + len;
            if (end > b.length) {
                throw new IndexOutOfBoundsException("DER runs past its end");
            }
        }

        Der expect(int t) {
            if (tag != t) {
                throw new IndexOutOfBoundsException("unexpected DER tag");
            }
            return this;
        }
    }
}
