package dev.bearerguard.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.sign.PemKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

    @TempDir
    Path dir;

    @Test
    void parseWhenKeysGivenThenNoDemoMode() throws Exception {
        Path pem = Files.writeString(dir.resolve("public.pem"), PemKeys.toPem(PemKeys.generateP521().getPublic()));
        try (SampleServer server = CommandLine.parse("--keys", pem.toString(), "--port", "0").builder().start()) {
            assertThat(server.demoSigner()).isEmpty();
        }
    }

    @Test
    void parseWhenNoKeysThenDemoModeInTheGivenFolder() {
        Path demo = dir.resolve("demo");
        try (SampleServer server = CommandLine.parse("--port=0", "--demo-keys", demo.toString()).builder().start()) {
            assertThat(server.demoSigner()).isPresent();
        }
        assertThat(demo.resolve("private.pem")).exists();
    }

    @Test
    void parseWhenOptionIsUnknownThenNamesIt() {
        assertThatThrownBy(() -> CommandLine.parse("--prot", "80")).hasMessageContaining("--prot").hasMessageContaining("unknown");
    }

    @Test
    void parseWhenValueIsMissingThenSaysSo() {
        assertThatThrownBy(() -> CommandLine.parse("--keys")).hasMessageContaining("--keys needs a value");
    }

    @Test
    void parseWhenValuesAreBadThenNamesTheOption() {
        assertThatThrownBy(() -> CommandLine.parse("--port", "eighty")).hasMessageContaining("--port");
        assertThatThrownBy(() -> CommandLine.parse("--port", "70000")).hasMessageContaining("--port");
        assertThatThrownBy(() -> CommandLine.parse("--algorithms", "HS256")).hasMessageContaining("never accepted");
        assertThatThrownBy(() -> CommandLine.parse("--algorithms", "none")).hasMessageContaining("never accepted");
        assertThatThrownBy(() -> CommandLine.parse("--replay", "sometimes")).hasMessageContaining("--replay");
        assertThatThrownBy(() -> CommandLine.parse("--clock-skew", "60")).hasMessageContaining("has no unit");
        assertThatThrownBy(() -> CommandLine.parse("--key-restriction", "onlykid")).hasMessageContaining("KID MERCHANTS");
        assertThatThrownBy(() -> CommandLine.parse("--oauth-client", "nocolon")).hasMessageContaining("ID:SECRET");
        assertThatThrownBy(() -> CommandLine.parse("--require-https", "yes")).hasMessageContaining("true or false");
        assertThatThrownBy(() -> CommandLine.parse("--trust-forwarded-proto", "true"))
                .hasMessageContaining("only makes sense with --require-https");
    }

    @Test
    void durationReadsUnitsAndIsoForms() {
        assertThat(CommandLine.duration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(CommandLine.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(CommandLine.duration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(CommandLine.duration("PT30S")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void helpIsRecognizedAndListsEveryOption() {
        assertThat(CommandLine.parse("--help").help()).isTrue();
        assertThat(CommandLine.USAGE).contains("--port", "--keys", "--algorithms", "--clock-skew", "--max-lifetime",
                "--issuers", "--replay", "--max-token-size", "--realm", "--merchant-header", "--key-restriction",
                "--oauth-client", "--checkout-token-lifetime", "--require-https", "--trust-forwarded-proto", "DEMO MODE");
    }
}
