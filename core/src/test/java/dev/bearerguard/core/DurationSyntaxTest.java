package dev.bearerguard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationSyntaxTest {

    @Test
    void parseWhenNumberWithUnitOrIsoThenDuration() {
        assertThat(DurationSyntax.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationSyntax.parse(" 60s ")).isEqualTo(Duration.ofSeconds(60));
        assertThat(DurationSyntax.parse("2M")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationSyntax.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationSyntax.parse("1 h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationSyntax.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(DurationSyntax.parse("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationSyntax.parse("pt5s")).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void parseWhenBareNumberThenRefusedAskingForAUnit() {
        assertThatThrownBy(() -> DurationSyntax.parse("60")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("`60` has no unit; write e.g. 60s, 2m or PT1M");
    }

    @Test
    void parseWhenGarbageOrNegativeThenRefused() {
        assertThatThrownBy(() -> DurationSyntax.parse("soon")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> DurationSyntax.parse("")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> DurationSyntax.parse(null)).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> DurationSyntax.parse("-5s")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> DurationSyntax.parse("PT-5S")).hasMessageContaining("negative");
        assertThatThrownBy(() -> DurationSyntax.parse("1y")).hasMessageContaining("is not a duration");
    }
}
