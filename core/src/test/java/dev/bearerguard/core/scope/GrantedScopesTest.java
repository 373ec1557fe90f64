package dev.bearerguard.core.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GrantedScopesTest {

    static GrantedScopes of(String... s) {
        return GrantedScopes.of(List.of(s));
    }

    @ParameterizedTest(name = "{0} grants {1}: {2}")
    @CsvSource({
            "*.read, transactions.read, true",
            "*.read, buyers.billing-details.read, true",
            "*.read, transactions.write, false",
            "*.write, transactions.write, true",
            "*.write, transactions.read, false",
            "transactions.write, transactions.read, false",
            "transactions.read, transactions.read, true",
            "buyers.read, buyers.billing-details.read, false",
            "buyers.billing-details.read, buyers.read, false",
            "Transactions.read, transactions.read, false",
            "transactions.read, transactions.read.extra, false",
            "transactions, transactions.read, false",
            "*.read, *.read, true",
            "*.read, embed, false",
            "*.admin, transactions.admin, false",
            "embed, payment-options.read, false",
            "embed, transactions.write, false",
            "embed, transactions.read, false",
            "embed, reports.read, false",
            "embed, *.read, false",
            "embed, *.write, false",
            "embed, embed, true",
            "*.write, embed, false",
            "Embed, embed, false",
    })
    void grantsFollowsTheContract(String granted, String required, boolean expected) {
        assertThat(of(granted).grants(required)).isEqualTo(expected);
    }

    @Test
    void scopeSplitsAtTheLastDot() {
        Scope s = new Scope("buyers.billing-details.read");
        assertThat(s.resource()).isEqualTo("buyers.billing-details");
        assertThat(s.action()).isEqualTo("read");
        assertThat(new Scope("embed").action()).isEmpty();
    }

    @Test
    void noUnicodeNormalizationOrCaseFolding() {
        // "ﬁ" (U+FB01) normalizes to "fi" under NFKC; it must not match.
        assertThat(of("\uFB01ows.read").grants("fiows.read")).isFalse();
        assertThat(of("TRANSACTIONS.READ").grants("transactions.read")).isFalse();
    }

    @Test
    void emptyScopesGrantNothing() {
        assertThat(GrantedScopes.NONE.grants("transactions.read")).isFalse();
        assertThat(of().grants("transactions.read")).isFalse();
    }

    @Test
    void embedSatisfiesOnlyARequirementThatNamesIt() {
        GrantedScopes embed = of("embed");
        assertThat(embed.isEmbed()).isTrue();
        assertThat(ScopeRequirement.anyOf("transactions.write", "embed").isSatisfiedBy(embed)).isTrue();
        assertThat(ScopeRequirement.allOf("transactions.write").isSatisfiedBy(embed)).isFalse();
        assertThat(ScopeRequirement.allOf("transactions.write", "embed").isSatisfiedBy(embed)).isFalse();
        assertThat(ScopeRequirement.allOf("embed").isSatisfiedBy(of("*.read", "*.write"))).isFalse();
        assertThat(ScopeRequirement.anyOf("transactions.read", "embed").isSatisfiedBy(of("*.write"))).isFalse();
        assertThat(ScopeRequirement.anyOf("transactions.write", "embed").isSatisfiedBy(of("transactions.write"))).isTrue();
        assertThat(of("*.read", "*.write").isEmbed()).isFalse();
    }

    @Test
    void requirementAllOfAndAnyOf() {
        GrantedScopes g = of("transactions.read");
        assertThat(ScopeRequirement.allOf("transactions.read", "buyers.read").isSatisfiedBy(g)).isFalse();
        assertThat(ScopeRequirement.anyOf("transactions.read", "buyers.read").isSatisfiedBy(g)).isTrue();
        assertThat(ScopeRequirement.none().isSatisfiedBy(GrantedScopes.NONE)).isTrue();
        assertThatThrownBy(() -> ScopeRequirement.anyOf()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScopeRequirement.allOf("a b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void vocabularyCatchesTyposWithASuggestion() {
        assertThat(ScopeVocabulary.PAYMENTS.problem("transaction.read")).get().asString()
                .contains("did you mean `transactions.read`");
        assertThat(ScopeVocabulary.PAYMENTS.problem("transactions.read")).isEmpty();
        assertThat(ScopeVocabulary.PAYMENTS.problem("buyers.billing-details.write")).isEmpty();
        assertThat(ScopeVocabulary.PAYMENTS.problem("*.read")).isEmpty();
        assertThat(ScopeVocabulary.PAYMENTS.problem("embed")).isEmpty();
        assertThat(ScopeVocabulary.PAYMENTS.problem("transactions.delete")).get().asString().contains("action");
        assertThat(ScopeVocabulary.PAYMENTS.problem("zzz.read")).get().asString().doesNotContain("did you mean");
    }

    @Test
    void grantsWhenRequiredScopeHasNoResourceThenWildcardsDoNotGrantIt() {
        assertThat(of("*.read", "*.write").grants(".read")).isFalse();
        assertThat(of("*.read").grants("read")).isFalse();
        assertThat(of("*.read").grants("x.read")).isTrue();
        assertThat(of("*.read").toString()).isEqualTo("[*.read]");
    }
}
