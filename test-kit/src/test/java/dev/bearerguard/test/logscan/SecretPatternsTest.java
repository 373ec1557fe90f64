package dev.bearerguard.test.logscan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretPatternsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Authorization: Bearer eyJhbGciOiJFUzUxMiJ9.eyJqdGkiOiJqIn0.AAAA | compact JWS",
            "token eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0. accepted | compact JWS",
            "-----BEGIN EC PRIVATE KEY----- | private key (PEM)",
            "{\"kty\":\"EC\",\"d\":\"AbCdEfGhIjKlMnOpQrStUvWxYz012345\"} | private key (JWK d)",
            "client_secret=demo-secret | client secret",
            "Authorization: Basic ZGVtby1jbGllbnQ6ZGVtby1zZWNyZXQ= | client secret"})
    void findWhenASecretThenItsKind(String line, String kind) {
        assertThat(SecretPatterns.find(line)).hasValueSatisfying(k -> assertThat(k.name()).isEqualTo(kind));
    }

    @Test
    void findWhenALoneEs512SignatureThenSignature() {
        assertThat(SecretPatterns.find("sig=" + "Ab-_".repeat(44) + " end"))
                .hasValueSatisfying(k -> assertThat(k.name()).isEqualTo("ES512 signature"));
        assertThat(SecretPatterns.find("sig=" + "A".repeat(177))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bearerguard: 401 reason=malformed kid=xrcAZq2_S4WB1wwL-Kmt35XCJ8cZgU5eZZ28Qfyqnaw jti=j iss=sdk",
            "Started Server@1234{STARTING}[12.0.23,sto=0] @2345ms", "header is not a strict JSON object (eyJ)"})
    void findWhenOnlyIdentifiersThenNothing(String line) {
        assertThat(SecretPatterns.find(line)).isEmpty();
    }
}
