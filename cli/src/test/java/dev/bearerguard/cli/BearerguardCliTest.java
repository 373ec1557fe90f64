package dev.bearerguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BearerguardCliTest {

    @Test
    void runWhenNoCommandThenUsageOnStderrAndExit2() {
        Cli.Result r = Cli.run();

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("a command is required").contains("Usage: bearerguard");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        Cli.Result r = Cli.run("--help");

        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out()).contains("verify", "explain", "keygen", "mint", "thumbprint")
                .contains("Exit codes: 0 success, 1 a token was refused, 2 usage or input error.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"verify", "explain", "keygen", "mint", "thumbprint"})
    void helpOnEveryCommandPrintsItsUsageAndExits0(String command) {
        Cli.Result r = Cli.run(command, "--help");

        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out()).contains("Usage: bearerguard " + command).contains("-h, --help");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void helpOfVerifyDocumentsTheExitCodeForStandardInput() {
        assertThat(Cli.run("verify", "--help").out()).contains("1 at least one token refused");
    }

    @Test
    void runWhenUnknownCommandThenExit2WithAHint() {
        Cli.Result r = Cli.run("verfy");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unmatched argument");
    }

    @Test
    void runWhenUnknownOptionThenExit2PointingAtHelp() {
        Cli.Result r = Cli.run("verify", "--keyz", "x");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--keyz'").contains("Run 'bearerguard verify --help' for usage.");
    }

    @Test
    void versionPrintsTheProgramName() {
        Cli.Result r = Cli.run("--version");

        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out()).startsWith("bearerguard ");
    }
}
