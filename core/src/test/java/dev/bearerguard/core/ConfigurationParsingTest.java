package dev.bearerguard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.keys.AccessLevel;
import dev.bearerguard.core.keys.KeyRestrictionRule;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.replay.ReplayPolicy;
import dev.bearerguard.core.scope.ScopeVocabulary;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The typed parsers every configuration front end uses (web.xml, the CLI, the sample's command
 * line): one spelling of each value everywhere, and messages that name the bad value.
 */
class ConfigurationParsingTest {

    @Test
    void algorithmParseListWhenListedThenParsedInAnyCaseAndNoneOrHmacRefused() {
        assertThat(Algorithm.parseList("ES512, RS256 PS256")).containsExactlyInAnyOrder(
                Algorithm.ES512, Algorithm.RS256, Algorithm.PS256);
        assertThat(Algorithm.parseList("es512")).containsExactly(Algorithm.ES512);
        assertThatThrownBy(() -> Algorithm.parseList("none")).hasMessageContaining("never accepted");
        assertThatThrownBy(() -> Algorithm.parseList("HS256")).hasMessageContaining("never accepted");
        assertThatThrownBy(() -> Algorithm.parseList("hs512")).hasMessageContaining("never accepted");
        assertThatThrownBy(() -> Algorithm.parseList("ES999")).hasMessageContaining("unknown algorithm `ES999`")
                .hasMessageContaining("ES256, ES384, ES512");
        assertThatThrownBy(() -> Algorithm.parseList(" , ")).hasMessageContaining("names no algorithm");
        assertThatThrownBy(() -> Algorithm.parse("ES\u2028512")).hasMessageContaining("ES\\u2028512");
    }

    @Test
    void replayPolicyParseWhenNamedThenMappedAndSpelledBack() {
        assertThat(ReplayPolicy.parse("Single-Use")).isEqualTo(ReplayPolicy.SINGLE_USE);
        assertThat(ReplayPolicy.parse(" off ")).isEqualTo(ReplayPolicy.OFF);
        assertThatThrownBy(() -> ReplayPolicy.parse("once")).hasMessageContaining("is not one of default, single-use");
        for (ReplayPolicy p : ReplayPolicy.values()) {
            assertThat(ReplayPolicy.parse(p.spelling())).isEqualTo(p);
        }
    }

    @Test
    void tokenProfileParseWhenNamedThenMapped() {
        assertThat(TokenProfile.parse("Checkout")).isEqualTo(TokenProfile.CHECKOUT);
        assertThat(TokenProfile.parse("api")).isEqualTo(TokenProfile.API);
        assertThatThrownBy(() -> TokenProfile.parse("browser")).hasMessageContaining("is not one of api, checkout");
    }

    @Test
    void scopeVocabularyParseWhenPaymentsOrAListThenThatVocabulary() {
        assertThat(ScopeVocabulary.parse("Payments")).isSameAs(ScopeVocabulary.PAYMENTS);
        assertThat(ScopeVocabulary.parse("orders, refunds").resources()).containsExactlyInAnyOrder("orders", "refunds");
        assertThatThrownBy(() -> ScopeVocabulary.parse(" ")).hasMessageContaining("names no resource");
    }

    @Test
    void keyRestrictionRuleParseWhenLinesGivenThenKeysCarryMerchantsAndAccessLevel() {
        TrustedKey a = TrustedKey.of(TestKeys.P521.getPublic(), "a", null);
        TrustedKey b = TrustedKey.of(TestKeys.P521_OTHER.getPublic(), "b", null);
        KeySet keys = KeyRestrictionRule.apply(KeySet.of(a, b), KeyRestrictionRule.parseLines("""
                # kid merchants access
                a m1,m2
                b *    Processing
                """));
        assertThat(keys.resolve("a").orElseThrow().restrictions().merchantAccounts()).containsExactlyInAnyOrder("m1", "m2");
        assertThat(keys.resolve("a").orElseThrow().restrictions().accessLevel()).isEqualTo(AccessLevel.FULL);
        assertThat(keys.resolve("b").orElseThrow().restrictions().allMerchants()).isTrue();
        assertThat(keys.resolve("b").orElseThrow().restrictions().accessLevel()).isEqualTo(AccessLevel.PROCESSING_ONLY);
    }

    @Test
    void keyRestrictionRuleParseWhenLineIsWrongThenTheMessageSaysWhereAndWhat() {
        assertThatThrownBy(() -> KeyRestrictionRule.parseLines("\na")).hasMessageStartingWith("line 2: expected KID MERCHANTS");
        assertThatThrownBy(() -> KeyRestrictionRule.parse("a m1 admin")).hasMessageContaining("`admin` is not full or processing");
        assertThatThrownBy(() -> KeyRestrictionRule.parse("a ,,")).hasMessageContaining("names no merchant account");
        KeySet one = KeySet.of(TrustedKey.of(TestKeys.P521.getPublic(), "a", null));
        assertThatThrownBy(() -> KeyRestrictionRule.apply(one, KeyRestrictionRule.parseLines("zz m1")))
                .hasMessageContaining("no loaded key has the kid `zz`");
    }

    @Test
    void keyRestrictionRuleApplyToWhenRulesNameTheKidThenTheLastOneDecidesAndOtherKeysAreUntouched() {
        TrustedKey a = TrustedKey.of(TestKeys.P521.getPublic(), "a", null);
        List<KeyRestrictionRule> rules = KeyRestrictionRule.parseLines("""
                a m1
                later m9
                a m2 processing
                """);
        TrustedKey restricted = KeyRestrictionRule.applyTo(a, rules);
        assertThat(restricted.restrictions().merchantAccounts()).containsExactly("m2");
        assertThat(restricted.restrictions().accessLevel()).isEqualTo(AccessLevel.PROCESSING_ONLY);
        TrustedKey b = TrustedKey.of(TestKeys.P521_OTHER.getPublic(), "b", null);
        assertThat(KeyRestrictionRule.applyTo(b, rules)).as("no rule names b: the same object").isSameAs(b);
    }
}
