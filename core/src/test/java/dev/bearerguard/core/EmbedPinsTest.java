package dev.bearerguard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.json.StrictJson;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbedPinsTest {

    static EmbedPins pins(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return EmbedPins.of(m);
    }

    static Map<String, Object> request(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static void assertMismatch(Runnable r, String field) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(PinMismatchException.class, e -> {
            assertThat(e.error().reason()).isEqualTo(Reason.PIN_MISMATCH);
            assertThat(e.error().httpStatus()).isEqualTo(403);
            assertThat(e.getMessage()).endsWith(": " + field);
        });
    }

    @Test
    void applyWhenRequestOmitsAPinnedFieldThenThePinIsApplied() {
        EmbedPins p = pins("amount", 1299L, "currency", "USD", "metadata", Map.of("order", "42"));
        Map<String, Object> out = p.apply(request("amount", 1299, "currency", "USD", "note", "kept"));
        assertThat(out).containsEntry("metadata", Map.of("order", "42")).containsEntry("note", "kept")
                .containsEntry("amount", 1299L);
        assertThat(p.apply(request("metadata", null))).containsEntry("metadata", Map.of("order", "42"))
                .containsEntry("currency", "USD");
        assertThatThrownBy(() -> out.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void applyComparesNumbersByValue() {
        EmbedPins p = pins("amount", 1299L);
        assertThat(p.apply(request("amount", 1299.0))).containsEntry("amount", 1299L);
        assertThat(p.apply(request("amount", new BigDecimal("12.99e2")))).containsEntry("amount", 1299L);
        assertThat(p.apply(request("amount", new BigDecimal("1299.000")))).containsEntry("amount", 1299L);
        assertMismatch(() -> p.apply(request("amount", 1300)), "amount");
        assertMismatch(() -> p.apply(request("amount", "1299")), "amount");
        assertMismatch(() -> p.apply(request("amount", Double.POSITIVE_INFINITY)), "amount");
        assertMismatch(() -> p.apply(request("amount", Double.NaN)), "amount");
    }

    @Test
    void applyComparesStringsExactly() {
        EmbedPins p = pins("currency", "USD");
        assertMismatch(() -> p.apply(request("currency", "usd")), "currency");
        assertMismatch(() -> p.apply(request("currency", "USD ")), "currency");
    }

    @Test
    void applyComparesObjectsAndArraysMemberByMember() {
        EmbedPins p = pins("metadata", Map.of("order", "42"), "cart_items", List.of(Map.of("name", "book", "quantity", 1L)));
        p.apply(request("metadata", Map.of("order", "42"), "cart_items", List.of(Map.of("name", "book", "quantity", 1))));
        assertMismatch(() -> p.apply(request("metadata", Map.of("order", "42", "extra", "x"))), "metadata");
        assertMismatch(() -> p.apply(request("cart_items", List.of())), "cart_items");
        assertMismatch(() -> p.apply(request("metadata", "42")), "metadata");
    }

    @Test
    void applyWhenBuyerPinnedByExternalIdentifierThenAnotherBuyerByIdIsRefused() {
        EmbedPins p = pins("buyer_external_identifier", "ada-1815");
        assertMismatch(() -> p.apply(request("buyer_id", "alan-id")), "buyer_id");
        assertMismatch(() -> p.apply(request("buyer_external_identifier", "alan-1912")), "buyer_external_identifier");
        assertMismatch(() -> p.apply(request("buyer_external_identifier", "ada-1815", "buyer_id", "alan-id")), "buyer_id");
        assertThat(p.apply(request())).containsEntry("buyer_external_identifier", "ada-1815").doesNotContainKey("buyer_id");
        assertThat(p.apply(request("buyer_external_identifier", "ada-1815"))).containsEntry("buyer_external_identifier", "ada-1815");
    }

    @Test
    void applyWhenBuyerPinnedByIdThenTheExternalIdentifierCannotNameAnother() {
        EmbedPins p = pins("buyer_id", "ada-id");
        assertMismatch(() -> p.apply(request("buyer_external_identifier", "alan-1912")), "buyer_external_identifier");
        assertMismatch(() -> p.apply(request("buyer_id", "ADA-ID")), "buyer_id");
        assertThat(p.apply(request("buyer_id", "ada-id"))).containsEntry("buyer_id", "ada-id");
    }

    @Test
    void applyWhenBothBuyerFieldsPinnedThenBothAreApplied() {
        EmbedPins p = pins("buyer_id", "ada-id", "buyer_external_identifier", "ada-1815");
        assertThat(p.apply(request("buyer_id", "ada-id")))
                .containsEntry("buyer_id", "ada-id").containsEntry("buyer_external_identifier", "ada-1815");
    }

    @Test
    void applyWhenNothingPinnedThenTheRequestIsKept() {
        EmbedPins p = pins("connection_options", Map.of("x", 1L));
        Map<String, Object> r = request("amount", 5, "buyer_id", "anyone", "connection_options", "other");
        assertThat(p.apply(r)).isEqualTo(r);
    }

    @Test
    void applyNamesTheFieldButNeverItsValue() {
        EmbedPins p = pins("currency", "USD");
        assertThatThrownBy(() -> p.apply(request("currency", "EUR")))
                .hasMessage("request changes the value pinned by the token: currency")
                .hasMessageNotContaining("USD").hasMessageNotContaining("EUR");
    }

    @Test
    void ofWhenAMemberHasTheWrongTypeThenRefusedNamingIt() {
        assertThatThrownBy(() -> pins("amount", "1299")).hasMessageContaining("embed.amount");
        assertThatThrownBy(() -> pins("merchant_account_id", 7L)).hasMessageContaining("embed.merchant_account_id");
        assertThatThrownBy(() -> pins("metadata", List.of())).hasMessageContaining("embed.metadata");
        assertThatThrownBy(() -> pins("cart_items", Map.of())).hasMessageContaining("embed.cart_items");
    }

    @Test
    void accessorsReadThePins() {
        EmbedPins p = pins("amount", 1299L, "merchant_account_id", "default", "buyer_id", "b");
        assertThat(p.amount()).contains(BigDecimal.valueOf(1299));
        assertThat(p.merchantAccountId()).contains("default");
        assertThat(p.pinsBuyer()).isTrue();
        assertThat(pins("amount", 1L).pinsBuyer()).isFalse();
        assertThat(p.toString()).doesNotContain("default");
    }

    @Test
    void ofWhenKnownMembersThenTypedAndEveryMemberKeptFromJson() {
        EmbedPins p = parsedPins("{\"amount\":12.99e2,\"currency\":\"USD\",\"buyer_id\":\"b-1\",\"buyer_external_identifier\":\"u-1\","
                + "\"metadata\":{\"k\":\"v\"},\"cart_items\":[{\"sku\":\"x\"}],\"connection_options\":{}}");
        assertThat(p.amount()).contains(new BigDecimal("1299"));
        assertThat(p.currency()).contains("USD");
        assertThat(p.buyerId()).contains("b-1");
        assertThat(p.buyerExternalIdentifier()).contains("u-1");
        assertThat(p.metadata()).contains(Map.of("k", "v"));
        assertThat(p.cartItems()).contains(List.of(Map.of("sku", "x")));
        assertThat(p.pins("connection_options")).isTrue();
        assertThat(p.pins("amount")).isTrue();
        assertThat(p.pins("merchant_account_id")).isFalse();
        assertThat(p.toString()).isEqualTo("EmbedPins[amount, currency, buyer_id, buyer_external_identifier, metadata,"
                + " cart_items, connection_options]");
    }


    static EmbedPins parsedPins(String json) {
        return EmbedPins.of(StrictJson.parseObject(json));
    }
}
