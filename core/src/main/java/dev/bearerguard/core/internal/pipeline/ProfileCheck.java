package dev.bearerguard.core.internal.pipeline;

import dev.bearerguard.core.EmbedPins;
import dev.bearerguard.core.Reason;
import dev.bearerguard.core.TokenProfile;
import dev.bearerguard.core.scope.GrantedScopes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The claims each profile requires, with their types. API tokens: {@code iss} and {@code jti}
 * non-empty strings, {@code scopes} an array of strings, {@code embed} an object with typed pins,
 * {@code checkout_session_id} a string. Checkout tokens: {@code partner_id}, {@code client_id},
 * {@code customer_id} and {@code invoice_id} non-empty strings; {@code iss} and {@code jti} strings
 * when present ({@code jti} not empty).
 */
public final class ProfileCheck implements Check {

    private static final String[] CHECKOUT_REQUIRED = {"partner_id", "client_id", "customer_id", "invoice_id"};

    private final TokenProfile profile;

    /** @param profile the claim profile */
    public ProfileCheck(TokenProfile profile) {
        this.profile = profile;
    }

    @Override
    public String name() {
        return "claims of the " + profile.name().toLowerCase(java.util.Locale.ROOT) + " profile";
    }

    @Override
    public boolean canRun(TokenState s) {
        return s.claims != null;
    }

    @Override
    public String whyNot(TokenState s) {
        return "the claims could not be read";
    }

    @Override
    public Problem run(TokenState s) {
        Map<String, Object> claims = s.claims;
        Object[] out = new Object[1];
        Problem p;
        if (profile == TokenProfile.API) {
            if ((p = requiredString(claims, "iss", out)) != null) {
                return p;
            }
            s.issuer = (String) out[0];
            if ((p = requiredString(claims, "jti", out)) != null) {
                return p;
            }
            s.jti = (String) out[0];
            if ((p = scopes(claims, out)) != null) {
                return p;
            }
            @SuppressWarnings("unchecked")
            List<String> declared = (List<String>) out[0];
            s.scopes = GrantedScopes.of(declared);
            Object e = claims.get("embed");
            if (e != null) {
                if (!(e instanceof Map<?, ?> m)) {
                    return new Problem(Reason.INVALID_CLAIM, "embed is not an object");
                }
                try {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> em = (Map<String, Object>) m;
                    s.embed = EmbedPins.of(em);
                } catch (IllegalArgumentException ex) {
                    return new Problem(Reason.INVALID_CLAIM, ex.getMessage());
                }
            }
            if ((p = optionalString(claims, "checkout_session_id", out)) != null) {
                return p;
            }
            s.checkoutSessionId = (String) out[0];
        } else {
            for (String c : CHECKOUT_REQUIRED) {
                if ((p = requiredString(claims, c, out)) != null) {
                    return p;
                }
            }
            if ((p = optionalString(claims, "iss", out)) != null) {
                return p;
            }
            s.issuer = (String) out[0];
            if ((p = optionalString(claims, "jti", out)) != null) {
                return p;
            }
            s.jti = (String) out[0];
            if (s.jti != null && s.jti.isEmpty()) {
                return new Problem(Reason.INVALID_CLAIM, "jti is empty");
            }
        }
        s.profileOk = true;
        return null;
    }

    private static Problem requiredString(Map<String, Object> claims, String name, Object[] out) {
        Object v = claims.get(name);
        if (v == null) {
            return new Problem(Reason.MISSING_CLAIM, name + " claim is missing");
        }
        if (!(v instanceof String s) || s.isEmpty()) {
            return new Problem(Reason.INVALID_CLAIM, name + " claim is not a non-empty string");
        }
        out[0] = s;
        return null;
    }

    private static Problem optionalString(Map<String, Object> claims, String name, Object[] out) {
        Object v = claims.get(name);
        out[0] = null;
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            return new Problem(Reason.INVALID_CLAIM, name + " claim is not a string");
        }
        out[0] = s;
        return null;
    }

    private static Problem scopes(Map<String, Object> claims, Object[] out) {
        Object v = claims.get("scopes");
        if (v == null) {
            return new Problem(Reason.MISSING_CLAIM, "scopes claim is missing");
        }
        if (!(v instanceof List<?> list)) {
            return new Problem(Reason.INVALID_CLAIM, "scopes claim is not an array of strings");
        }
        List<String> scopes = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof String str)) {
                return new Problem(Reason.INVALID_CLAIM, "scopes claim is not an array of strings");
            }
            scopes.add(str);
        }
        out[0] = scopes;
        return null;
    }

    @Override
    public String passed(TokenState s) {
        return profile == TokenProfile.API
                ? "iss, jti and scopes are well-formed" + (s.embed != null ? "; embed pins " + s.embed.all().keySet() : "")
                : "partner_id, client_id, customer_id and invoice_id are present";
    }
}
