package dev.bearerguard.core.keys;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The three NIST curves the contract knows, looked up by their parameters. Thread-safe. */
final class Curves {

    private static final Map<String, ECParameterSpec> SPECS = new LinkedHashMap<>();

    static {
        SPECS.put("P-256", spec("secp256r1"));
        SPECS.put("P-384", spec("secp384r1"));
        SPECS.put("P-521", spec("secp521r1"));
    }

    private Curves() {
    }

    static ECParameterSpec spec(String stdName) {
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec(stdName));
            return p.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks curve " + stdName, e);
        }
    }

    static ECParameterSpec byJwkName(String name) {
        return SPECS.get(name);
    }

    /** The JWK name of the curve these parameters describe, if it is one of the three. */
    static Optional<String> jwkName(ECParameterSpec params) {
        for (Map.Entry<String, ECParameterSpec> e : SPECS.entrySet()) {
            ECParameterSpec s = e.getValue();
            if (s.getCurve().equals(params.getCurve()) && s.getOrder().equals(params.getOrder())
                    && s.getGenerator().equals(params.getGenerator()) && s.getCofactor() == params.getCofactor()) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /** Whether {@code w} is a finite point on the curve: coordinates in [0, p) and y² = x³ + ax + b. */
    static boolean onCurve(ECParameterSpec params, ECPoint w) {
        if (w == null || ECPoint.POINT_INFINITY.equals(w)) {
            return false;
        }
        BigInteger p = ((ECFieldFp) params.getCurve().getField()).getP();
        BigInteger x = w.getAffineX();
        BigInteger y = w.getAffineY();
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger lhs = y.multiply(y).mod(p);
        BigInteger rhs = x.multiply(x).multiply(x)
                .add(params.getCurve().getA().multiply(x))
                .add(params.getCurve().getB()).mod(p);
        return lhs.equals(rhs);
    }
}
