package dev.bearerguard.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.limit.RateLimit;
import dev.bearerguard.core.scope.ScopeRequirement;
import dev.bearerguard.core.scope.ScopeVocabulary;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScopeRulesTest {

    /** The one requirement of a rule that has at most one ({@link ScopeRequirement#none()} for none). */
    private static ScopeRequirement requirement(Operation o) {
        assertThat(o.requirements()).hasSizeLessThanOrEqualTo(1);
        return o.requirements().isEmpty() ? ScopeRequirement.none() : o.requirements().get(0);
    }

    private static final ScopeRules RULES = ScopeRules.parse("""
            # comment lines and blank lines are ignored

            GET    /transactions/refunds/*  transactions.read transactions.write
            GET    /transactions/*          transactions.read
            POST   /transactions/*          transactions.write
            DELETE /transactions/exact      transactions.write
            *      /public/*                public
            *      /open/*                  none
            """, Optional.empty());

    @Test
    void decideWhenSeveralRulesMatchThenTheFirstWins() {
        assertThat(requirement(RULES.decide("GET", "/transactions/refunds/1")))
                .isEqualTo(ScopeRequirement.allOf("transactions.read", "transactions.write"));
        assertThat(requirement(RULES.decide("GET", "/transactions/1")))
                .isEqualTo(ScopeRequirement.allOf("transactions.read"));
    }

    @Test
    void decideWhenPrefixPatternThenItMatchesThePrefixItselfAndBelowButNotASibling() {
        assertThat(requirement(RULES.decide("POST", "/transactions"))).isEqualTo(ScopeRequirement.allOf("transactions.write"));
        assertThat(requirement(RULES.decide("POST", "/transactions/a/b"))).isEqualTo(ScopeRequirement.allOf("transactions.write"));
        assertThat(requirement(RULES.decide("POST", "/transactionsX"))).isEqualTo(ScopeRequirement.none());
    }

    @Test
    void decideWhenExactPatternThenThatPathWithOrWithoutTrailingSlashesMatches() {
        assertThat(requirement(RULES.decide("DELETE", "/transactions/exact")).scopes()).containsExactly("transactions.write");
        // "/x/" reaches the resource "/x" in most frameworks: it must not slip past the rule.
        assertThat(requirement(RULES.decide("DELETE", "/transactions/exact/")).scopes()).containsExactly("transactions.write");
        assertThat(requirement(RULES.decide("DELETE", "/transactions/exact//")).scopes()).containsExactly("transactions.write");
        assertThat(requirement(RULES.decide("DELETE", "/transactions/exactly")).isNone()).isTrue();
        assertThat(requirement(RULES.decide("DELETE", "/transactions/exact/more")).isNone()).isTrue();
    }

    @Test
    void decideWhenHeadThenGetRulesApplyButOtherMethodsDoNotBorrow() {
        assertThat(requirement(RULES.decide("HEAD", "/transactions/1")).scopes()).containsExactly("transactions.read");
        assertThat(requirement(RULES.decide("PUT", "/transactions/1")).isNone()).isTrue();
    }

    @Test
    void decideWhenMethodCaseDiffersThenTheRuleDoesNotMatch() {
        assertThat(requirement(RULES.decide("get", "/transactions/1")).isNone()).isTrue();
    }

    @Test
    void decideWhenNoRuleMatchesThenAValidTokenSuffices() {
        Operation d = RULES.decide("GET", "/elsewhere");
        assertThat(d.access() == Operation.Access.PUBLIC).isFalse();
        assertThat(requirement(d).isNone()).isTrue();
    }

    @Test
    void decideWhenPublicOrNoneThenTheyDiffer() {
        assertThat(RULES.decide("OPTIONS", "/public/x").access() == Operation.Access.PUBLIC).isTrue();
        assertThat(RULES.decide("OPTIONS", "/open/x").access() == Operation.Access.PUBLIC).isFalse();
        assertThat(requirement(RULES.decide("OPTIONS", "/open/x")).isNone()).isTrue();
    }

    @Test
    void decideWhenWildcardPatternThenEveryPathMatches() {
        ScopeRules all = ScopeRules.parse("* * reports.read\n", Optional.empty());
        assertThat(requirement(all.decide("PATCH", "/")).scopes()).containsExactly("reports.read");
        assertThat(requirement(ScopeRules.parse("GET /* reports.read", Optional.empty()).decide("GET", "/a/b")).scopes())
                .containsExactly("reports.read");
    }

    @Test
    void parseWhenBlankThenNoRules() {
        assertThat(ScopeRules.parse(null, Optional.empty()).size()).isZero();
        assertThat(ScopeRules.parse(" \n # only a comment\n", Optional.empty()).size()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            GET /a                    | expected METHOD PATH-PATTERN
            GET a/* x.read            | must start with /
            GET /a*/b x.read          | * is allowed only as a whole last segment
            GET /a/*.json x.read      | * is allowed only as a whole last segment
            Get /a x.read             | did you mean `GET`?
            G(T /a x.read             | is not an HTTP method
            GET /a none x.read        | must stand alone
            GET /a public none        | must stand alone
            GET /a x.read\"           | is not a well-formed scope
            """)
    void parseWhenLineIsMalformedThenItNamesTheLineAndTheProblem(String line, String problem) {
        assertThatThrownBy(() -> ScopeRules.parse("GET /ok ok.read\n" + line, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line 2 `")
                .hasMessageContaining(problem);
    }

    @Test
    void parseWhenVocabularyGivenThenUnknownScopesFailWithASuggestion() {
        assertThatThrownBy(() -> ScopeRules.parse("GET /t/* transaction.read", Optional.of(ScopeVocabulary.PAYMENTS)))
                .hasMessageContaining("did you mean `transactions.read`?");
        assertThat(ScopeRules.parse("GET /t/* transactions.read|embed *.write", Optional.of(ScopeVocabulary.PAYMENTS)).size())
                .isEqualTo(1);
    }

    @Test
    void parseWhenATermHasAlternativesThenAnyOfThem() {
        ScopeRules r = ScopeRules.parse("POST /transactions transactions.write|embed", Optional.empty());
        assertThat(r.decide("POST", "/transactions").requirements())
                .containsExactly(ScopeRequirement.anyOf("transactions.write", "embed"));
    }

    @Test
    void parseWhenSingleScopesAndAlternativesMixThenAllOfTheSinglesAndOneOfEachGroup() {
        ScopeRules r = ScopeRules.parse("GET /x reports.read buyers.read|embed flows.read", Optional.empty());
        assertThat(r.decide("GET", "/x").requirements()).containsExactly(
                ScopeRequirement.allOf("reports.read", "flows.read"), ScopeRequirement.anyOf("buyers.read", "embed"));
    }

    @Test
    void parseWhenVocabularyGivenThenEmbedRequiredNextToAnotherScopeFailsWithTheAlternative() {
        assertThatThrownBy(() -> ScopeRules.parse("POST /t transactions.write embed", Optional.of(ScopeVocabulary.PAYMENTS)))
                .hasMessageContaining("transactions.write|embed");
    }

    @Test
    void parseReadsARateLimitAtTheEndOfTheLine() {
        ScopeRules r = ScopeRules.parse("""
                POST /transactions transactions.write|embed rate-limit=50/1m
                GET  /open         none rate-limit=3/30s
                GET  /free         x.read
                """, Optional.empty());
        Operation d = r.decide("POST", "/transactions");
        assertThat(d.rateLimit()).contains(new RateLimit(50, Duration.ofMinutes(1)));
        assertThat(d.name()).isEqualTo("POST /transactions");
        assertThat(r.decide("GET", "/open").rateLimit()).contains(new RateLimit(3, Duration.ofSeconds(30)));
        assertThat(r.decide("GET", "/open").requirements()).isEmpty();
        assertThat(r.decide("GET", "/free").rateLimit()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', textBlock = """
            GET /a x.read rate-limit=50               ; REQUESTS/DURATION
            GET /a x.read rate-limit=50/60 ; unit
            GET /a public rate-limit=5/1m ; cannot be rate-limited
            GET /a rate-limit=5/1m                    ; comes after the scopes
            GET /a rate-limit=5/1m x.read ; must be the last item
            GET /a x.read||embed                      ; empty alternative
            GET /a none|x.read                        ; must stand alone
            """)
    void parseWhenTheNewSyntaxIsMisusedThenItSaysHow(String line, String problem) {
        assertThatThrownBy(() -> ScopeRules.parse(line, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }
}
