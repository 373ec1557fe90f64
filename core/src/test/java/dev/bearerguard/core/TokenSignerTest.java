package dev.bearerguard.core;

import dev.bearerguard.test.PemKeys;
import dev.bearerguard.test.TokenSigner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.VerifiedToken;
import dev.bearerguard.core.internal.Base64Url;
import dev.bearerguard.core.json.StrictJson;
import dev.bearerguard.core.keys.KeyLoadException;
import dev.bearerguard.core.keys.KeyLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenSignerTest {

    static String resource(String name) throws Exception {
        return Files.readString(Path.of(TokenSignerTest.class.getResource("/keys/" + name).toURI()));
    }

    @Test
    void fromPemWhenSec1OrPkcs8ThenKidIsThePublicKeysThumbprint() throws Exception {
        String expected = KeyLoader.load(Path.of(getClass().getResource("/keys/public-p521.pem").toURI())).keys().get(0).kid();
        assertThat(TokenSigner.fromPem(resource("sec1-p521.pem")).kid()).isEqualTo(expected);
        assertThat(TokenSigner.fromPem(resource("pkcs8-p521.pem")).kid()).isEqualTo(expected);
    }

    @Test
    void signWhenDefaultsThenSdkShapedToken() throws Exception {
        TokenSigner signer = TokenSigner.fromPem(resource("sec1-p521.pem"));
        String token = signer.token().sign();
        String[] p = token.split("\\.");
        Map<String, Object> header = StrictJson.parseObject(new String(Base64Url.decode(p[0], 0, p[0].length()), StandardCharsets.UTF_8));
        assertThat(header).containsEntry("alg", "ES512").containsEntry("typ", "JWT").containsEntry("kid", signer.kid());
        assertThat(Base64Url.decode(p[2], 0, p[2].length())).hasSize(132);
        Map<String, Object> claims = StrictJson.parseObject(new String(Base64Url.decode(p[1], 0, p[1].length()), StandardCharsets.UTF_8));
        assertThat(claims.get("nbf")).isEqualTo(claims.get("iat"));
        assertThat((String) claims.get("jti")).matches("[0-9a-f-]{36}");

        TokenVerifier v = TokenVerifier.builder()
                .keys(KeyLoader.load(Path.of(getClass().getResource("/keys/public-p521.pem").toURI()))).build();
        VerifiedToken t = v.verify(token);
        assertThat(t.kid()).isEqualTo(signer.kid());
    }

    @Test
    void fromPemWhenNoPrivateKeyThenClearError() throws Exception {
        assertThatThrownBy(() -> TokenSigner.fromPem(resource("public-p521.pem"))).isInstanceOf(KeyLoadException.class)
                .hasMessageContaining("PRIVATE KEY");
    }

    @Test
    void pemRoundTripOfGeneratedKeyPair() {
        var kp = PemKeys.generateP521();
        TokenSigner s = TokenSigner.fromPem(PemKeys.toPem(kp.getPrivate()));
        assertThat(s.kid()).isEqualTo(KeyLoader.fromPem(PemKeys.toPem(kp.getPublic()), "pub").get(0).kid());
    }
}
