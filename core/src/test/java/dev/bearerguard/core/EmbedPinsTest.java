package dev.bearerguard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.internal.StrictJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbedPinsTest {

    static EmbedPins pins(String json) {
        return EmbedPins.of(StrictJson.parseObject(json));
    }

    @Test
    void ofWhenKnownMembersThenTypedAndEveryMemberKept() {
        EmbedPins p = pins("{\"amount\":12.99e2,\"currency\":\"USD\",\"buyer_id\":\"b-1\",\"buyer_external_identifier\":\"u-1\","
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

    @Test
    void ofWhenAMemberHasTheWrongTypeThenRefusedNamingIt() {
        assertThatThrownBy(() -> pins("{\"amount\":\"12\"}")).hasMessage("embed.amount must be a number");
        assertThatThrownBy(() -> pins("{\"buyer_id\":1}")).hasMessage("embed.buyer_id must be a string");
        assertThatThrownBy(() -> pins("{\"metadata\":[]}")).hasMessage("embed.metadata must be an object");
        assertThatThrownBy(() -> pins("{\"cart_items\":{}}")).hasMessage("embed.cart_items must be an array");
    }

    @Test
    void requireWhenNumbersAreEqualInValueThenSameWhateverTheirType() {
        EmbedPins p = pins("{\"amount\":1299}");
        for (Object same : new Object[] {1299L, 1299, new BigDecimal("1299.00"), new BigInteger("1299"), 1299.0, 1299.0f}) {
            assertThatCode(() -> p.require("amount", same)).as("%s", same).doesNotThrowAnyException();
        }
        for (Object other : new Object[] {1300L, new BigDecimal("1299.01"), Double.NaN, Double.POSITIVE_INFINITY, "1299", null}) {
            assertThatThrownBy(() -> p.require("amount", other)).as("%s", other).isInstanceOf(PinMismatchException.class);
        }
        assertThat(EmbedPins.decimal(new BigInteger("12"))).isEqualTo(new BigDecimal(12));
        assertThat(EmbedPins.decimal(2.5)).isEqualTo(new BigDecimal("2.5"));
    }

    @Test
    void requireWhenObjectsAndArraysDifferInAnyMemberOrElementThenMismatch() {
        EmbedPins p = pins("{\"metadata\":{\"a\":1,\"b\":[1,2]},\"cart_items\":[1,{\"x\":null}]}");
        assertThatCode(() -> p.require("metadata", Map.of("b", List.of(1L, 2L), "a", 1L))).doesNotThrowAnyException();
        assertThatThrownBy(() -> p.require("metadata", Map.of("a", 1L, "b", List.of(1L, 3L)))).isInstanceOf(PinMismatchException.class);
        assertThatThrownBy(() -> p.require("metadata", Map.of("a", 1L))).isInstanceOf(PinMismatchException.class);
        assertThatThrownBy(() -> p.require("metadata", Map.of("a", 1L, "c", List.of(1L, 2L)))).isInstanceOf(PinMismatchException.class);
        assertThatThrownBy(() -> p.require("metadata", List.of())).isInstanceOf(PinMismatchException.class);
        Map<String, Object> nullMember = new LinkedHashMap<>();
        nullMember.put("x", null);
        assertThatCode(() -> p.require("cart_items", List.of(1L, nullMember))).doesNotThrowAnyException();
        assertThatCode(() -> p.require("cart_items", List.of(1L, Map.of("x", StrictJson.NULL)))).doesNotThrowAnyException();
        assertThatThrownBy(() -> p.require("cart_items", List.of(2L, nullMember))).isInstanceOf(PinMismatchException.class);
        assertThatThrownBy(() -> p.require("cart_items", List.of(1L))).isInstanceOf(PinMismatchException.class);
        assertThatThrownBy(() -> p.require("cart_items", Map.of())).isInstanceOf(PinMismatchException.class);
        assertThatThrownBy(() -> p.require("cart_items", List.of(1L, Map.of("x", 1L)))).isInstanceOf(PinMismatchException.class);
    }

    @Test
    void requireAllWhenOnePinIsNotRepeatedThenTheFirstMismatchIsNamed() {
        EmbedPins p = pins("{\"amount\":5,\"currency\":\"USD\",\"connection_options\":{\"x\":1}}");
        assertThat(p.firstMismatch(Map.of("amount", 5L, "currency", "USD"))).isEmpty();
        assertThatCode(() -> p.requireAll(Map.of("amount", 5L, "currency", "USD"))).doesNotThrowAnyException();
        assertThat(p.firstMismatch(Map.of("amount", 5L, "currency", "usd"))).contains("currency");
        assertThatThrownBy(() -> p.requireAll(Map.of("amount", 5L))).isInstanceOfSatisfying(PinMismatchException.class,
                e -> assertThat(e.getMessage()).contains("currency"));
        assertThatCode(() -> p.require("not_pinned", "anything")).doesNotThrowAnyException();
    }
}
