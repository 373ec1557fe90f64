package dev.bearerguard.core.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeRequirementTest {

    @Test
    void parseWhenTheTermHasAlternativesThenAnyOf() {
        ScopeRequirement r = ScopeRequirement.parse("transactions.write|embed");
        assertThat(r.mode()).isEqualTo(ScopeRequirement.Mode.ANY_OF);
        assertThat(r.scopes()).containsExactly("transactions.write", "embed");
        assertThat(r.names("embed")).isTrue();
        assertThat(r).hasToString("transactions.write|embed");
    }

    @Test
    void parseWhenTheTermIsOneScopeThenAllOfIt() {
        ScopeRequirement r = ScopeRequirement.parse("transactions.read");
        assertThat(r).isEqualTo(ScopeRequirement.allOf("transactions.read"));
        assertThat(r.names("embed")).isFalse();
    }

    @Test
    void parseWhenAnAlternativeIsEmptyOrBrokenThenRefusedNamingIt() {
        assertThatThrownBy(() -> ScopeRequirement.parse("a||b")).hasMessageContaining("empty alternative");
        assertThatThrownBy(() -> ScopeRequirement.parse("|a")).hasMessageContaining("empty alternative");
        assertThatThrownBy(() -> ScopeRequirement.parse("a|")).hasMessageContaining("empty alternative");
        assertThatThrownBy(() -> ScopeRequirement.parse("a|b\"c")).hasMessageContaining("`b\"c` is not a well-formed scope");
        assertThatThrownBy(() -> ScopeRequirement.parse("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringWritesTheTextForm() {
        assertThat(ScopeRequirement.allOf("a.read", "b.read")).hasToString("a.read b.read");
        assertThat(ScopeRequirement.none()).hasToString("none");
        assertThat(new ScopeRequirement(ScopeRequirement.Mode.ANY_OF, List.of("x.read"))).hasToString("x.read");
    }
}
