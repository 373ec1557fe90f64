package dev.bearerguard.cli;

import dev.bearerguard.core.Algorithm;
import dev.bearerguard.core.Authorizer;
import dev.bearerguard.core.BearerError;
import dev.bearerguard.core.Explanation;
import dev.bearerguard.core.Finding;
import dev.bearerguard.core.Reason;
import dev.bearerguard.core.Sanitizer;
import dev.bearerguard.core.TokenRejectedException;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.VerifiedToken;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.scope.GrantedScopes;
import dev.bearerguard.core.scope.Scope;
import dev.bearerguard.core.scope.ScopeRequirement;
import dev.bearerguard.core.scope.ScopeVocabulary;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns what the verifier found about a token ({@link TokenVerifier#explain}) into a report for a
 * person, and adds the hints only a command line gives: what a pasted {@code Bearer } or line break
 * did, which segment holds standard base64, that five segments are a JWE, what a DER signature
 * converted to R‖S makes of the key, what a time claim in milliseconds would be in seconds, that
 * {@code scope} was written for {@code scopes}, the {@code --alg} that enables an algorithm, scope
 * typos, and whether the token meets {@code --scope}.
 *
 * <p>It decides nothing. Every problem is a failed or unavailable finding of the verifier's own
 * pipeline — the same steps {@code verify} runs — or the refusal of {@link Authorizer}, or (for a
 * pasted {@code Bearer } or line break) the verifier's refusal of the text as given; the hints only
 * say why. The verdict is the first problem, so it can never disagree with the list.
 *
 * <p>Messages show header and claim values (through {@link Sanitizer}) and times, never the
 * signature or the token itself. Immutable and thread-safe.
 */
final class TokenExplainer {

    /** Longest header or claims text shown, in characters. */
    static final int SHOW_LIMIT = 4000;
    private static final String NO_KEYS = "no --keys given: the kid and the signature were not checked against a key";

    private final TokenVerifier verifier;
    private final KeySet keys;
    private final ScopeRequirement requirement;

    /**
     * @param verifier    the verifier, built from the same options as {@code verify}'s, on a fixed clock
     * @param keys        the keys {@code verifier} holds, or null when none were given (the verifier
     *                    then holds an empty set)
     * @param requirement the scopes asked about with {@code --scope}, or none
     */
    TokenExplainer(TokenVerifier verifier, KeySet keys, ScopeRequirement requirement) {
        this.verifier = Objects.requireNonNull(verifier);
        this.keys = keys;
        this.requirement = Objects.requireNonNull(requirement);
    }

    /**
     * One problem: a line naming the step, the reason and the verifier's message, the CLI's hints
     * under it, and the verdict it gives when it comes first.
     *
     * @param text        {@code step (reason): message}
     * @param hints       why, in the CLI's words
     * @param verdict     {@code code (reason): description}, as the verifier would answer
     * @param unavailable whether the verifier could not decide (503) rather than refuse
     */
    record Problem(String text, List<String> hints, String verdict, boolean unavailable) {
        Problem {
            hints = List.copyOf(hints);
        }
    }

    /**
     * A note: what passed or was not checked, worth knowing, with hints under it.
     *
     * @param text  the note
     * @param hints details
     */
    record Note(String text, List<String> hints) {
        Note {
            hints = List.copyOf(hints);
        }
    }

    /**
     * What {@code explain} prints.
     *
     * @param header    the decoded header text, sanitised, or "(unreadable)"
     * @param claims    the decoded claims text, sanitised, or "(unreadable)"
     * @param signature the signature's length, or "(unreadable)"
     * @param times     now, the time claims and the lifetime, one a line
     * @param problems  what makes the verifier (or the authorization step) refuse the token, in order
     * @param warnings  what the verifier accepts but is probably not what was meant
     * @param notes     what passed or was not checked, where worth knowing
     * @param verdict   the verdict line's text (after {@code verdict: }), from the first problem
     */
    record Report(String header, String claims, String signature, List<String> times, List<Problem> problems,
            List<String> warnings, List<Note> notes, String verdict) {
        Report {
            times = List.copyOf(times);
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
            notes = List.copyOf(notes);
        }

        /** Whether no problem was found: exit code 0. */
        boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Explains {@code text}, which may be anything at all. */
    Report explain(String text) {
        return new Run(text).report();
    }

    /** The state of one explanation. */
    private final class Run {
        final String raw;
        final List<Problem> problems = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final List<Note> notes = new ArrayList<>();
        final List<String> times = new ArrayList<>();
        String token;
        Explanation x;

        Run(String raw) {
            this.raw = raw;
        }

        Report report() {
            token = input();
            x = verifier.explain(token);
            for (Finding f : x.findings()) {
                finding(f);
            }
            times();
            readNotes();
            scopeWarnings();
            authorization();
            if (x.accepted() && keys != null && problems.isEmpty()) {
                notes.add(new Note("replay: not checked: explain records no jti; a server that has seen this jti "
                        + "before refuses the token as replayed", List.of()));
            }
            String verdict;
            if (problems.isEmpty()) {
                verdict = keys == null ? "no problem found (give --keys to check the kid and the signature)"
                        : "accepted by the verifier";
            } else {
                Problem first = problems.get(0);
                verdict = first.unavailable() ? "the verifier cannot decide (it would answer 503): " + first.verdict()
                        : (keys == null ? "a verifier would refuse this token: " : "refused by the verifier: ")
                                + first.verdict();
            }
            String signature = signatureBytes().map(b -> b.length + " bytes").orElse("(unreadable)");
            return new Report(x.headerText().map(TokenExplainer::display).orElse("(unreadable)"),
                    x.claimsText().map(TokenExplainer::display).orElse("(unreadable)"), signature, times, problems,
                    warnings, notes, verdict);
        }

        // --- input: what a person pastes -----------------------------------------------------------

        /**
         * Takes a pasted {@code Bearer } prefix and line breaks out of the text, reporting each as a
         * problem that carries the verifier's refusal of the text as given; returns the token to
         * explain.
         */
        String input() {
            String t = raw;
            List<String> fixes = new ArrayList<>();
            if (t.regionMatches(true, 0, "bearer ", 0, 7)) {
                fixes.add("the text starts with `Bearer `: pass only the token after it");
                t = t.substring(7);
            }
            String squeezed = t.replaceAll("\\s+", "");
            if (!squeezed.equals(t)) {
                fixes.add("the token holds whitespace or a line break (copied from a wrapped line?)");
                t = squeezed;
            }
            if (fixes.isEmpty()) {
                return t;
            }
            Finding refusal = verifier.explain(raw).firstProblem().orElseThrow(() -> new IllegalStateException(
                    "the verifier accepts text holding whitespace"));
            String asGiven = "as given, the verifier refuses it (" + refusal.step() + ": " + refusal.message()
                    + "); what follows explains the token without it";
            for (String fix : fixes) {
                problems.add(new Problem("input: " + fix, List.of(asGiven), verdict(refusal), false));
            }
            return t;
        }

        // --- the verifier's findings --------------------------------------------------------------

        void finding(Finding f) {
            String step = f.step();
            if (keys == null && step.equals("key")) {
                // The empty key set, not the token: the step says nothing about the token's kid.
                notes.add(new Note(NO_KEYS, List.of()));
                return;
            }
            switch (f.status()) {
                case FAILED -> problems.add(new Problem(step + " (" + f.reason().value() + "): " + f.message(),
                        hints(f), verdict(f), false));
                case UNAVAILABLE -> problems.add(new Problem(step + " (unavailable): " + f.message(), List.of(),
                        f.message(), true));
                case PASSED -> passed(f);
                case NOT_CHECKED -> {
                    if (step.equals("signature")) {
                        List<String> hints = signatureHints(false);
                        if (keys != null) {
                            notes.add(new Note("signature: not checked: " + f.message(), hints));
                        } else if (!hints.isEmpty()) {
                            notes.add(new Note("signature: not checked", hints));
                        }
                    }
                }
            }
        }

        void passed(Finding f) {
            switch (f.step()) {
                case "key", "signature" -> notes.add(new Note(f.step() + ": " + f.message(), List.of()));
                case "window" -> {
                    Instant now = x.now();
                    x.notBefore().filter(nbf -> nbf.isAfter(now)).ifPresent(nbf -> notes.add(new Note(
                            "window: nbf is " + human(Duration.between(now, nbf)) + " in the future, within the "
                                    + human(x.clockSkew()) + " clock skew", List.of())));
                    x.expiresAt().filter(exp -> !exp.isAfter(now)).ifPresent(exp -> notes.add(new Note(
                            "window: expired " + human(Duration.between(exp, now)) + " ago, still accepted within the "
                                    + human(x.clockSkew()) + " clock skew", List.of())));
                }
                default -> {
                }
            }
        }

        List<String> hints(Finding f) {
            return switch (f.step()) {
                case "shape" -> shapeHints(f);
                case "header" -> headerHints(f);
                case "key" -> keyHints(f);
                case "window" -> windowHints(f);
                case "issuer" -> issuerHints(f);
                case "signature" -> signatureHints(true);
                default -> f.step().startsWith("claims of the") ? profileHints(f) : List.of();
            };
        }

        List<String> shapeHints(Finding f) {
            List<String> out = new ArrayList<>();
            if (f.reason() != Reason.MALFORMED || token.isEmpty()) {
                return out;
            }
            String[] parts = token.split("\\.", -1);
            if (parts.length == 5) {
                out.add("the token has 5 segments: it is an encrypted JWE, not a signed JWS");
                return out;
            }
            if (parts.length != 3) {
                out.add("the token has " + parts.length + " segment" + (parts.length == 1 ? "" : "s")
                        + "; a JWS has 3 (header.claims.signature)");
                return out;
            }
            String[] names = {"header", "claims", "signature"};
            for (int i = 0; i < 3; i++) {
                String s = parts[i];
                String what = names[i];
                if (s.isEmpty()) {
                    out.add(i == 2 ? "the signature segment is empty: the token is unsigned, and unsigned tokens "
                            + "(alg \"none\") are never accepted" : "the " + what + " segment is empty");
                    continue;
                }
                if (s.indexOf('=') >= 0) {
                    out.add("the " + what + " segment has `=` padding; JWS base64url has none (RFC 7515 §2)");
                }
                if (s.indexOf('+') >= 0 || s.indexOf('/') >= 0) {
                    out.add("the " + what + " segment uses standard base64 (`+`, `/`); JWS needs base64url (`-`, `_`)");
                }
                if (!s.replaceAll("[A-Za-z0-9_\\-+/=]", "").isEmpty()) {
                    out.add("the " + what + " segment holds characters outside base64url");
                }
            }
            return out;
        }

        List<String> headerHints(Finding f) {
            Map<String, Object> h = x.header().orElse(null);
            if (h == null) {
                return List.of();
            }
            if (f.reason() == Reason.UNSUPPORTED_ALGORITHM && h.get("alg") instanceof String a) {
                return List.of(algorithmHint(a));
            }
            String m = f.message();
            if (m.startsWith("typ ") && h.get("typ") != null) {
                return List.of("typ is " + show(h.get("typ")) + "; it must be \"JWT\"");
            }
            if (m.startsWith("crit ")) {
                return List.of("no header extension is understood, so a token that marks one critical is refused "
                        + "(RFC 7515 §4.1.11)");
            }
            if (m.startsWith("kid ")) {
                return List.of("kid must name the signing key: its RFC 7638 thumbprint (`bearerguard thumbprint KEY` "
                        + "prints it)");
            }
            return List.of();
        }

        String algorithmHint(String a) {
            String upper = a.toUpperCase(Locale.ROOT);
            Optional<Algorithm> known = Algorithm.fromJoseName(a);
            if (known.isPresent()) {
                return "alg is " + known.get() + ", which is not accepted (accepted: " + names() + "; add --alg "
                        + known.get() + " if that is intended)";
            }
            if (upper.equals("NONE")) {
                return "alg is \"none\": unsigned tokens are never accepted";
            }
            if (upper.startsWith("HS")) {
                return "alg is " + show(a) + ": HMAC (shared-secret) tokens are never accepted; sign with " + names();
            }
            return "alg " + show(a) + " is not a JWS signature algorithm this verifier knows"
                    + (Algorithm.fromJoseName(upper).isPresent() ? " (names are case-sensitive: " + upper + ")" : "");
        }

        List<String> keyHints(Finding f) {
            Object kid = x.header().map(h -> h.get("kid")).orElse(null);
            if (f.reason() == Reason.UNKNOWN_KEY) {
                int n = keys.size();
                String loaded = n <= 4 && n > 0
                        ? " (" + keys.keys().stream().map(TrustedKey::kid).collect(Collectors.joining(", ")) + ")" : "";
                return List.of("kid " + show(kid) + " is not among the " + n + " key" + (n == 1 ? "" : "s") + " loaded"
                        + loaded + "; `bearerguard thumbprint KEY` prints the kid of a key");
            }
            if (f.reason() == Reason.UNSUPPORTED_ALGORITHM && x.key().isPresent() && x.algorithm().isPresent()) {
                return List.of("kid " + show(kid) + " names a key for "
                        + x.key().get().algorithm().map(Algorithm::name).orElse("RSA algorithms")
                        + ", but the token says alg " + x.algorithm().get());
            }
            return List.of();
        }

        List<String> windowHints(Finding f) {
            Instant now = x.now();
            switch (f.reason()) {
                case EXPIRED:
                    return x.expiresAt().map(exp -> List.of("expired " + human(Duration.between(exp, now)) + " ago (exp "
                            + exp + ", clock skew " + human(x.clockSkew()) + ")")).orElse(List.of());
                case NOT_YET_VALID:
                    return x.notBefore().map(nbf -> List.of("not valid yet: nbf is " + human(Duration.between(now, nbf))
                            + " in the future (is the signer's clock fast?)")).orElse(List.of());
                case TIMESTAMP_IN_MILLISECONDS:
                    return millisecondsHint(f);
                case INVALID_CLAIM:
                case MISSING_CLAIM: {
                    String name = claimNamed(f);
                    Object v = name == null ? null : claim(name);
                    if (v instanceof String s) {
                        return List.of(name + " is a string" + (s.matches("\\d{1,20}") ? " of digits" : "")
                                + "; it must be a JSON number of seconds (Unix time, RFC 7519 §2)");
                    }
                    if (v == null && name != null && f.reason() == Reason.MISSING_CLAIM) {
                        return List.of(name + " is a JSON number of seconds (Unix time, RFC 7519 §2)");
                    }
                    return List.of();
                }
                default:
                    return List.of();
            }
        }

        /** What the claim the verifier named would be, read as milliseconds. */
        List<String> millisecondsHint(Finding f) {
            String name = claimNamed(f);
            if (name == null || !(claim(name) instanceof Number n)) {
                return List.of();
            }
            BigDecimal ms = new BigDecimal(n.toString());
            long seconds = ms.movePointLeft(3).longValue();
            String date;
            try {
                date = " is " + Instant.ofEpochSecond(seconds);
            } catch (DateTimeException e) {
                date = " is no date";
            }
            return List.of(name + " " + ms.toPlainString() + " read as milliseconds" + date + ": write " + seconds
                    + " (NumericDate is seconds, RFC 7519 §2)");
        }

        List<String> profileHints(Finding f) {
            String name = claimNamed(f);
            if (name == null) {
                return List.of();
            }
            Object v = claim(name);
            switch (name) {
                case "scopes":
                    if (v == null) {
                        return List.of(claim("scope") != null
                                ? "there is a `scope` claim (the OAuth spelling): the contract's claim is `scopes`, a JSON "
                                        + "array of strings"
                                : "use [] for a token that grants nothing");
                    }
                    return v instanceof String
                            ? List.of("scopes is a string; it must be a JSON array of strings, e.g. [\"transactions.read\"]")
                            : List.of();
                case "iss":
                    return v == null ? List.of("iss should name the calling code, e.g. an SDK and its version") : List.of();
                case "jti":
                    return v == null ? List.of("every token needs a unique random id") : List.of();
                default:
                    return List.of();
            }
        }

        List<String> issuerHints(Finding f) {
            if (f.reason() == Reason.UNTRUSTED_ISSUER) {
                return List.of("iss " + show(claim("iss")) + " is not among the accepted issuers (--issuer "
                        + String.join(", ", verifier.issuers().stream().sorted().toList()) + ")");
            }
            return List.of();
        }

        /**
         * Why an EC signature cannot or does not verify: DER instead of R‖S (and whether it verifies
         * once converted), the wrong length, a zero half. {@code failed}: the verifier checked it.
         */
        List<String> signatureHints(boolean failed) {
            Algorithm alg = x.algorithm().orElse(null);
            byte[] sig = signatureBytes().orElse(null);
            TrustedKey key = x.key().orElse(null);
            List<String> out = new ArrayList<>();
            if (alg == null || sig == null) {
                return out;
            }
            if (alg.family() == Algorithm.Family.EC) {
                int need = 2 * alg.size();
                if (sig.length != need) {
                    byte[] raw = derToRaw(sig, alg.size());
                    if (raw == null) {
                        out.add("the signature is " + sig.length + " bytes; " + alg + " needs exactly " + need
                                + (alg == Algorithm.ES512 ? " (a P-521 coordinate is 66 bytes, not 64)" : ""));
                        return out;
                    }
                    out.add("the signature is DER-encoded (" + sig.length + " bytes); " + alg + " needs " + need
                            + " raw bytes, R‖S (RFC 7518 §3.4)");
                    if (key != null && key.accepts(alg)) {
                        out.add(key.verifySignature(alg, signingInput(), raw, verifier.keyTables())
                                ? "converted to R‖S, the signature verifies with the key " + key.kid()
                                        + ": the signer wrote the DER form (e.g. JCA SHA"
                                        + (alg.size() == 66 ? 512 : alg.size() * 8)
                                        + "withECDSA) where JWS needs the raw one"
                                : "converted to R‖S, it does not verify with the key " + key.kid() + " either");
                    }
                    return out;
                }
                if (allZero(sig, 0, alg.size()) || allZero(sig, alg.size(), need)) {
                    out.add("the signature's r or s is zero: a forged signature (CVE-2022-21449)");
                    return out;
                }
            }
            if (failed && key != null) {
                out.add("the signature does not verify with the key " + key.kid()
                        + ": signed by another key, or the header or claims changed after signing");
            }
            return out;
        }

        // --- what could be read -------------------------------------------------------------------

        void times() {
            Instant now = x.now();
            Duration skew = x.clockSkew();
            times.add("now " + now.truncatedTo(ChronoUnit.SECONDS) + (skew.isZero() ? "" : " (clock skew " + human(skew) + ")"));
            if (x.expiresAt().isPresent()) {
                x.notBefore().ifPresent(t -> times.add("nbf " + t + " (" + relative(t) + ")"));
                x.issuedAt().ifPresent(t -> times.add("iat " + t + " (" + relative(t) + ")"));
                Instant exp = x.expiresAt().get();
                times.add("exp " + exp + " (" + relative(exp) + ")");
                Instant start = x.notBefore().or(x::issuedAt).orElse(null);
                if (start != null && exp.isAfter(start)) {
                    times.add("lifetime " + human(Duration.between(start, exp)));
                }
                return;
            }
            // The window step could not read the times: show them as written.
            for (String name : List.of("nbf", "iat", "exp")) {
                Object v = claim(name);
                if (v != null) {
                    times.add(name + " " + (v instanceof Number n ? new BigDecimal(n.toString()).toPlainString() : show(v))
                            + " (not read as a time: see problems)");
                }
            }
        }

        /** Notes on what was read: key-bearing header members that are ignored, an iat in the future. */
        void readNotes() {
            Map<String, Object> h = x.header().orElse(null);
            if (h == null) {
                return;
            }
            for (String ignored : new String[] {"jku", "jwk", "x5u", "x5c"}) {
                if (h.containsKey(ignored)) {
                    notes.add(new Note("header: " + ignored + " is present and ignored: keys are never taken from the token",
                            List.of()));
                }
            }
            x.issuedAt().filter(iat -> iat.isAfter(x.now())).ifPresent(iat -> notes.add(new Note(
                    "iat is " + human(Duration.between(x.now(), iat)) + " in the future (the verifier does not judge iat)",
                    List.of())));
        }

        /** The scopes as declared, once the profile step read them as an array of strings; else null. */
        List<String> declaredScopes() {
            boolean read = x.findings().stream()
                    .anyMatch(f -> f.step().startsWith("claims of the") && f.status() == Finding.Status.PASSED);
            if (!read || !(claim("scopes") instanceof List<?> list)) {
                return null;
            }
            return list.stream().map(String.class::cast).toList();
        }

        void scopeWarnings() {
            ScopeVocabulary vocabulary = verifier.vocabulary().orElse(null);
            List<String> declared = declaredScopes();
            if (declared != null) {
                if (declared.isEmpty()) {
                    warnings.add("scopes is empty: the token is valid but grants nothing (every scope check answers 403)");
                }
                if (vocabulary != null) {
                    for (String s : declared) {
                        vocabulary.problem(s).ifPresent(warnings::add);
                    }
                }
                List<String> others = declared.stream().filter(s -> !s.equals(Scope.EMBED)).toList();
                if (GrantedScopes.of(declared).isEmbed() && !others.isEmpty()) {
                    warnings.add("the token has `embed` (a browser token: anyone who opens the checkout page holds it) "
                            + "and also " + String.join(", ", others)
                            + ", which then reach every holder; an embed token needs only `embed`");
                }
                if (claim("embed") != null && !declared.contains(Scope.EMBED)) {
                    warnings.add("embed pins are present but the token lacks the `embed` scope");
                }
            }
            if (vocabulary != null) {
                for (String p : vocabulary.problems(requirement)) {
                    warnings.add("--scope: " + p);
                }
            }
        }

        /**
         * {@code --scope}: once the verifier accepts the token, the {@link Authorizer} decides on the
         * token {@code verify} returns; before, whether the token's scopes could meet the requirement
         * at all (no authorization passes a requirement the scopes do not meet).
         */
        void authorization() {
            if (requirement.isNone()) {
                return;
            }
            if (x.accepted()) {
                VerifiedToken verified;
                try {
                    verified = verifier.verify(token);
                } catch (TokenRejectedException e) {
                    throw new IllegalStateException("explain accepts a token that verify refuses ("
                            + e.reason().value() + ")", e);
                }
                Authorizer.defaults().check(verified, requirement, null).ifPresent(e -> problems.add(
                        e.reason() == Reason.INSUFFICIENT_SCOPE ? scopeProblem(verified.scopes(), verdict(e))
                                : new Problem("authorization (" + e.reason().value() + "): " + e.description(), List.of(),
                                        verdict(e), false)));
                return;
            }
            List<String> declared = declaredScopes();
            if (declared != null && !requirement.isSatisfiedBy(GrantedScopes.of(declared))) {
                GrantedScopes granted = GrantedScopes.of(declared);
                problems.add(scopeProblem(granted, Reason.INSUFFICIENT_SCOPE.errorCode().value()
                        + " (" + Reason.INSUFFICIENT_SCOPE.value() + "): " + missing(granted)));
            }
        }

        Problem scopeProblem(GrantedScopes granted, String verdict) {
            List<String> hints = granted.isEmbed() && !requirement.names(Scope.EMBED)
                    ? List.of("`embed` grants only operations that list it as an alternative (e.g. --scope '"
                            + requirement.scopes().get(0) + "|embed')")
                    : List.of();
            return new Problem("authorization (insufficient_scope): " + missing(granted) + " (403)", hints, verdict, false);
        }

        String missing(GrantedScopes granted) {
            if (requirement.mode() == ScopeRequirement.Mode.ANY_OF) {
                return "the token grants none of " + String.join(", ", requirement.scopes());
            }
            return "the token does not grant "
                    + String.join(", ", requirement.scopes().stream().filter(s -> !granted.grants(s)).toList());
        }

        Object claim(String name) {
            return x.claims().map(c -> c.get(name)).orElse(null);
        }

        /** The token's third segment, decoded, once the verifier found the token's shape sound. */
        Optional<byte[]> signatureBytes() {
            boolean shaped = x.findings().stream()
                    .anyMatch(f -> f.step().equals("shape") && f.status() == Finding.Status.PASSED);
            if (!shaped) {
                return Optional.empty();
            }
            try {
                return Optional.of(Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        byte[] signingInput() {
            return token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
        }

        String relative(Instant t) {
            Duration d = Duration.between(x.now(), t);
            return d.getSeconds() == 0 && d.getNano() == 0 ? "now"
                    : d.isNegative() ? human(d.negated()) + " ago" : "in " + human(d);
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    private String names() {
        return verifier.algorithms().stream().sorted().map(Enum::name).collect(Collectors.joining(", "));
    }

    /** The verdict text of a failed finding: {@code invalid_token (expired): token expired}. */
    private static String verdict(Finding f) {
        return f.status() == Finding.Status.FAILED
                ? f.reason().errorCode().value() + " (" + f.reason().value() + "): " + f.message()
                : f.message();
    }

    private static String verdict(BearerError e) {
        return e.code().value() + " (" + e.reason().value() + "): " + e.description();
    }

    /**
     * The claim a finding is about, when its message starts with {@code NAME claim} (the verifier's
     * wording for claim problems), else null.
     */
    static String claimNamed(Finding f) {
        int space = f.message().indexOf(' ');
        return space > 0 && f.message().startsWith(" claim", space) ? f.message().substring(0, space) : null;
    }

    /** "45 s", "3 min", "5 h", "12 days": a length of time as people say it (whole seconds). */
    static String human(Duration d) {
        return human(d.getSeconds());
    }

    /** As {@link #human(Duration)}, for a number of seconds. */
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

    /** A header or claim value, quoted, through core's one sanitiser ({@link Sanitizer#text}). */
    static String show(Object v) {
        return "\"" + Sanitizer.text(v instanceof String str ? str : String.valueOf(v)) + "\"";
    }

    /**
     * Decoded header or claims text for the terminal: at most {@link #SHOW_LIMIT} characters, every
     * one through {@link Sanitizer#text} (so no control character or bidirectional override reaches
     * the terminal), in pieces short enough that the sanitiser never cuts them.
     */
    static String display(String text) {
        String shown = text.length() <= SHOW_LIMIT ? text : text.substring(0, SHOW_LIMIT);
        StringBuilder sb = new StringBuilder(shown.length() + 16);
        for (int i = 0; i < shown.length(); i += Sanitizer.TEXT_LENGTH) {
            sb.append(Sanitizer.text(shown.substring(i, Math.min(shown.length(), i + Sanitizer.TEXT_LENGTH))));
        }
        return text.length() <= SHOW_LIMIT ? sb.toString() : sb + "… (" + text.length() + " characters)";
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
