package dev.bearerguard.sample;

import java.util.List;
import java.util.Map;

/**
 * The bounds on what the mock API stores from a request body, in the spirit of the reference API's
 * own limits, so no body can grow the heap (issue 11): {@code metadata} is at most {@value
 * #MAX_METADATA_KEYS} string members (keys up to {@value #MAX_METADATA_KEY} characters, values up
 * to {@value #MAX_METADATA_VALUE}); {@code cart_items} at most {@value #MAX_CART_ITEMS} objects of
 * at most {@value #MAX_ITEM_MEMBERS} members holding strings up to {@value #MAX_STRING} characters,
 * numbers, booleans or null; names and identifiers at most {@value #MAX_STRING} characters. A
 * broken rule is a 400 naming the member. Stateless and thread-safe.
 */
final class BodyRules {

    static final int MAX_METADATA_KEYS = 20;
    static final int MAX_METADATA_KEY = 40;
    static final int MAX_METADATA_VALUE = 200;
    static final int MAX_CART_ITEMS = 249;
    static final int MAX_ITEM_MEMBERS = 20;
    static final int MAX_STRING = 255;

    private BodyRules() {
    }

    /** {@code metadata}: absent, or an object of short string members. */
    static void metadata(Object v) {
        if (v == null) {
            return;
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw Problems.badRequest("metadata must be an object");
        }
        if (m.size() > MAX_METADATA_KEYS) {
            throw Problems.badRequest("metadata holds at most " + MAX_METADATA_KEYS + " members");
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String k = (String) e.getKey();
            if (k.isEmpty() || k.length() > MAX_METADATA_KEY) {
                throw Problems.badRequest("metadata keys are 1 to " + MAX_METADATA_KEY + " characters");
            }
            if (!(e.getValue() instanceof String s) || s.length() > MAX_METADATA_VALUE) {
                throw Problems.badRequest("metadata values are strings of at most " + MAX_METADATA_VALUE + " characters");
            }
        }
    }

    /** {@code cart_items}: absent, or an array of small flat objects. */
    static void cartItems(Object v) {
        if (v == null) {
            return;
        }
        if (!(v instanceof List<?> items)) {
            throw Problems.badRequest("cart_items must be an array");
        }
        if (items.size() > MAX_CART_ITEMS) {
            throw Problems.badRequest("cart_items holds at most " + MAX_CART_ITEMS + " items");
        }
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> m) || m.size() > MAX_ITEM_MEMBERS) {
                throw Problems.badRequest("each cart item is an object of at most " + MAX_ITEM_MEMBERS + " members");
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object x = e.getValue();
                boolean ok = ((String) e.getKey()).length() <= MAX_STRING
                        && (x == null || x instanceof Number || x instanceof Boolean
                                || (x instanceof String s && s.length() <= MAX_STRING));
                if (!ok) {
                    throw Problems.badRequest("cart item members are numbers, booleans or strings of at most "
                            + MAX_STRING + " characters");
                }
            }
        }
    }

    /** A short optional string member. */
    static String string(Map<String, Object> body, String name) {
        Object v = body.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s) || s.length() > MAX_STRING) {
            throw Problems.badRequest(name + " must be a string of at most " + MAX_STRING + " characters");
        }
        return s;
    }
}
