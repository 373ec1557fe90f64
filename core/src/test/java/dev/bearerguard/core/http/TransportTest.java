package dev.bearerguard.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TransportTest {

    @Test
    void isHttpsWhenTheConnectionIsTlsThenTrueWhateverTheHeadersSay() {
        assertThat(Transport.isHttps(true, List.of(), false)).isTrue();
        assertThat(Transport.isHttps(true, List.of("http"), true)).isTrue();
    }

    @Test
    void isHttpsWhenPlainConnectionAndForwardedProtoNotTrustedThenFalseEvenIfTheHeaderSaysHttps() {
        assertThat(Transport.isHttps(false, List.of("https"), false)).isFalse();
    }

    @Test
    void isHttpsWhenTrustedThenOnlyTheLastValueCounts() {
        assertThat(Transport.isHttps(false, List.of("http, https"), true)).isTrue();
        assertThat(Transport.isHttps(false, List.of("http", "HTTPS"), true)).isTrue();
        assertThat(Transport.isHttps(false, List.of("https, http"), true)).isFalse();
        assertThat(Transport.isHttps(false, List.of("https", "http"), true)).isFalse();
        assertThat(Transport.isHttps(false, List.of("https,"), true)).as("an empty last value").isFalse();
        assertThat(Transport.isHttps(false, List.of(), true)).isFalse();
        assertThat(Transport.isHttps(false, null, true)).isFalse();
    }
}
