package dev.bearerguard.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one reading of a {@code keys} setting, for web.xml, the CLI and the sample. */
class KeyLocationTest {

    @TempDir
    Path dir;

    @Test
    void parseWhenAnHttpsOrLoopbackUrlThenAJwksUrl() {
        assertThat(KeyLocation.parse(" https://keys.example.com/.well-known/jwks.json "))
                .isEqualTo(new KeyLocation.JwksUrl(URI.create("https://keys.example.com/.well-known/jwks.json")));
        assertThat(KeyLocation.parse("HTTP://127.0.0.1:8080/jwks.json")).isInstanceOf(KeyLocation.JwksUrl.class);
    }

    @Test
    void parseWhenAUrlIsNotAllowedOrBrokenThenTheReason() {
        assertThatThrownBy(() -> KeyLocation.parse("http://keys.example.com/jwks.json")).hasMessageContaining("must use https");
        assertThatThrownBy(() -> KeyLocation.parse("https://keys example.com/")).hasMessageContaining("is not a URL");
    }

    @Test
    void parseWhenATrailingSlashOrAnExistingDirectoryThenAFolder() throws Exception {
        assertThat(KeyLocation.parse("/etc/myapi/keys/")).isEqualTo(new KeyLocation.Folder(Path.of("/etc/myapi/keys/")));
        Path keys = Files.createDirectory(dir.resolve("keys"));
        assertThat(KeyLocation.parse(keys.toString())).isEqualTo(new KeyLocation.Folder(keys));
    }

    @Test
    void parseWhenFilesOrClasspathResourcesThenAFileListInOrder() throws Exception {
        Path a = Files.writeString(dir.resolve("a.pem"), "x");
        assertThat(KeyLocation.parse(a + ", classpath:keys/b.jwks.json,,"))
                .isEqualTo(new KeyLocation.FileList(List.of(a.toString(), "classpath:keys/b.jwks.json")));
        assertThat(KeyLocation.parse("classpath:keys/")).as("a classpath: location is never a folder")
                .isInstanceOf(KeyLocation.FileList.class);
    }

    @Test
    void parseWhenAUrlOrAFolderIsCombinedOrNothingIsNamedThenRefused() {
        assertThatThrownBy(() -> KeyLocation.parse("https://keys.example.com/jwks.json, a.pem"))
                .hasMessageContaining("is a JWKS URL and must be the only key location");
        assertThatThrownBy(() -> KeyLocation.parse("a.pem, /etc/keys/"))
                .hasMessageContaining("is a key folder and must be the only key location");
        assertThatThrownBy(() -> KeyLocation.parse(" , ")).hasMessageContaining("names no key location");
        assertThatThrownBy(() -> KeyLocation.parse(null)).hasMessageContaining("names no key location");
    }
}
