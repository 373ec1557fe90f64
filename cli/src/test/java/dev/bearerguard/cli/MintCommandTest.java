package dev.bearerguard.cli;

import static dev.bearerguard.cli.Fixture.T0;
import static dev.bearerguard.cli.Fixture.now;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.core.json.StrictJson;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MintCommandTest {

    @TempDir
    Path dir;
    String priv;
    String pub;

    @BeforeEach
    void writeKeys() {
        priv = Fixture.privatePem(dir.resolve("private.pem"), Fixture.P521);
        pub = Fixture.publicPem(dir.resolve("public.pem"), Fixture.P521);
    }

    private static Map<String, Object> part(String token, int i) {
        return StrictJson.parseObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[i]), StandardCharsets.UTF_8));
    }

    @Test
    void mintPrintsAnEs512TokenThatVerifiesWithThePublicKey() {
        Cli.Result r = Cli.run("mint", "--key", priv, now(0));

        assertThat(r.exit()).isEqualTo(0);
        String token = r.out().strip();
        assertThat(part(token, 0)).containsEntry("alg", "ES512").containsEntry("typ", "JWT")
                .containsEntry("kid", Fixture.signer().kid());
        assertThat(part(token, 1)).containsEntry("nbf", T0).containsEntry("iat", T0).containsEntry("exp", T0 + 60)
                .containsEntry("scopes", List.of("*.read", "*.write"));
        assertThat(Cli.run("verify", "--keys", pub, now(1), token).exit()).isEqualTo(0);
    }

    @Test
    void mintWhenScopesEmbedSessionIssuerAndLifetimeThenTheClaimsCarryThem() {
        Cli.Result r = Cli.run("mint", "--key", priv, now(0), "--scope", "embed", "--scope", "transactions.read",
                "--embed", "amount=1299", "--embed", "currency=USD", "--embed", "tax=12.50", "--embed", "buyer_id=007",
                "--checkout-session-id", "cs_42", "--issuer", "demo/2.0", "--lifetime", "1h", "--jti", "fixed-jti");

        Map<String, Object> claims = part(r.out().strip(), 1);
        assertThat(claims).containsEntry("scopes", List.of("embed", "transactions.read"))
                .containsEntry("checkout_session_id", "cs_42")
                .containsEntry("iss", "demo/2.0")
                .containsEntry("jti", "fixed-jti")
                .containsEntry("exp", T0 + 3600);
        // Number-looking values become JSON numbers; a leading zero keeps "007" a string.
        assertThat(claims.get("embed")).isEqualTo(Map.of("amount", 1299L, "currency", "USD",
                "tax", new BigDecimal("12.50"), "buyer_id", "007"));
    }

    @Test
    void mintWhenClaimOptionThenSetsRawJsonValuesForBadTokenTests() {
        Cli.Result r = Cli.run("mint", "--key", priv, now(0), "--claim", "nbf=" + T0 * 1000, "--claim", "note=plain text",
                "--claim", "scopes=\"transactions.read\"");

        Map<String, Object> claims = part(r.out().strip(), 1);
        assertThat(claims).containsEntry("nbf", T0 * 1000).containsEntry("note", "plain text")
                .containsEntry("scopes", "transactions.read");
    }

    @Test
    void mintWhenEmbedHasNoEqualsSignThenExit2() {
        Cli.Result r = Cli.run("mint", "--key", priv, "--embed", "amount");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--embed needs NAME=VALUE");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void mintWhenKeyFileIsMissingThenExit2() {
        Cli.Result r = Cli.run("mint", "--key", dir.resolve("nope.pem").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("cannot read key file").contains("nope.pem");
    }

    @Test
    void mintWhenKeyFileHoldsAPublicKeyThenExit2() {
        Cli.Result r = Cli.run("mint", "--key", pub);

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no PRIVATE KEY or EC PRIVATE KEY block found");
    }

    @Test
    void mintWhenLifetimeIsZeroThenExit2() {
        Cli.Result r = Cli.run("mint", "--key", priv, "--lifetime", "0s");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--lifetime must be positive");
    }

    @Test
    void mintWhenKeyIsP256ThenSignsEs256() {
        String p256 = Fixture.privatePem(dir.resolve("p256.pem"), Fixture.p256());

        String token = Cli.run("mint", "--key", p256).out().strip();

        assertThat(part(token, 0)).containsEntry("alg", "ES256");
    }
}
