package dev.bearerguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter c = new DurationConverter();

    @Test
    void convertWhenUnitsThenDurations() {
        assertThat(c.convert("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.convert("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(c.convert("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(c.convert("PT1M")).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void convertWhenNoUnitOrGarbageThenRefusedWithExamples() {
        assertThatThrownBy(() -> c.convert("60")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("write e.g. 60s");
        assertThatThrownBy(() -> c.convert("-5s")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> c.convert("Pxyz")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> c.convert("")).isInstanceOf(TypeConversionException.class);
    }
}
