package dev.bearerguard.cli;

import dev.bearerguard.core.Algorithm;
import dev.bearerguard.core.EmbedPins;
import dev.bearerguard.core.Sanitizer;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.internal.StrictJson;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.scope.GrantedScopes;
import dev.bearerguard.core.scope.Scope;
import dev.bearerguard.core.scope.ScopeRequirement;
import dev.bearerguard.core.scope.ScopeVocabulary;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a token <b>without trusting it</b> and lists, in plain words, every problem a verifier
 * would find, where the verifier itself stops at the first one: "nbf looks like milliseconds",
 * "expired 3 min ago", "kid is not among the 2 keys loaded", "signature is DER-encoded; ES512 needs
 * 132 raw bytes", scope typos with a suggestion.
 *
 * <p>It explains; it does not decide. The real {@link dev.bearerguard.core.TokenVerifier} gives
 * the verdict. Messages name claims and header members, show header values and times, but never
 * the signature or the token itself.
 *
 * <p>Immutable and thread-safe.
 */
final class TokenExplainer {

    private final Instant now;
    private final Duration skew;
    private final Set<Algorithm> algorithms;
    private final Duration maxLifetime;
    private final Set<String> issuers;
    private final int maxTokenSize;
    private final KeySet keys;
    private final ScopeVocabulary vocabulary;
    private final ScopeRequirement requirement;

    /**
     * @param now          the instant time claims are judged at
     * @param skew         the clock skew the verifier allows
     * @param algorithms   the accepted algorithms
     * @param maxLifetime  the longest lifetime accepted, or null
     * @param issuers      the accepted issuers; empty for any
     * @param maxTokenSize the longest token accepted
     * @param keys         the loaded keys, or null when none were given
     * @param vocabulary   the scope vocabulary typos are checked against
     * @param requirement  the scopes the caller asked about
     */
    TokenExplainer(Instant now, Duration skew, Set<Algorithm> algorithms, Duration maxLifetime, Set<String> issuers,
            int maxTokenSize, KeySet keys, ScopeVocabulary vocabulary, ScopeRequirement requirement) {
        this.now = Objects.requireNonNull(now);
        this.skew = Objects.requireNonNull(skew);
        this.algorithms = Set.copyOf(algorithms);
        this.maxLifetime = maxLifetime;
        this.issuers = Set.copyOf(issuers);
        this.maxTokenSize = maxTokenSize;
        this.keys = keys;
        this.vocabulary = Objects.requireNonNull(vocabulary);
        this.requirement = Objects.requireNonNull(requirement);
    }

    /**
     * What was found.
     *
     * @param header          the decoded header, or null if it could not be read
     * @param claims          the decoded claims, or null if they could not be read
     * @param signatureLength the decoded signature's length in bytes, or -1
     * @param times           the time claims in readable form
     * @param problems        what makes a verifier refuse the token
     * @param warnings        what a verifier accepts but is probably not what was meant
     * @param notes           what was not checked, or passed in a way worth knowing
     */
    record Explanation(Map<String, Object> header, Map<String, Object> claims, int signatureLength,
            List<String> times, List<String> problems, List<String> warnings, List<String> notes) {
        Explanation {
            times = List.copyOf(times);
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
            notes = List.copyOf(notes);
        }
    }

    /** Explains {@code token}, which may be anything at all. */
    Explanation explain(String token) {
        return new Run().explain(token);
    }

    /** The mutable state of one explanation. */
    private final class Run {
        final List<String> problems = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final List<String> times = new ArrayList<>();
        Map<String, Object> header;
        Map<String, Object> claims;
        byte[] signature;

        Explanation explain(String raw) {
            String t = raw;
            if (t.regionMatches(true, 0, "bearer ", 0, 7)) {
                problems.add("the text starts with `Bearer `: pass only the token after it");
                t = t.substring(7);
            }
            String squeezed = t.replaceAll("\\s+", "");
            if (!squeezed.equals(t)) {
                problems.add("the token holds whitespace or a line break (copied from a wrapped line?)");
                t = squeezed;
            }
            if (t.isEmpty()) {
                problems.add("the token is empty");
                return done();
            }
            if (t.length() > maxTokenSize) {
                problems.add("the token is " + t.length() + " characters; the limit is " + maxTokenSize);
            }
            String[] parts = t.split("\\.", -1);
            if (parts.length == 5) {
                problems.add("the token has 5 segments: it is an encrypted JWE, not a signed JWS");
                return done();
            }
            if (parts.length != 3) {
                problems.add("the token has " + parts.length + " segment" + (parts.length == 1 ? "" : "s")
                        + "; a JWS has 3 (header.claims.signature)");
                return done();
            }
            byte[] h = segment(parts[0], "header");
            byte[] c = segment(parts[1], "claims");
            signature = segment(parts[2], "signature");
            header = h == null ? null : json(h, "the header", "is");
            claims = c == null ? null : json(c, "the claims", "are");

            Algorithm alg = header == null ? null : header();
            TrustedKey key = header == null ? null : key(alg);
            if (claims != null) {
                claims();
            }
            if (signature != null && alg != null) {
                signature(alg, key, (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            }
            return done();
        }

        Explanation done() {
            return new Explanation(header, claims, signature == null ? -1 : signature.length, times, problems,
                    warnings, notes);
        }

        // --- shape ---------------------------------------------------------------------------

        byte[] segment(String s, String what) {
            if (s.isEmpty()) {
                problems.add(what.equals("signature")
                        ? "the signature segment is empty: the token is unsigned"
                        : "the " + what + " segment is empty");
                return null;
            }
            String fixed = s;
            if (s.indexOf('=') >= 0) {
                problems.add("the " + what + " segment has `=` padding; JWS base64url has none (RFC 7515 §2)");
                fixed = fixed.replace("=", "");
            }
            if (s.indexOf('+') >= 0 || s.indexOf('/') >= 0) {
                problems.add("the " + what + " segment uses standard base64 (`+`, `/`); JWS needs base64url (`-`, `_`)");
                fixed = fixed.replace('+', '-').replace('/', '_');
            }
            for (int i = 0; i < fixed.length(); i++) {
                char ch = fixed.charAt(i);
                boolean ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')
                        || ch == '-' || ch == '_';
                if (!ok) {
                    problems.add("the " + what + " segment holds characters outside base64url");
                    return null;
                }
            }
            try {
                return Base64.getUrlDecoder().decode(fixed);
            } catch (IllegalArgumentException e) {
                problems.add("the " + what + " segment is not decodable base64url (its length is impossible)");
                return null;
            }
        }

        /** Decodes a segment as strict JSON; {@code what} is "the header" or "the claims", {@code is} the verb. */
        Map<String, Object> json(byte[] bytes, String what, String is) {
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                problems.add(what + " " + is + " not UTF-8 text");
                return null;
            }
            try {
                return StrictJson.parseObject(text);
            } catch (StrictJson.JsonException e) {
                problems.add(what + " " + is + " not a strict JSON object: " + e.getMessage());
                return null;
            }
        }

        // --- header --------------------------------------------------------------------------

        /** Checks the header; returns the algorithm when it is a known one. */
        Algorithm header() {
            Object typ = header.get("typ");
            if (typ == null) {
                problems.add("typ is missing; it must be \"JWT\"");
            } else if (!(typ instanceof String ts) || !ts.equalsIgnoreCase("JWT")) {
                problems.add("typ is " + show(typ) + "; it must be \"JWT\"");
            }
            if (header.containsKey("crit")) {
                problems.add("crit is present; no header extensions are understood, so the token is refused");
            }
            for (String ignored : new String[] {"jku", "jwk", "x5u", "x5c"}) {
                if (header.containsKey(ignored)) {
                    notes.add(ignored + " is present and ignored: keys are never taken from the token");
                }
            }
            Object algValue = header.get("alg");
            Algorithm alg = null;
            if (!(algValue instanceof String a)) {
                problems.add(algValue == null ? "alg is missing" : "alg is not a string");
            } else {
                alg = Algorithm.fromJoseName(a).orElse(null);
                String upper = a.toUpperCase(Locale.ROOT);
                if (alg == null && upper.equals("NONE")) {
                    problems.add("alg is \"none\": unsigned tokens are never accepted");
                } else if (alg == null && upper.startsWith("HS")) {
                    problems.add("alg is " + show(a) + ": HMAC (shared-secret) tokens are never accepted; sign with "
                            + names(algorithms));
                } else if (alg == null) {
                    problems.add("alg " + show(a) + " is not a JWS signature algorithm this verifier knows"
                            + (Algorithm.fromJoseName(upper).isPresent() ? " (names are case-sensitive: " + upper + ")" : ""));
                } else if (!algorithms.contains(alg)) {
                    problems.add("alg is " + alg + ", which is not accepted (accepted: " + names(algorithms)
                            + "; add --alg " + alg + " if that is intended)");
                }
            }
            Object kid = header.get("kid");
            if (kid == null) {
                problems.add("kid is missing; it must name the signing key (its RFC 7638 thumbprint)");
            } else if (!(kid instanceof String k) || k.isEmpty()) {
                problems.add("kid is not a non-empty string");
            }
            return alg;
        }

        TrustedKey key(Algorithm alg) {
            if (!(header.get("kid") instanceof String kid) || kid.isEmpty()) {
                return null;
            }
            if (keys == null) {
                notes.add("no --keys given: the kid and the signature were not checked against a key");
                return null;
            }
            TrustedKey key = keys.resolve(kid).orElse(null);
            if (key == null) {
                int n = keys.size();
                String loaded = n <= 4 ? " (" + keys.keys().stream().map(TrustedKey::kid).collect(Collectors.joining(", ")) + ")" : "";
                problems.add("kid " + show(kid) + " is not among the " + n + " key" + (n == 1 ? "" : "s") + " loaded" + loaded
                        + "; `bearerguard thumbprint KEY` prints the kid of a key");
                notes.add("the signature was not checked: no loaded key has this kid");
                return null;
            }
            if (alg != null && !key.accepts(alg)) {
                problems.add("kid " + show(kid) + " names a key for "
                        + key.algorithm().map(Algorithm::name).orElse("RSA algorithms")
                        + ", but the token says alg " + alg);
            } else {
                notes.add("kid names a loaded key (" + key.algorithm().map(Algorithm::name).orElse("RSA") + ")");
            }
            return key;
        }

        // --- claims --------------------------------------------------------------------------

        void claims() {
            Instant exp = time("exp", true);
            Instant nbf = time("nbf", true);
            Instant iat = time("iat", false);
            times.add("now " + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + (skew.isZero() ? "" : " (clock skew " + human(skew.getSeconds()) + ")"));
            if (nbf != null) {
                times.add("nbf " + nbf + " (" + relative(nbf) + ")");
                if (now.plus(skew).isBefore(nbf)) {
                    problems.add("not valid yet: nbf is " + human(Duration.between(now, nbf).getSeconds())
                            + " in the future (is the signer's clock fast?)");
                } else if (now.isBefore(nbf)) {
                    notes.add("nbf is " + human(Duration.between(now, nbf).getSeconds())
                            + " in the future, within the clock skew");
                }
            }
            if (iat != null) {
                times.add("iat " + iat + " (" + relative(iat) + ")");
                if (iat.isAfter(now.plus(skew))) {
                    notes.add("iat is in the future (informational; not an error)");
                }
            }
            if (exp != null) {
                times.add("exp " + exp + " (" + relative(exp) + ")");
                long expSecond = exp.getEpochSecond() + (exp.getNano() > 0 ? 1 : 0);
                if (now.getEpochSecond() - skew.getSeconds() >= expSecond) {
                    problems.add("expired " + human(now.getEpochSecond() - expSecond) + " ago");
                } else if (!now.isBefore(exp)) {
                    notes.add("expired " + human(Duration.between(exp, now).getSeconds())
                            + " ago, still accepted within the " + human(skew.getSeconds()) + " clock skew");
                }
            }
            if (exp != null && nbf != null && !exp.isAfter(nbf)) {
                problems.add("exp is not after nbf");
            }
            Instant start = nbf != null ? nbf : iat;
            if (exp != null && start != null && exp.isAfter(start)) {
                long life = Duration.between(start, exp).getSeconds();
                times.add("lifetime " + human(life));
                if (maxLifetime != null && Duration.between(start, exp).compareTo(maxLifetime) > 0) {
                    problems.add("the lifetime (" + human(life) + ") exceeds --max-lifetime " + human(maxLifetime.getSeconds()));
                }
            }
            requiredString("iss", "it should name the calling code, e.g. an SDK and its version");
            if (claims.get("iss") instanceof String iss && !iss.isEmpty() && !issuers.isEmpty() && !issuers.contains(iss)) {
                problems.add("iss " + show(iss) + " is not among the accepted issuers");
            }
            requiredString("jti", "every token needs a unique random id");
            scopes();
            embed();
            Object csid = claims.get("checkout_session_id");
            if (csid != null && !(csid instanceof String)) {
                problems.add("checkout_session_id is not a string");
            }
        }

        /** Reads a NumericDate claim as the verifier does, explaining each way it can be wrong. */
        Instant time(String name, boolean required) {
            Object v = claims.get(name);
            if (v == null) {
                if (required) {
                    problems.add(name + " is missing; it is required (Unix time in seconds)");
                }
                return null;
            }
            if (v instanceof String s) {
                problems.add(name + " is a string" + (s.matches("\\d{1,20}") ? " of digits" : "")
                        + "; it must be a JSON number of seconds");
                return null;
            }
            if (!(v instanceof Number)) {
                problems.add(name + " is not a number; it must be Unix time in seconds");
                return null;
            }
            BigDecimal d = v instanceof BigDecimal bd ? bd
                    : v instanceof BigInteger bi ? new BigDecimal(bi) : BigDecimal.valueOf(((Number) v).longValue());
            if (d.signum() < 0) {
                problems.add(name + " is negative");
                return null;
            }
            if (d.compareTo(BigDecimal.valueOf(dev.bearerguard.core.internal.pipeline.WindowCheck.OVERFLOW_THRESHOLD)) >= 0) {
                problems.add(name + " is out of range (far beyond any real date)");
                return null;
            }
            if (d.compareTo(BigDecimal.valueOf(dev.bearerguard.core.internal.pipeline.WindowCheck.MILLIS_THRESHOLD)) >= 0) {
                long seconds = d.longValue() / 1000;
                problems.add(name + " looks like milliseconds (" + d.toBigInteger() + "); NumericDate is seconds: "
                        + seconds + " would be " + Instant.ofEpochSecond(seconds));
                return null;
            }
            long seconds = d.longValue();
            int nanos = d.subtract(BigDecimal.valueOf(seconds)).movePointRight(9).intValue();
            return Instant.ofEpochSecond(seconds, nanos);
        }

        void requiredString(String name, String why) {
            Object v = claims.get(name);
            if (v == null) {
                problems.add(name + " is missing; " + why);
            } else if (!(v instanceof String s) || s.isEmpty()) {
                problems.add(name + " is not a non-empty string");
            }
        }

        void scopes() {
            Object v = claims.get("scopes");
            if (v == null) {
                problems.add(claims.containsKey("scope")
                        ? "scopes is missing, but there is a `scope` claim (the OAuth spelling): the contract's claim is "
                                + "`scopes`, a JSON array of strings"
                        : "scopes is missing; use [] for a token that grants nothing");
                return;
            }
            if (v instanceof String) {
                problems.add("scopes is a string; it must be a JSON array of strings, e.g. [\"transactions.read\"]");
                return;
            }
            if (!(v instanceof List<?> list)) {
                problems.add("scopes is not an array of strings");
                return;
            }
            List<String> declared = new ArrayList<>();
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    problems.add("scopes holds a value that is not a string");
                    return;
                }
                declared.add(s);
            }
            if (declared.isEmpty()) {
                warnings.add("scopes is empty: the token is valid but grants nothing (every scope check answers 403)");
            }
            for (String s : declared) {
                vocabulary.problem(s).ifPresent(warnings::add);
            }
            GrantedScopes granted = GrantedScopes.of(declared);
            List<String> others = declared.stream().filter(s -> !s.equals(Scope.EMBED)).toList();
            if (granted.isEmbed() && !others.isEmpty()) {
                warnings.add("the token has `embed` (a browser token: anyone who opens the checkout page holds it) and also "
                        + String.join(", ", others) + ", which then reach every holder; an embed token needs only `embed`");
            }
            for (String p : vocabulary.problems(requirement)) {
                warnings.add("--scope: " + p);
            }
            if (!requirement.isNone()) {
                if (!requirement.isSatisfiedBy(granted)) {
                    List<String> missing = requirement.scopes().stream().filter(s -> !granted.grants(s)).toList();
                    String hint = granted.isEmbed() && !requirement.names(Scope.EMBED)
                            ? "; `embed` grants only operations that list it as an alternative (e.g. --scope '"
                                    + requirement.scopes().get(0) + "|embed')"
                            : "";
                    problems.add((requirement.mode() == ScopeRequirement.Mode.ANY_OF
                            ? "the token grants none of " + String.join(", ", requirement.scopes()) + " (insufficient_scope, 403)"
                            : "the token does not grant " + String.join(", ", missing) + " (insufficient_scope, 403)") + hint);
                }
            }
        }

        void embed() {
            Object e = claims.get("embed");
            if (e == null) {
                return;
            }
            if (!(e instanceof Map<?, ?> m)) {
                problems.add("embed is not a JSON object");
                return;
            }
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> em = (Map<String, Object>) m;
                EmbedPins.of(em);
            } catch (IllegalArgumentException ex) {
                problems.add("embed: " + ex.getMessage());
            }
            if (claims.get("scopes") instanceof List<?> l && !l.contains(Scope.EMBED)) {
                warnings.add("embed pins are present but the token lacks the `embed` scope");
            }
        }

        // --- signature -----------------------------------------------------------------------

        void signature(Algorithm alg, TrustedKey key, byte[] signingInput) {
            if (alg.family() == Algorithm.Family.EC) {
                int need = 2 * alg.size();
                if (signature.length != need) {
                    byte[] raw = derToRaw(signature, alg.size());
                    if (raw != null) {
                        problems.add("the signature is DER-encoded (" + signature.length + " bytes); " + alg + " needs "
                                + need + " raw bytes, R‖S (RFC 7518 §3.4)");
                        if (key != null && key.accepts(alg) && key.verifySignature(alg, signingInput, raw)) {
                            notes.add("converted to R‖S, the signature verifies with the key " + key.kid()
                                    + ": the signer wrote the DER form (e.g. JCA SHA" + (alg.size() == 66 ? 512 : alg.size() * 8)
                                    + "withECDSA) where JWS needs the raw one");
                        }
                    } else {
                        problems.add("the signature is " + signature.length + " bytes; " + alg + " needs exactly " + need
                                + (alg == Algorithm.ES512 ? " (a P-521 coordinate is 66 bytes, not 64)" : ""));
                    }
                    return;
                }
                if (allZero(signature, 0, alg.size()) || allZero(signature, alg.size(), need)) {
                    problems.add("the signature's r or s is zero: a forged signature (CVE-2022-21449)");
                    return;
                }
            }
            if (key == null || !key.accepts(alg) || !algorithms.contains(alg)) {
                return;
            }
            if (key.verifySignature(alg, signingInput, signature)) {
                notes.add("the signature verifies with the key " + key.kid());
            } else {
                problems.add("the signature does not verify with the key " + key.kid()
                        + " (signed by another key, or the header or claims changed after signing)");
            }
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    private String relative(Instant t) {
        long s = Duration.between(now, t).getSeconds();
        return s == 0 ? "now" : s > 0 ? "in " + human(s) : human(-s) + " ago";
    }

    /** "45 s", "3 min", "5 h", "12 days": a length of time as people say it. */
    static String human(long seconds) {
        long s = Math.abs(seconds);
        if (s < 120) {
            return s + " s";
        }
        if (s < 120 * 60) {
            return (s / 60) + " min";
        }
        if (s < 48 * 3600) {
            return (s / 3600) + " h";
        }
        return (s / 86400) + " days";
    }

    private static String names(Set<Algorithm> algs) {
        return algs.stream().sorted().map(Enum::name).collect(Collectors.joining(", "));
    }

    /** A header or claim value, quoted, through core's one sanitiser ({@link Sanitizer#text}). */
    static String show(Object v) {
        return "\"" + Sanitizer.text(v instanceof String str ? str : String.valueOf(v)) + "\"";
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Converts a DER {@code SEQUENCE { INTEGER r, INTEGER s }} to the fixed-size R‖S form, or
     * returns null if the bytes are not such a sequence.
     */
    static byte[] derToRaw(byte[] der, int size) {
        try {
            int[] p = {0};
            if ((der[p[0]++] & 0xff) != 0x30) {
                return null;
            }
            int len = derLength(der, p);
            if (p[0] + len != der.length) {
                return null;
            }
            byte[] out = new byte[2 * size];
            for (int k = 0; k < 2; k++) {
                if ((der[p[0]++] & 0xff) != 0x02) {
                    return null;
                }
                int n = derLength(der, p);
                if (n < 1 || p[0] + n > der.length) {
                    return null;
                }
                int start = p[0];
                int end = start + n;
                while (start < end - 1 && der[start] == 0) {
                    start++;
                }
                if (end - start > size) {
                    return null;
                }
                System.arraycopy(der, start, out, k * size + size - (end - start), end - start);
                p[0] = end;
            }
            return p[0] == der.length ? out : null;
        } catch (ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    private static int derLength(byte[] b, int[] p) {
        int first = b[p[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int n = first & 0x7f;
        if (n == 0 || n > 2) {
            return -1;
        }
        int len = 0;
        for (int i = 0; i < n; i++) {
            len = (len << 8) | (b[p[0]++] & 0xff);
        }
        return len;
    }
}
