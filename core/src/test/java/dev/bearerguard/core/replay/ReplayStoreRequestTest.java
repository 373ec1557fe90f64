package dev.bearerguard.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayStoreRequestTest {

    static final Clock CLOCK = Clock.systemUTC();

    @Test
    void requestWhenTheLocationHoldsAPasswordThenRefusedWithoutEchoingIt() {
        for (String location : new String[] {"redis://s3cret@h:6379", "redis://alice:s3cret@h:6379/0",
                "rediss-sentinel://s3cret@h1,h2/0#m"}) {
            assertThatThrownBy(() -> ReplayStoreRequest.of(location, CLOCK))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("***@")
                    .hasMessageContaining("environment variable or a file")
                    .hasMessageNotContaining("s3cret");
        }
    }

    @Test
    void requestWhenTheLocationHasNoSchemeThenRefused() {
        for (String location : new String[] {"", "127.0.0.1:6379", "://h", "1redis://h"}) {
            assertThatThrownBy(() -> ReplayStoreRequest.of(location, CLOCK)).as(location)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a URI such as");
        }
    }

    @Test
    void toStringWhenAPasswordIsSetThenItIsHidden() {
        ReplayStoreRequest r = ReplayStoreRequest.of(" redis://h:1/0 ", CLOCK).withPassword("s3cret");
        assertThat(r.toString()).contains("redis://h:1/0").contains("password=***").doesNotContain("s3cret");
        assertThat(r.scheme()).isEqualTo("redis");
        assertThat(r.location()).isEqualTo("redis://h:1/0");
    }

    @Test
    void passwordFromEnvironmentWhenSetThenItsValueElseANamedRefusal() {
        Map<String, String> env = Map.of("REDIS_PASSWORD", "s3cret", "EMPTY", "");
        assertThat(ReplayStoreRequest.passwordFromEnvironment("REDIS_PASSWORD", env::get)).isEqualTo("s3cret");
        assertThatThrownBy(() -> ReplayStoreRequest.passwordFromEnvironment("MISSING", env::get))
                .hasMessageContaining("MISSING").hasMessageContaining("not set");
        assertThatThrownBy(() -> ReplayStoreRequest.passwordFromEnvironment("EMPTY", env::get))
                .hasMessageContaining("EMPTY");
    }

    @Test
    void passwordFromFileWhenItHasALineBreakThenTheFirstLineElseANamedRefusal(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("pw");
        Files.writeString(f, "s3cret\r\nignored\n");
        assertThat(ReplayStoreRequest.passwordFromFile(f)).isEqualTo("s3cret");
        Files.writeString(f, "\n");
        assertThatThrownBy(() -> ReplayStoreRequest.passwordFromFile(f)).hasMessageContaining("is empty");
        assertThatThrownBy(() -> ReplayStoreRequest.passwordFromFile(dir.resolve("none")))
                .hasMessageContaining("cannot read").hasMessageContaining("none");
    }
}
