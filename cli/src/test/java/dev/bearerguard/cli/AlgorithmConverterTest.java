package dev.bearerguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.Algorithm;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class AlgorithmConverterTest {

    private final AlgorithmConverter c = new AlgorithmConverter();

    @Test
    void convertWhenJoseNameThenAlgorithm() {
        assertThat(c.convert("ES512")).isEqualTo(Algorithm.ES512);
        assertThat(c.convert(" PS256 ")).isEqualTo(Algorithm.PS256);
    }

    @Test
    void convertWhenNoneOrHmacThenNeverAccepted() {
        assertThatThrownBy(() -> c.convert("none")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("never accepted");
        assertThatThrownBy(() -> c.convert("HS512")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("never accepted");
    }

    @Test
    void convertWhenUnknownThenListsTheChoicesAndLowerCaseIsTheSameAlgorithm() {
        assertThatThrownBy(() -> c.convert("ES999")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("allowed are ES256, ES384, ES512");
        // One spelling everywhere (web.xml, the sample, the CLI): lower case names the same algorithm.
        assertThat(c.convert("es512")).isEqualTo(Algorithm.ES512);
    }
}
