package dev.bearerguard.sample;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The mock payment API's data, in memory, shaped like the reference API's JSON ({@code type},
 * {@code id}, snake_case, amounts in minor units, ISO-8601 times). Every method is synchronized:
 * thread-safe, and simple enough for a mock.
 */
final class MockData {

    /** Checkout sessions expire this long after creation; updates do not extend them. */
    static final Duration CHECKOUT_SESSION_LIFETIME = Duration.ofHours(1);

    /**
     * The most transactions, buyers and sessions kept each: past it the oldest is dropped, so a
     * client that posts again and again cannot grow the heap without bound.
     */
    static final int MAX_RECORDS = 10_000;

    private final Clock clock;
    private final Map<String, Map<String, Object>> transactions = bounded();
    private final Map<String, Map<String, Object>> buyers = bounded();
    private final Map<String, Map<String, Object>> sessions = bounded();
    /** Who created each session ({@code VerifiedToken.identity()}): a token without a session id may use its own. */
    private final Map<String, String> sessionOwners = bounded();
    private final Map<String, List<Map<String, Object>>> paymentMethods = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> invoices = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> customers = new LinkedHashMap<>();

    MockData(Clock clock) {
        this.clock = clock;
        Map<String, Object> ada = buyer("b7b0d1c2-5c1e-4f0e-9a53-0f3c2a1d0001", "ada-1815", "Ada Lovelace");
        Map<String, Object> alan = buyer("b7b0d1c2-5c1e-4f0e-9a53-0f3c2a1d0002", "alan-1912", "Alan Turing");
        buyers.put((String) ada.get("id"), ada);
        buyers.put((String) alan.get("id"), alan);
        seedTransaction("8724fd24-5489-4a5d-90fd-0604df7d3b83", 1299, "USD", ada, "default");
        seedTransaction("e2b4f1a0-3c4d-4b5e-8f6a-7b8c9d0e1f20", 4500, "EUR", alan, "default");
        seedTransaction("0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5", 250, "GBP", null, "merchant-b");
        paymentMethods.put((String) ada.get("id"), List.of(storedMethod("9f2c1a7e-0b1d-4c2e-8f3a-5d6e7f8a9b01", "visa", "1111", ada)));
        paymentMethods.put((String) alan.get("id"), List.of(storedMethod("9f2c1a7e-0b1d-4c2e-8f3a-5d6e7f8a9b02", "mastercard", "4444", alan)));
        customers.put("cus_1", customer("cus_1", "Ada Lovelace", "ada@example.com"));
        customers.put("cus_2", customer("cus_2", "Alan Turing", "alan@example.com"));
        invoices.put("inv_1", invoice("inv_1", "cus_1", 1299, "USD", "Analytical Engine, 1 unit"));
        invoices.put("inv_2", invoice("inv_2", "cus_2", 4500, "EUR", "Bombe rotor set"));
    }

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_RECORDS;
            }
        };
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    // --- transactions ---------------------------------------------------------------------------

    synchronized List<Map<String, Object>> transactions(String merchant) {
        return transactions.values().stream()
                .filter(t -> merchant == null || merchant.equals(t.get("merchant_account_id")))
                .map(LinkedHashMap::new).map(m -> (Map<String, Object>) m).toList();
    }

    /** The id and external identifier of a transaction's buyer ({@code null}s when it has none). */
    @SuppressWarnings("unchecked")
    static String[] buyerOf(Map<String, Object> transaction) {
        Map<String, Object> b = (Map<String, Object>) transaction.get("buyer");
        return b == null ? new String[] {null, null} : new String[] {(String) b.get("id"), (String) b.get("external_identifier")};
    }

    synchronized Optional<Map<String, Object>> transaction(String id) {
        return Optional.ofNullable(transactions.get(id)).map(LinkedHashMap::new);
    }

    /** Records a captured transaction; the caller validated the fields. */
    synchronized Map<String, Object> createTransaction(long amount, String currency, String buyerId,
            String buyerExternalIdentifier, Object metadata, Object cartItems, String merchant) {
        Map<String, Object> buyer = null;
        if (buyerId != null) {
            buyer = buyers.get(buyerId);
        } else if (buyerExternalIdentifier != null) {
            buyer = buyers.values().stream().filter(b -> buyerExternalIdentifier.equals(b.get("external_identifier")))
                    .findFirst().orElse(null);
        }
        Map<String, Object> t = transaction(UUID.randomUUID().toString(), amount, currency, buyer,
                merchant == null ? "default" : merchant);
        if (metadata != null) {
            t.put("metadata", metadata);
        }
        if (cartItems != null) {
            t.put("cart_items", cartItems);
        }
        transactions.put((String) t.get("id"), t);
        return new LinkedHashMap<>(t);
    }

    private void seedTransaction(String id, long amount, String currency, Map<String, Object> buyer, String merchant) {
        transactions.put(id, transaction(id, amount, currency, buyer, merchant));
    }

    private Map<String, Object> transaction(String id, long amount, String currency, Map<String, Object> buyer,
            String merchant) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("type", "transaction");
        t.put("id", id);
        t.put("status", "capture_succeeded");
        t.put("amount", amount);
        t.put("captured_amount", amount);
        t.put("refunded_amount", 0);
        t.put("currency", currency);
        t.put("buyer", buyer == null ? null : buyerSummary(buyer));
        Map<String, Object> pm = new LinkedHashMap<>();
        pm.put("type", "payment-method");
        pm.put("method", "card");
        pm.put("scheme", "visa");
        pm.put("label", "1111");
        pm.put("expiration_date", "12/30");
        t.put("payment_method", pm);
        t.put("merchant_account_id", merchant);
        t.put("metadata", Map.of());
        t.put("cart_items", List.of());
        t.put("created_at", now().toString());
        return t;
    }

    // --- buyers ---------------------------------------------------------------------------------

    synchronized List<Map<String, Object>> buyers() {
        return buyers.values().stream().map(this::buyerSummary).toList();
    }

    synchronized boolean hasBuyer(String id) {
        return buyers.containsKey(id);
    }

    synchronized boolean hasBuyerExternalIdentifier(String ext) {
        return buyers.values().stream().anyMatch(b -> ext.equals(b.get("external_identifier")));
    }

    /** The buyer named by id, else by external identifier (summaries). */
    synchronized Optional<Map<String, Object>> findBuyer(String id, String externalIdentifier) {
        if (id != null) {
            return Optional.ofNullable(buyers.get(id)).map(this::buyerSummary);
        }
        return buyers.values().stream().filter(b -> externalIdentifier != null && externalIdentifier.equals(b.get("external_identifier")))
                .findFirst().map(this::buyerSummary);
    }

    /** A buyer's stored payment methods. */
    synchronized List<Map<String, Object>> paymentMethods(String buyerId) {
        return paymentMethods.getOrDefault(buyerId, List.of()).stream().map(m -> (Map<String, Object>) new LinkedHashMap<>(m)).toList();
    }

    private Map<String, Object> storedMethod(String id, String scheme, String label, Map<String, Object> buyer) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "payment-method");
        m.put("id", id);
        m.put("method", "card");
        m.put("scheme", scheme);
        m.put("label", label);
        m.put("expiration_date", "12/30");
        m.put("buyer", buyerSummary(buyer));
        return m;
    }

    synchronized Map<String, Object> createBuyer(String externalIdentifier, String displayName) {
        Map<String, Object> b = buyer(UUID.randomUUID().toString(), externalIdentifier, displayName);
        buyers.put((String) b.get("id"), b);
        return buyerSummary(b);
    }

    @SuppressWarnings("unchecked")
    synchronized Optional<Map<String, Object>> billingDetails(String buyerId) {
        Map<String, Object> b = buyers.get(buyerId);
        return b == null ? Optional.empty()
                : Optional.of(new LinkedHashMap<>((Map<String, Object>) b.get("billing_details")));
    }

    private Map<String, Object> buyer(String id, String ext, String name) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("type", "buyer");
        b.put("id", id);
        b.put("external_identifier", ext);
        b.put("display_name", name);
        b.put("created_at", now().toString());
        Map<String, Object> bd = new LinkedHashMap<>();
        bd.put("type", "billing-details");
        String[] names = name == null ? new String[] {"", ""} : name.split(" ", 2);
        bd.put("first_name", names[0]);
        bd.put("last_name", names.length > 1 ? names[1] : "");
        bd.put("email_address", ext == null ? null : ext + "@example.com");
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("city", "London");
        address.put("country", "GB");
        address.put("postal_code", "N1 9GU");
        address.put("line1", "1 Example Street");
        bd.put("address", address);
        b.put("billing_details", bd);
        return b;
    }

    private Map<String, Object> buyerSummary(Map<String, Object> b) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "buyer");
        s.put("id", b.get("id"));
        s.put("external_identifier", b.get("external_identifier"));
        s.put("display_name", b.get("display_name"));
        s.put("created_at", b.get("created_at"));
        return s;
    }

    // --- checkout sessions ----------------------------------------------------------------------

    /** Creates a session owned by {@code owner} (a token's identity). */
    synchronized Map<String, Object> createSession(Object cartItems, Object metadata, String owner) {
        Instant created = now();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "checkout-session");
        s.put("id", UUID.randomUUID().toString());
        s.put("cart_items", cartItems == null ? List.of() : cartItems);
        s.put("metadata", metadata == null ? Map.of() : metadata);
        s.put("created_at", created.toString());
        s.put("expires_at", created.plus(CHECKOUT_SESSION_LIFETIME).toString());
        sessions.put((String) s.get("id"), s);
        sessionOwners.put((String) s.get("id"), owner);
        return new LinkedHashMap<>(s);
    }

    /** Whether {@code owner} created the session. */
    synchronized boolean ownsSession(String id, String owner) {
        return owner != null && owner.equals(sessionOwners.get(id));
    }

    /** A session that exists and has not expired. */
    synchronized Optional<Map<String, Object>> liveSession(String id) {
        Map<String, Object> s = sessions.get(id);
        if (s == null || !clock.instant().isBefore(Instant.parse((String) s.get("expires_at")))) {
            return Optional.empty();
        }
        return Optional.of(new LinkedHashMap<>(s));
    }

    /** Replaces a live session's cart items and metadata; its expiry stays where it was. */
    synchronized Optional<Map<String, Object>> updateSession(String id, Object cartItems, Object metadata) {
        if (liveSession(id).isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> s = sessions.get(id);
        if (cartItems != null) {
            s.put("cart_items", cartItems);
        }
        if (metadata != null) {
            s.put("metadata", metadata);
        }
        return Optional.of(new LinkedHashMap<>(s));
    }

    // --- payment options ------------------------------------------------------------------------

    List<Map<String, Object>> paymentOptions(String currency) {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(option("card", "Card"));
        out.add(option("paypal", "PayPal"));
        if ("EUR".equals(currency)) {
            out.add(option("ideal", "iDEAL"));
        }
        return out;
    }

    private static Map<String, Object> option(String method, String label) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("type", "payment-option");
        o.put("id", method);
        o.put("method", method);
        o.put("mode", method);
        o.put("label", label);
        o.put("can_store_payment_method", method.equals("card"));
        return o;
    }

    // --- checkout profile: customers and invoices -----------------------------------------------

    synchronized Optional<Map<String, Object>> invoice(String id) {
        return Optional.ofNullable(invoices.get(id)).map(LinkedHashMap::new);
    }

    synchronized Optional<Map<String, Object>> customer(String id) {
        return Optional.ofNullable(customers.get(id)).map(LinkedHashMap::new);
    }

    private static Map<String, Object> customer(String id, String name, String email) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("type", "customer");
        c.put("id", id);
        c.put("name", name);
        c.put("email_address", email);
        return c;
    }

    private static Map<String, Object> invoice(String id, String customer, long amount, String currency, String what) {
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("type", "invoice");
        i.put("id", id);
        i.put("customer_id", customer);
        i.put("amount", amount);
        i.put("currency", currency);
        i.put("description", what);
        i.put("status", "open");
        return i;
    }

    /** A list in the reference API's envelope. */
    static Map<String, Object> page(List<? extends Object> items) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("items", items);
        p.put("limit", 20);
        p.put("next_cursor", null);
        p.put("previous_cursor", null);
        return p;
    }
}
