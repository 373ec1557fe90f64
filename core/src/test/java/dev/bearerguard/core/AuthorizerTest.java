package dev.bearerguard.core;

import dev.bearerguard.test.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.core.keys.AccessLevel;
import dev.bearerguard.core.keys.KeyRestrictions;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.replay.ReplayPolicy;
import dev.bearerguard.core.scope.ScopeRequirement;
import dev.bearerguard.test.TokenSigner;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthorizerTest {

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T12:00:00Z"));
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
    void checkWhenProcessingOnlyKeyOnAnEmbedOperationThenAllowed() throws Exception {
        VerifiedToken t = verify(KeyRestrictions.UNRESTRICTED.withAccessLevel(AccessLevel.PROCESSING_ONLY),
                signer.token().scopes("embed"));
        assertThat(Authorizer.defaults().check(t, ScopeRequirement.anyOf("transactions.write", "embed"), null)).isEmpty();
        assertThat(Authorizer.defaults().check(t, ScopeRequirement.anyOf("reports.read", "embed"), null)).get()
                .extracting(BearerError::reason).isEqualTo(Reason.ACCESS_LEVEL);
    }

    @Test
    void checkWhenEmbedTokenMeetsAResourceScopeThenInsufficientScope() throws Exception {
        VerifiedToken t = verify(KeyRestrictions.UNRESTRICTED, signer.token().scopes("embed"));
        BearerError e = Authorizer.defaults().check(t, ScopeRequirement.allOf("transactions.read"), null).orElseThrow();
        assertThat(e.reason()).isEqualTo(Reason.INSUFFICIENT_SCOPE);
        assertThat(e.scopes()).containsExactly("transactions.read");
        BearerError any = Authorizer.defaults().check(t, ScopeRequirement.anyOf("transactions.read", "buyers.read"), null)
                .orElseThrow();
        assertThat(any.description()).isEqualTo("the token grants none of the scopes this request accepts");
        assertThat(Authorizer.defaults().check(t, ScopeRequirement.anyOf("transactions.write", "embed"), null)).isEmpty();
    }

    @Test
    void checkWhenMerchantHeaderDiffersFromThePinThenPinMismatchNamingTheField() throws Exception {
        VerifiedToken t = verify(KeyRestrictions.UNRESTRICTED, signer.token().scopes("embed")
                .embed("merchant_account_id", "default"));
        BearerError e = Authorizer.defaults().check(t, ScopeRequirement.none(), "merchant-b").orElseThrow();
        assertThat(e.reason()).isEqualTo(Reason.PIN_MISMATCH);
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.description()).isEqualTo("request changes the value pinned by the token: merchant_account_id");
        assertThat(Authorizer.defaults().check(t, ScopeRequirement.none(), "default")).isEmpty();
        assertThat(Authorizer.defaults().check(t, ScopeRequirement.none(), null)).isEmpty();
        assertThat(Authorizer.defaults().check(t, ScopeRequirement.none(), "Default")).isPresent();
    }

    @Test
    void merchantAccountWhenHeaderAbsentThenThePinnedAccount() throws Exception {
        VerifiedToken pinned = verify(KeyRestrictions.UNRESTRICTED, signer.token().scopes("embed")
                .embed("merchant_account_id", "default"));
        assertThat(Authorizer.merchantAccount(pinned, null)).contains("default");
        assertThat(Authorizer.merchantAccount(pinned, "default")).contains("default");
        VerifiedToken plain = verify(KeyRestrictions.UNRESTRICTED, signer.token());
        assertThat(Authorizer.merchantAccount(plain, null)).isEmpty();
        assertThat(Authorizer.merchantAccount(plain, "m1")).contains("m1");
    }

    @Test
    void checkWhenRestrictedKeysTokenPinsItsAccountAndNoHeaderThenThePinnedAccountIsJudged() throws Exception {
        VerifiedToken own = verify(KeyRestrictions.merchants("m1"), signer.token().embed("merchant_account_id", "m1"));
        assertThat(Authorizer.defaults().check(own, ScopeRequirement.none(), null)).isEmpty();
        VerifiedToken other = verify(KeyRestrictions.merchants("m1"), signer.token().embed("merchant_account_id", "m2"));
        assertThat(Authorizer.defaults().check(other, ScopeRequirement.none(), null)).get()
                .extracting(BearerError::reason).isEqualTo(Reason.MERCHANT_NOT_ALLOWED);
    }

    @Test
    void checkSeveralRequirementsAnswersTheFirstFailure() throws Exception {
        VerifiedToken t = verify(KeyRestrictions.UNRESTRICTED, signer.token().scopes("reports.read", "embed"));
        List<ScopeRequirement> both = List.of(ScopeRequirement.allOf("reports.read"),
                ScopeRequirement.anyOf("transactions.write", "embed"));
        assertThat(Authorizer.defaults().check(t, both, null)).isEmpty();
        assertThat(Authorizer.defaults().check(t, List.of(ScopeRequirement.allOf("buyers.read"),
                ScopeRequirement.allOf("flows.read")), null)).get()
                .extracting(BearerError::scopes).isEqualTo(List.of("buyers.read"));
        VerifiedToken restricted = verify(KeyRestrictions.merchants("m1"), signer.token());
        assertThat(Authorizer.defaults().check(restricted, List.of(), "m2")).get()
                .extracting(BearerError::reason).isEqualTo(Reason.MERCHANT_NOT_ALLOWED);
    }

    @Test
    void hasRoleAgreesWithCheckAndReadsAlternatives() throws Exception {
        VerifiedToken embed = verify(KeyRestrictions.UNRESTRICTED, signer.token().scopes("embed")
                .embed("merchant_account_id", "default"));
        Authorizer a = Authorizer.defaults();
        assertThat(a.hasRole(embed, "embed", null)).isTrue();
        assertThat(a.hasRole(embed, "transactions.read", null)).isFalse();
        assertThat(a.hasRole(embed, "payment-options.read", null)).isFalse();
        assertThat(a.hasRole(embed, "transactions.write|embed", null)).isTrue();
        assertThat(a.hasRole(embed, "embed", "merchant-b")).isFalse();
        assertThat(a.hasRole(embed, "a||b", null)).isFalse();
        assertThat(a.hasRole(embed, "has space", null)).isFalse();
        assertThat(a.hasRole(embed, null, null)).isFalse();
        VerifiedToken wild = verify(KeyRestrictions.UNRESTRICTED, signer.token().scopes("*.read", "*.write"));
        assertThat(a.hasRole(wild, "embed", null)).isFalse();
        assertThat(a.hasRole(wild, "transactions.read", null)).isTrue();
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
