package dev.bearerguard.core;

import dev.bearerguard.core.internal.StrictJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code embed} claim: values a checkout token pins. Requests made with the token must use
 * exactly these values.
 *
 * <p>Known members are typed ({@code amount} as a number, the others as strings, maps and lists);
 * members the contract does not name ({@code merchant_account_id}, {@code connection_options}, …)
 * are kept in {@link #all()} for the application.
 *
 * <p>Immutable and thread-safe.
 */
public final class EmbedPins {

    /** The pinned members a request must repeat exactly, in the order they are compared. */
    public static final List<String> PINNED_FIELDS =
            List.of("amount", "currency", "buyer_id", "buyer_external_identifier", "metadata", "cart_items");

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
        for (String f : new String[] {"currency", "buyer_id", "buyer_external_identifier"}) {
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
        return new EmbedPins(java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(embed)));
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
     * Checks one request value against its pin; does nothing if {@code field} is not pinned.
     * Numbers compare by value ({@code 1299} equals {@code 1299.0}); strings exactly; objects and
     * arrays member by member. A missing request value ({@code null}) does not match a pin.
     *
     * @param field  the member name, e.g. {@code "amount"}
     * @param actual the value the request uses (JSON-like: Number, String, Map, List, Boolean)
     * @throws PinMismatchException (403) naming the field if the value differs
     */
    public void require(String field, Object actual) {
        if (all.containsKey(field) && !same(all.get(field), actual)) {
            throw new PinMismatchException(new BearerError(Reason.PIN_MISMATCH,
                    "request changes the value pinned by the token: " + Sanitizer.identifier(field), List.of()));
        }
    }

    /**
     * The first of {@link #PINNED_FIELDS} that the token pins and the request does not repeat
     * exactly. Members the contract does not name are not compared.
     *
     * @param request the request's values by member name (absent = not repeated)
     * @return the field's name, or empty when every pin is honoured
     */
    public Optional<String> firstMismatch(Map<String, ?> request) {
        for (String f : PINNED_FIELDS) {
            if (all.containsKey(f) && !same(all.get(f), request.get(f))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * As {@link #firstMismatch}, throwing.
     *
     * @throws PinMismatchException (403) naming the first mismatched field
     */
    public void requireAll(Map<String, ?> request) {
        firstMismatch(request).ifPresent(f -> require(f, request.get(f)));
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
