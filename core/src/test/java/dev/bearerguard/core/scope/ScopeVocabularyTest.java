package dev.bearerguard.core.scope;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScopeVocabularyTest {

    @Test
    void problemsWhenEmbedIsRequiredNextToAnotherScopeThenSuggestsTheAlternative() {
        assertThat(ScopeVocabulary.PAYMENTS.problems(ScopeRequirement.allOf("transactions.write", "embed")))
                .singleElement().asString()
                .contains("never has").contains("transactions.write|embed");
        assertThat(ScopeVocabulary.PAYMENTS.problems(ScopeRequirement.anyOf("transactions.write", "embed"))).isEmpty();
        assertThat(ScopeVocabulary.PAYMENTS.problems(ScopeRequirement.allOf("embed"))).isEmpty();
    }

    @Test
    void problemsCheckEveryAlternativeAgainstTheVocabulary() {
        assertThat(ScopeVocabulary.PAYMENTS.problems(ScopeRequirement.anyOf("transaction.write", "embed")))
                .singleElement().asString().contains("did you mean `transactions.write`");
    }

    @Test
    void problemWhenAScopeHoldsAPipeThenExplainsAlternatives() {
        assertThat(ScopeVocabulary.PAYMENTS.problem("transactions.write|embed")).get().asString()
                .contains("alternatives belong in a requirement");
    }
}
