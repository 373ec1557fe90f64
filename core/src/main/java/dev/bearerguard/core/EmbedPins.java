package dev.bearerguard.core;

import dev.bearerguard.core.json.StrictJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code embed} claim: the values of one checkout that a token pins, and the one rule that
 * holds requests to them (the contract, {@code docs/contract.md} §1.6):
 *
 * <ul>
 *   <li>a request that sends a different value is refused with a 403 {@link PinMismatchException}
 *       naming the field (never its value);</li>
 *   <li>a request that omits a pinned field gets the pinned value ({@link #apply});</li>
 *   <li>{@code buyer_id} and {@code buyer_external_identifier} are <b>one</b> pin, the buyer: when
 *       the token pins either, a request may name the buyer only by a field the token pins, with
 *       the pinned value (a library cannot tell which id belongs to which external identifier, so
 *       naming the buyer by the other field is refused too);</li>
 *   <li>{@code merchant_account_id} pins the merchant-account header, not a body field: {@link
 *       Authorizer#check} enforces it and {@link Authorizer#merchantAccount} applies it.</li>
 * </ul>
 * Numbers compare by value ({@code 1299}, {@code 1299.0} and {@code 12.99e2} are the same),
 * strings exactly (no case folding: {@code usd} is not {@code USD}), objects member by member and
 * arrays element by element.
 *
 * <p>Known members are typed ({@code amount} a number, the others strings, an object and an array;
 * a member of the wrong type makes the token invalid); members the contract does not name ({@code
 * connection_options}, …) are kept in {@link #all()} for the application.
 *
 * <p>Immutable and thread-safe.
 */
public final class EmbedPins {

    /** The request members {@link #apply} binds, in the order it checks them. */
    public static final List<String> PINNED_FIELDS =
            List.of("amount", "currency", "buyer_id", "buyer_external_identifier", "metadata", "cart_items");

    /** The pin on the merchant-account header (see {@link Authorizer#check}). */
    public static final String MERCHANT_ACCOUNT_ID = "merchant_account_id";

    private static final List<String> SIMPLE_FIELDS = List.of("amount", "currency", "metadata", "cart_items");

    private final Map<String, Object> all;

    private EmbedPins(Map<String, Object> all) {
        this.all = all;
    }

    /**
     * Reads an {@code embed} object from parsed claims.
     *
     * @throws IllegalArgumentException naming the member whose type is wrong
     */
    public static EmbedPins of(Map<String, Object> embed) {
        Objects.requireNonNull(embed, "embed");
        Object amount = embed.get("amount");
        if (amount != null && !(amount instanceof Number)) {
            throw new IllegalArgumentException("embed.amount must be a number");
        }
        for (String f : new String[] {"currency", "buyer_id", "buyer_external_identifier", MERCHANT_ACCOUNT_ID}) {
            Object v = embed.get(f);
            if (v != null && !(v instanceof String)) {
                throw new IllegalArgumentException("embed." + f + " must be a string");
            }
        }
        Object metadata = embed.get("metadata");
        if (metadata != null && !(metadata instanceof Map)) {
            throw new IllegalArgumentException("embed.metadata must be an object");
        }
        Object cart = embed.get("cart_items");
        if (cart != null && !(cart instanceof List)) {
            throw new IllegalArgumentException("embed.cart_items must be an array");
        }
        return new EmbedPins(Collections.unmodifiableMap(new LinkedHashMap<>(embed)));
    }

    /** The pinned amount. */
    public Optional<BigDecimal> amount() {
        Object a = all.get("amount");
        return a == null ? Optional.empty() : Optional.of(decimal((Number) a));
    }

    /** The pinned currency. */
    public Optional<String> currency() {
        return Optional.ofNullable((String) all.get("currency"));
    }

    /** The pinned buyer id. */
    public Optional<String> buyerId() {
        return Optional.ofNullable((String) all.get("buyer_id"));
    }

    /** The pinned external buyer identifier. */
    public Optional<String> buyerExternalIdentifier() {
        return Optional.ofNullable((String) all.get("buyer_external_identifier"));
    }

    /** Whether the buyer is pinned (by either field). */
    public boolean pinsBuyer() {
        return all.get("buyer_id") != null || all.get("buyer_external_identifier") != null;
    }

    /** The pinned merchant account (the merchant-account header's value). */
    public Optional<String> merchantAccountId() {
        return Optional.ofNullable((String) all.get(MERCHANT_ACCOUNT_ID));
    }

    /** The pinned metadata object. */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> metadata() {
        return Optional.ofNullable((Map<String, Object>) all.get("metadata"));
    }

    /** The pinned cart items. */
    @SuppressWarnings("unchecked")
    public Optional<List<Object>> cartItems() {
        return Optional.ofNullable((List<Object>) all.get("cart_items"));
    }

    /** Every member of the claim, including those the contract does not name (read-only). */
    public Map<String, Object> all() {
        return all;
    }

    /** Whether {@code field} is pinned. */
    public boolean pins(String field) {
        return all.containsKey(field);
    }

    /**
     * Holds a request to the pins and answers the values to act on: the request's members, with
     * every pinned member of {@link #PINNED_FIELDS} set to its pinned value (where the request
     * omitted it, the pin is applied; where it repeated it, the token's value is kept, so {@code
     * 1299.0} becomes the pinned {@code 1299}). A member that is absent or JSON {@code null} counts
     * as omitted. Members the contract does not name are neither compared nor added.
     *
     * <pre>{@code
     * Map<String, Object> values = token.embed().map(p -> p.apply(body)).orElse(body);
     * }</pre>
     *
     * @param request the request's values by member name (JSON-like: Number, String, Map, List,
     *                Boolean, null)
     * @return a read-only copy of {@code request} with the pins applied, in the request's order and
     *     then the applied pins'
     * @throws PinMismatchException (403 {@code pin_mismatch}) naming the first field whose value
     *     differs from its pin, or the buyer field that names another buyer
     */
    public Map<String, Object> apply(Map<String, ?> request) {
        Objects.requireNonNull(request, "request");
        Map<String, Object> out = new LinkedHashMap<>(request);
        for (String f : SIMPLE_FIELDS) {
            if (all.get(f) == null) {
                continue;
            }
            Object actual = request.get(f);
            if (!omitted(actual) && !same(all.get(f), actual)) {
                throw mismatch(f, "request changes the value pinned by the token: ");
            }
            out.put(f, all.get(f));
        }
        if (pinsBuyer()) {
            for (String f : new String[] {"buyer_id", "buyer_external_identifier"}) {
                Object actual = request.get(f);
                if (!omitted(actual) && (all.get(f) == null || !same(all.get(f), actual))) {
                    throw mismatch(f, "request names another buyer than the token pins: ");
                }
                if (all.get(f) != null) {
                    out.put(f, all.get(f));
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The 403 for a merchant-account header that differs from the pin (see {@link Authorizer#check}). */
    static BearerError merchantMismatch() {
        return new BearerError(Reason.PIN_MISMATCH,
                "request changes the value pinned by the token: " + MERCHANT_ACCOUNT_ID, List.of());
    }

    private static boolean omitted(Object v) {
        return v == null || v == StrictJson.NULL;
    }

    private static PinMismatchException mismatch(String field, String why) {
        return new PinMismatchException(new BearerError(Reason.PIN_MISMATCH, why + field, List.of()));
    }

    static boolean same(Object pinned, Object actual) {
        if (actual == null || actual == StrictJson.NULL) {
            return pinned == null || pinned == StrictJson.NULL;
        }
        if (pinned instanceof Number p) {
            if (actual instanceof Number a) {
                if (!finite(p) || !finite(a)) {
                    return false; // NaN and infinities never equal a pin (and BigDecimal cannot hold them)
                }
                return decimal(p).compareTo(decimal(a)) == 0;
            }
            return false;
        }
        if (pinned instanceof Map<?, ?> pm) {
            if (!(actual instanceof Map<?, ?> am) || pm.size() != am.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : pm.entrySet()) {
                if (!am.containsKey(e.getKey()) || !same(e.getValue(), am.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (pinned instanceof List<?> pl) {
            if (!(actual instanceof List<?> al) || pl.size() != al.size()) {
                return false;
            }
            for (int i = 0; i < pl.size(); i++) {
                if (!same(pl.get(i), al.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return pinned.equals(actual);
    }

    private static boolean finite(Number n) {
        return !(n instanceof Double || n instanceof Float) || Double.isFinite(n.doubleValue());
    }

    static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (n instanceof Double || n instanceof Float) {
            return BigDecimal.valueOf(n.doubleValue());
        }
        return BigDecimal.valueOf(n.longValue());
    }

    @Override
    public String toString() {
        return "EmbedPins" + all.keySet();
    }
}
