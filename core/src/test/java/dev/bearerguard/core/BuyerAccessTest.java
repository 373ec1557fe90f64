package dev.bearerguard.core;

import dev.bearerguard.test.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.replay.ReplayPolicy;
import dev.bearerguard.test.TokenSigner;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BuyerAccessTest {

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T12:00:00Z"));
    final TokenSigner signer = TestKeys.signer().withClock(clock);

    VerifiedToken verify(TokenSigner.Draft d) throws Exception {
        return TokenVerifier.builder().keys(KeySet.of(TrustedKey.of(TestKeys.P521.getPublic()))).clock(clock)
                .replayPolicy(ReplayPolicy.OFF).build().verify(d.sign());
    }

    @Test
    void buyerAccessWhenTheTokenPinsABuyerThenOnlyThatBuyer() throws Exception {
        BuyerAccess a = verify(signer.token().scopes("embed").embed("buyer_external_identifier", "ada-1815")).buyerAccess();
        assertThat(a.isUnrestricted()).isFalse();
        assertThat(a.externalIdentifier()).contains("ada-1815");
        assertThat(a.allows("ada-id", "ada-1815")).isTrue();
        assertThat(a.allows("alan-id", "alan-1912")).isFalse();
        assertThat(a.allows(null, null)).isFalse();
        assertThat(a.allows("ada-id", "ADA-1815")).isFalse();
    }

    @Test
    void buyerAccessWhenBothFieldsPinnedThenARecordMustMatchBoth() {
        BuyerAccess a = BuyerAccess.only("ada-id", "ada-1815");
        assertThat(a.allows("ada-id", "ada-1815")).isTrue();
        assertThat(a.allows("ada-id", "alan-1912")).isFalse();
        assertThat(a.allows("alan-id", "ada-1815")).isFalse();
    }

    @Test
    void buyerAccessWhenAnEmbedTokenPinsNoBuyerThenNoBuyer() throws Exception {
        BuyerAccess a = verify(signer.token().scopes("embed").embed("amount", 1299)).buyerAccess();
        assertThat(a).isEqualTo(BuyerAccess.NO_BUYER);
        assertThat(a.allows("ada-id", "ada-1815")).isFalse();
        assertThat(a.allows(null, null)).isFalse();
    }

    @Test
    void buyerAccessWhenAServerTokenPinsNothingThenUnrestricted() throws Exception {
        BuyerAccess a = verify(signer.token().scopes("transactions.read")).buyerAccess();
        assertThat(a.isUnrestricted()).isTrue();
        assertThat(a.allows(null, null)).isTrue();
        a.require("alan-id", null);
    }

    @Test
    void buyerAccessWhenAServerTokenPinsABuyerThenThePinHolds() throws Exception {
        BuyerAccess a = verify(signer.token().scopes("transactions.read").embed("buyer_id", "ada-id")).buyerAccess();
        assertThat(a.allows("alan-id", null)).isFalse();
    }

    @Test
    void requireWhenAnotherBuyerThen403WithoutTheBuyer() {
        BuyerAccess a = BuyerAccess.only("ada-id", null);
        a.require("ada-id", "whatever");
        assertThatThrownBy(() -> a.require("alan-id", null)).isInstanceOfSatisfying(PinMismatchException.class, e -> {
            assertThat(e.error().httpStatus()).isEqualTo(403);
            assertThat(e.getMessage()).isEqualTo("the request is about another buyer than the token's");
        });
        assertThat(a.toString()).doesNotContain("ada");
        assertThatThrownBy(() -> BuyerAccess.only(null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
