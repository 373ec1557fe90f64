package dev.bearerguard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.keys.AccessLevel;
import dev.bearerguard.core.keys.KeyRestrictions;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.replay.ReplayPolicy;
import dev.bearerguard.core.scope.ScopeRequirement;
import dev.bearerguard.core.sign.TokenSigner;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthorizerTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    final TokenSigner signer = TestKeys.signer().withClock(clock);

    VerifiedToken verify(KeyRestrictions r, TokenSigner.Draft d) throws Exception {
        TrustedKey k = TrustedKey.of(TestKeys.P521.getPublic()).withRestrictions(r);
        return TokenVerifier.builder().keys(KeySet.of(k)).clock(clock).replayPolicy(ReplayPolicy.OFF).build().verify(d.sign());
    }

    @Test
    void checkWhenScopeMissingThenInsufficientScopeListingNeededScopes() throws Exception {
        VerifiedToken t = verify(KeyRestrictions.UNRESTRICTED, signer.token().scopes("transactions.read"));
        BearerError e = Authorizer.defaults().check(t, ScopeRequirement.allOf("transactions.write"), null).orElseThrow();
        assertThat(e.reason()).isEqualTo(Reason.INSUFFICIENT_SCOPE);
        assertThat(e.scopes()).containsExactly("transactions.write");
        assertThat(Authorizer.defaults().check(t, ScopeRequirement.allOf("transactions.read"), null)).isEmpty();
    }

    @Test
    void checkWhenKeyRestrictedToAnotherMerchantThenForbidden() throws Exception {
        VerifiedToken t = verify(KeyRestrictions.merchants("m1"), signer.token());
        assertThat(Authorizer.defaults().check(t, ScopeRequirement.none(), "m2")).get()
                .extracting(BearerError::reason).isEqualTo(Reason.MERCHANT_NOT_ALLOWED);
        assertThat(Authorizer.defaults().check(t, ScopeRequirement.none(), "m1")).isEmpty();
    }

    @Test
    void checkWhenRestrictedKeyNamesNoMerchantThenForbiddenNotDefaulted() throws Exception {
        VerifiedToken restricted = verify(KeyRestrictions.merchants("m1"), signer.token());
        assertThat(Authorizer.defaults().check(restricted, ScopeRequirement.none(), null)).get()
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(Reason.MERCHANT_NOT_ALLOWED);
                    assertThat(e.description()).contains("names none");
                });
        VerifiedToken unrestricted = verify(KeyRestrictions.UNRESTRICTED, signer.token());
        assertThat(Authorizer.defaults().check(unrestricted, ScopeRequirement.none(), null)).isEmpty();
    }

    @Test
    void checkWhenProcessingOnlyKeyReachesAdminResourceThenForbidden() throws Exception {
        VerifiedToken t = verify(KeyRestrictions.UNRESTRICTED.withAccessLevel(AccessLevel.PROCESSING_ONLY), signer.token());
        assertThat(Authorizer.defaults().check(t, ScopeRequirement.allOf("reports.read"), null)).get()
                .extracting(BearerError::reason).isEqualTo(Reason.ACCESS_LEVEL);
        assertThat(Authorizer.defaults().check(t, ScopeRequirement.allOf("transactions.write"), null)).isEmpty();
        assertThat(Authorizer.withProcessingResources(Set.of("reports"))
                .check(t, ScopeRequirement.allOf("reports.read"), null)).isEmpty();
    }

    @Test
    void pinsWhenRequestChangesAmountThenForbiddenNamingTheFieldNotTheValue() throws Exception {
        VerifiedToken t = verify(KeyRestrictions.UNRESTRICTED, signer.token().scopes("embed")
                .embed("amount", 1299).embed("currency", "USD").embed("buyer_id", "b-1"));
        EmbedPins p = t.embed().orElseThrow();
        p.require("amount", 1299);
        p.require("amount", new BigDecimal("1299.00"));
        p.require("merchant_account_id", "not pinned: ignored");
        assertThatThrownBy(() -> p.require("amount", 1300)).isInstanceOfSatisfying(PinMismatchException.class, e -> {
            assertThat(e.error().reason()).isEqualTo(Reason.PIN_MISMATCH);
            assertThat(e.error().httpStatus()).isEqualTo(403);
            assertThat(e.getMessage()).contains("amount").doesNotContain("1299").doesNotContain("1300");
        });
        assertThatThrownBy(() -> p.require("currency", null)).isInstanceOf(PinMismatchException.class);
        assertThat(p.firstMismatch(Map.of("amount", 1299, "currency", "USD", "buyer_id", "b-1"))).isEmpty();
        assertThat(p.firstMismatch(Map.of("amount", 1299, "currency", "EUR", "buyer_id", "b-1"))).contains("currency");
        assertThat(p.firstMismatch(Map.of("amount", 1299, "currency", "USD"))).contains("buyer_id");
    }

    @Test
    void pinsCompareObjectsAndArraysMemberByMember() {
        EmbedPins p = EmbedPins.of(Map.of("metadata", Map.of("order", "42"), "cart_items",
                List.of(Map.of("name", "book", "quantity", 1L))));
        p.require("metadata", Map.of("order", "42"));
        p.require("cart_items", List.of(Map.of("name", "book", "quantity", 1)));
        assertThatThrownBy(() -> p.require("metadata", Map.of("order", "42", "extra", "x"))).isInstanceOf(PinMismatchException.class);
        assertThatThrownBy(() -> p.require("cart_items", List.of())).isInstanceOf(PinMismatchException.class);
        assertThatThrownBy(() -> p.require("metadata", "42")).isInstanceOf(PinMismatchException.class);
    }

    @Test
    void pinsWhenRequestNumberIsNotFiniteThenMismatchNotCrash() {
        EmbedPins p = EmbedPins.of(Map.of("amount", 1299L));
        assertThatThrownBy(() -> p.require("amount", Double.POSITIVE_INFINITY)).isInstanceOf(PinMismatchException.class);
        assertThatThrownBy(() -> p.require("amount", Double.NaN)).isInstanceOf(PinMismatchException.class);
        assertThat(p.firstMismatch(Map.of("amount", Float.NEGATIVE_INFINITY))).contains("amount");
    }

    @Test
    void checkWhenNoneOfAnyOfThenTheDescriptionSaysNoneIsGranted() throws Exception {
        VerifiedToken t = TokenVerifier.builder().keys(TestKeys.keySet()).clock(clock).build()
                .verify(signer.token().scopes("buyers.read").sign());
        BearerError e = Authorizer.defaults().check(t, ScopeRequirement.anyOf("transactions.write", "embed"), null)
                .orElseThrow();
        assertThat(e.reason()).isEqualTo(Reason.INSUFFICIENT_SCOPE);
        assertThat(e.description()).isEqualTo("the token grants none of the scopes this request accepts");
        assertThat(e.scopes()).containsExactly("transactions.write", "embed");
    }

    @Test
    void processingResourcesAreTheDefaultsOrWhatWasGiven() {
        assertThat(Authorizer.defaults().processingResources()).isEqualTo(Authorizer.DEFAULT_PROCESSING_RESOURCES);
        assertThat(Authorizer.withProcessingResources(Set.of("transactions")).processingResources())
                .containsExactly("transactions");
        assertThat(ScopeRequirement.none().isNone()).isTrue();
        assertThat(ScopeRequirement.allOf("x.read").isNone()).isFalse();
    }
}
