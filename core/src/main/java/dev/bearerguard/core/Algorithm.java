package dev.bearerguard.core;

import java.util.Optional;

/**
 * The JWS signature algorithms a verifier may be configured to accept (RFC 7518 §3).
 *
 * <p>{@code none} and every HMAC algorithm are deliberately absent: the contract never accepts
 * them, so they cannot even be configured. ES512 is the contract's default.
 */
public enum Algorithm {
    /** ECDSA on P-256 with SHA-256; 64-byte R‖S signature. */
    ES256("SHA256withECDSAinP1363Format", Family.EC, 32, "P-256"),
    /** ECDSA on P-384 with SHA-384; 96-byte R‖S signature. */
    ES384("SHA384withECDSAinP1363Format", Family.EC, 48, "P-384"),
    /** ECDSA on P-521 with SHA-512; 132-byte R‖S signature. The contract's default. */
    ES512("SHA512withECDSAinP1363Format", Family.EC, 66, "P-521"),
    /** RSASSA-PKCS1-v1_5 with SHA-256. */
    RS256("SHA256withRSA", Family.RSA, 0, null),
    /** RSASSA-PKCS1-v1_5 with SHA-384. */
    RS384("SHA384withRSA", Family.RSA, 0, null),
    /** RSASSA-PKCS1-v1_5 with SHA-512. */
    RS512("SHA512withRSA", Family.RSA, 0, null),
    /** RSASSA-PSS with SHA-256 and MGF1 with SHA-256. */
    PS256("RSASSA-PSS", Family.RSA, 32, null),
    /** RSASSA-PSS with SHA-384 and MGF1 with SHA-384. */
    PS384("RSASSA-PSS", Family.RSA, 48, null),
    /** RSASSA-PSS with SHA-512 and MGF1 with SHA-512. */
    PS512("RSASSA-PSS", Family.RSA, 64, null);

    /** Key families. */
    public enum Family {
        /** Elliptic-curve keys. */
        EC,
        /** RSA keys. */
        RSA
    }

    private final String jcaName;
    private final Family family;
    private final int size;
    private final String curve;

    Algorithm(String jcaName, Family family, int size, String curve) {
        this.jcaName = jcaName;
        this.family = family;
        this.size = size;
        this.curve = curve;
    }

    /** The key family this algorithm needs. */
    public Family family() {
        return family;
    }

    /** For ECDSA, the JWK curve name ({@code P-521} …); empty for RSA. */
    public Optional<String> curve() {
        return Optional.ofNullable(curve);
    }

    /**
     * For ECDSA, the byte length of one coordinate (a signature is twice that); for PSS, the hash
     * length (the salt length); 0 otherwise.
     */
    public int size() {
        return size;
    }

    /** The JCA signature algorithm name. Used internally. */
    public String jcaName() {
        return jcaName;
    }

    /** Whether this is an RSASSA-PSS algorithm. */
    public boolean isPss() {
        return name().startsWith("PS");
    }

    /**
     * Looks up an algorithm by its JOSE name ({@code "ES512"}), exactly as spelled in RFC 7518.
     *
     * @return the algorithm, or empty for {@code none}, HMAC and every unknown name
     */
    public static Optional<Algorithm> fromJoseName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        switch (name) {
            case "ES256": return Optional.of(ES256);
            case "ES384": return Optional.of(ES384);
            case "ES512": return Optional.of(ES512);
            case "RS256": return Optional.of(RS256);
            case "RS384": return Optional.of(RS384);
            case "RS512": return Optional.of(RS512);
            case "PS256": return Optional.of(PS256);
            case "PS384": return Optional.of(PS384);
            case "PS512": return Optional.of(PS512);
            default: return Optional.empty();
        }
    }

    /**
     * Reads one algorithm name from configuration: exactly as RFC 7518 spells it, or in lower case
     * ({@code es512}). {@code none} and HMAC get their own message: they can never be enabled.
     *
     * @param text the name, surrounding spaces ignored
     * @return the algorithm
     * @throws IllegalArgumentException naming the value and what is allowed
     */
    public static Algorithm parse(String text) {
        String v = text == null ? "" : text.strip();
        String upper = v.toUpperCase(java.util.Locale.ROOT);
        if (upper.equals("NONE") || upper.startsWith("HS")) {
            throw new IllegalArgumentException("`" + Sanitizer.text(v) + "` is never accepted (no `none`, no HMAC)");
        }
        return fromJoseName(upper).orElseThrow(() -> new IllegalArgumentException("unknown algorithm `"
                + Sanitizer.text(v) + "`; allowed are " + names()));
    }

    /**
     * Reads a list of algorithm names separated by commas or spaces ({@code ES512, RS256}).
     *
     * @param text the list
     * @return the algorithms, at least one
     * @throws IllegalArgumentException naming the first bad value, or if the list is empty
     */
    public static java.util.Set<Algorithm> parseList(String text) {
        java.util.Set<Algorithm> algs = java.util.EnumSet.noneOf(Algorithm.class);
        for (String name : text == null ? new String[0] : text.split("[,\\s]+")) {
            if (!name.isEmpty()) {
                algs.add(parse(name));
            }
        }
        if (algs.isEmpty()) {
            throw new IllegalArgumentException("names no algorithm; allowed are " + names());
        }
        return algs;
    }

    private static String names() {
        return java.util.Arrays.stream(values()).map(Enum::name).collect(java.util.stream.Collectors.joining(", "));
    }

    /** The algorithm an EC key on the given JWK curve is pinned to, if the curve is supported. */
    public static Optional<Algorithm> forCurve(String jwkCurve) {
        for (Algorithm a : values()) {
            if (a.curve != null && a.curve.equals(jwkCurve)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
