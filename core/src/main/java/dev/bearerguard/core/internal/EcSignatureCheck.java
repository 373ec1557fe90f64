package dev.bearerguard.core.internal;

import static dev.bearerguard.core.VerifierUnavailableException.Kind.PLATFORM;

import dev.bearerguard.core.Algorithm;
import dev.bearerguard.core.VerifierUnavailableException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.ECPublicKey;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * ECDSA verification (ES256, ES384, ES512) on BouncyCastle's lightweight API and dedicated field
 * arithmetic, about ten times faster than the JDK's SunEC for P-521.
 *
 * <p>The public key is decoded and validated (on the curve, in the prime-order subgroup, not
 * infinity) once, here. Each verification enforces the contract's checks: a signature of exactly
 * {@code 2 × coordinate size} bytes (IEEE P1363 {@code R‖S}) and {@code r, s ∈ [1, n-1]}; a high
 * {@code s} is valid. Then {@code R = u1·G + u2·Q} is computed either
 * <ul>
 *   <li>on the fast path: the shared generator comb and this key's comb evaluated together so they
 *       share their doublings (see {@link Comb}), once the key's table is built (off the request
 *       path, bounded by {@link EcTables}); or</li>
 *   <li>on the plain path: BouncyCastle's {@link ECDSASigner} with this prepared key.</li>
 * </ul>
 * Both accept exactly the same signatures (a test runs every Wycheproof vector and random keys
 * through both), including those where {@code x(R) ≥ n} must be reduced mod {@code n}.
 *
 * <p>Thread-safe; one instance per trusted key, never rebuilt per call.
 */
public final class EcSignatureCheck implements SignatureCheck {

    private final EcDomain domain;
    private final ECPoint q;
    private final ECPublicKeyParameters publicParams;
    private final EcTables tables;
    private final ThreadLocal<MessageDigest> digests;
    private final AtomicBoolean building = new AtomicBoolean();
    /** Uses since the last build or eviction (racy increments: a lost count only delays a build). */
    private int uses;
    /** Evictions from each tier so far, capped at 10: each doubles the uses needed before that tier's rebuild. */
    private volatile int smallEvictions;
    private volatile int fullEvictions;

    /**
     * @param algorithm ES256, ES384 or ES512
     * @param key       a public key on the algorithm's curve
     * @throws IllegalArgumentException if the algorithm is not ECDSA, or the key is not a valid
     *                                  point of the algorithm's curve
     */
    public EcSignatureCheck(Algorithm algorithm, ECPublicKey key) {
        this(algorithm, key, EcTables.shared());
    }

    EcSignatureCheck(Algorithm algorithm, ECPublicKey key, EcTables tables) {
        this.domain = EcDomain.of(algorithm);
        if (key.getParams().getCurve().getField().getFieldSize() != domain.params.getCurve().getFieldSize()
                || !key.getParams().getOrder().equals(domain.params.getN())) {
            throw new IllegalArgumentException("key is not on the curve of " + algorithm);
        }
        ECPoint point;
        try {
            // validatePoint: coordinates in the field, on the curve, and (cofactor 1) in the group.
            point = domain.params.getCurve().validatePoint(key.getW().getAffineX(), key.getW().getAffineY());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException("public key point is not on the curve of " + algorithm, e);
        }
        this.q = point.normalize();
        this.publicParams = new ECPublicKeyParameters(q, domain.params);
        this.tables = tables;
        String digest = domain.digest;
        this.digests = ThreadLocal.withInitial(() -> newDigest(digest));
        newDigest(digest);
    }

    private static MessageDigest newDigest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new VerifierUnavailableException(PLATFORM, "JDK lacks " + name, e);
        }
    }

    @Override
    public boolean verify(byte[] signingInput, byte[] signature) {
        return verify(signingInput, signature, tables);
    }

    @Override
    public boolean verify(byte[] signingInput, byte[] signature, EcTables tables) {
        BigInteger[] rs = parse(signature);
        if (rs == null) {
            return false;
        }
        MessageDigest md = digests.get();
        byte[] hash = md.digest(signingInput);
        Comb table = tables.get(this);
        return table != null ? verifyFast(table, hash, rs[0], rs[1]) : verifyPlain(hash, rs[0], rs[1]);
    }

    /** r and s from an exact-length P1363 signature, or null if the length or a range is wrong. */
    BigInteger[] parse(byte[] signature) {
        int n = domain.size;
        if (signature == null || signature.length != 2 * n) {
            return null;
        }
        BigInteger order = domain.params.getN();
        BigInteger r = new BigInteger(1, signature, 0, n);
        BigInteger s = new BigInteger(1, signature, n, n);
        if (r.signum() <= 0 || s.signum() <= 0 || r.compareTo(order) >= 0 || s.compareTo(order) >= 0) {
            return null;
        }
        return new BigInteger[] {r, s};
    }

    /** The plain path: BouncyCastle's ECDSA with this prepared key. */
    boolean verifyPlain(byte[] hash, BigInteger r, BigInteger s) {
        ECDSASigner signer = new ECDSASigner();
        signer.init(false, publicParams);
        return signer.verifySignature(hash, r, s);
    }

    /** The fast path: generator and key combs evaluated together. */
    boolean verifyFast(Comb keyComb, byte[] hash, BigInteger r, BigInteger s) {
        BigInteger n = domain.params.getN();
        BigInteger e = new BigInteger(1, hash); // digest length never exceeds the order's here
        if (e.bitLength() > domain.orderBits) {
            e = e.shiftRight(e.bitLength() - domain.orderBits);
        }
        BigInteger w = BigIntegers.modOddInverseVar(n, s);
        BigInteger u1 = e.multiply(w).mod(n);
        BigInteger u2 = r.multiply(w).mod(n);
        Comb g = domain.generatorComb();
        int bits = Math.max(g.coveredBits(), keyComb.coveredBits());
        ECCurve curve = domain.params.getCurve();
        if (g.isPacked() && keyComb.isPacked()) {
            return P521Jacobian.sumHasX(g, Comb.words(u1, bits), keyComb, Comb.words(u2, bits), r, n,
                    curve.getField().getCharacteristic());
        }
        ECPoint point = Comb.sumOfProducts(g, Comb.words(u1, bits), keyComb, Comb.words(u2, bits), curve);
        if (point.isInfinity()) {
            return false;
        }
        return xModNEquals(point, r, n, curve);
    }

    /**
     * Whether {@code x(point) mod n == r}, without the field inversion of normalizing: for
     * Jacobian coordinates {@code x = X / Z²}, so compare {@code X} with {@code r'·Z²} for each
     * candidate {@code r' = r, r + n, …} below {@code p}.
     */
    private static boolean xModNEquals(ECPoint point, BigInteger r, BigInteger n, ECCurve curve) {
        if (curve.getCoordinateSystem() != ECCurve.COORD_JACOBIAN) {
            return point.normalize().getAffineXCoord().toBigInteger().mod(n).equals(r);
        }
        ECFieldElement z = point.getZCoord(0);
        ECFieldElement zz = z.square();
        ECFieldElement x = point.getRawXCoord();
        for (BigInteger candidate = r; curve.isValidFieldElement(candidate); candidate = candidate.add(n)) {
            if (curve.fromBigInteger(candidate).multiply(zz).equals(x)) {
                return true;
            }
        }
        return false;
    }

    EcDomain domain() {
        return domain;
    }

    /** Builds this key's comb table (milliseconds; called off the request path). */
    Comb buildTable() {
        return domain.keyComb(q);
    }

    /** Builds this key's small comb table (for keys not yet known to be busy). */
    Comb buildSmallTable() {
        return domain.smallKeyComb(q);
    }

    int noteUse() {
        return ++uses;
    }

    void resetUses() {
        uses = 0;
    }

    int smallThreshold() {
        return EcTables.SMALL_AFTER << smallEvictions;
    }

    int fullThreshold() {
        return EcTables.FULL_AFTER << fullEvictions;
    }

    void evicted(boolean fullTable) {
        uses = 0;
        if (fullTable) {
            fullEvictions = Math.min(10, fullEvictions + 1);
        } else {
            smallEvictions = Math.min(10, smallEvictions + 1);
        }
    }

    boolean claimBuild() {
        return building.compareAndSet(false, true);
    }

    void releaseBuild() {
        building.set(false);
    }

    /** Builds this key's table now if it is not built (for callers that prefer to pay at load). */
    public void prepareTable() {
        tables.getNow(this);
    }
}
