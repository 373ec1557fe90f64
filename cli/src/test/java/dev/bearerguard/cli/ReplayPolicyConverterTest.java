package dev.bearerguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.replay.ReplayPolicy;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ReplayPolicyConverterTest {

    private final ReplayPolicyConverter c = new ReplayPolicyConverter();

    @Test
    void convertWhenDocumentedSpellingThenPolicy() {
        assertThat(c.convert("default")).isEqualTo(ReplayPolicy.DEFAULT);
        assertThat(c.convert("single-use")).isEqualTo(ReplayPolicy.SINGLE_USE);
        assertThat(c.convert("Reusable")).isEqualTo(ReplayPolicy.REUSABLE);
        assertThat(c.convert("off")).isEqualTo(ReplayPolicy.OFF);
    }

    @Test
    void convertWhenEnumConstantSpellingThenRefused() {
        assertThatThrownBy(() -> c.convert("single_use")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining(ReplayPolicyConverter.CHOICES);
    }
}
