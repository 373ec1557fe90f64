package dev.bearerguard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BearerErrorTest {

    @Test
    void newWhenDescriptionHoldsOnlyRfc6750CharactersThenKeptAtEveryEdgeOfTheRanges() {
        String edges = " !#[]~" + "\u0023\u005b\u005d\u007e";
        BearerError e = BearerError.of(Reason.EXPIRED, edges);
        assertThat(e.description()).isEqualTo(edges);
        assertThat(e).hasToString("invalid_token/expired: " + edges);
        assertThat(e.httpStatus()).isEqualTo(401);
    }

    @Test
    void newWhenDescriptionOrAScopeHoldsAForbiddenCharacterThenRefused() {
        for (char c : new char[] {'"', '\\', '\u007f', '\u001f', '\t', '\n', '\u00e9'}) {
            assertThatThrownBy(() -> BearerError.of(Reason.EXPIRED, "a" + c)).as("%s", (int) c)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at index 1");
            assertThatThrownBy(() -> new BearerError(Reason.INSUFFICIENT_SCOPE, "", List.of("x" + c)))
                    .as("scope %s", (int) c).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void newWhenAScopeIsEmptyOrHoldsASpaceAnywhereThenRefused() {
        for (String s : new String[] {"", " a", "a b", "a "}) {
            assertThatThrownBy(() -> new BearerError(Reason.INSUFFICIENT_SCOPE, "", List.of(s))).as("'%s'", s)
                    .hasMessage("a scope must be non-empty and hold no space");
        }
        assertThat(new BearerError(Reason.INSUFFICIENT_SCOPE, "", List.of("a.read", "*.write")).scopes())
                .containsExactly("a.read", "*.write");
    }
}
