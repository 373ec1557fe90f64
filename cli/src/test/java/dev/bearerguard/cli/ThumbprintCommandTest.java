package dev.bearerguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.core.keys.JwkThumbprint;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThumbprintCommandTest {

    /** The example key of RFC 7638 §3.1, and its thumbprint from §3.1. */
    private static final String RFC7638_JWK = "{\"kty\":\"RSA\",\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4"
            + "cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw\","
            + "\"e\":\"AQAB\",\"alg\":\"RS256\",\"kid\":\"2011-04-29\"}";
    private static final String RFC7638_THUMBPRINT = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

    @TempDir
    Path dir;

    @Test
    void thumbprintWhenRfc7638ExampleJwkFileThenTheRfcsThumbprintNotItsKid() {
        String f = Fixture.write(dir.resolve("rfc.jwk"), RFC7638_JWK);

        Cli.Result r = Cli.run("thumbprint", f);

        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out()).isEqualTo(RFC7638_THUMBPRINT + "\n");
    }

    @Test
    void thumbprintWhenInlineJwkThenSameAsFromAFile() {
        assertThat(Cli.run("thumbprint", RFC7638_JWK).out().strip()).isEqualTo(RFC7638_THUMBPRINT);
    }

    @Test
    void thumbprintWhenPemPublicKeyThenTheKidTheSignerWrites() {
        String f = Fixture.publicPem(dir.resolve("pub.pem"), Fixture.P521);

        Cli.Result r = Cli.run("thumbprint", f);

        assertThat(r.out().strip()).isEqualTo(JwkThumbprint.of(Fixture.P521.getPublic()))
                .isEqualTo(Fixture.signer().kid());
    }

    @Test
    void thumbprintWhenPrivatePemThenThePublicHalfsThumbprint() {
        String f = Fixture.privatePem(dir.resolve("priv.pem"), Fixture.P521);

        assertThat(Cli.run("thumbprint", f).out().strip()).isEqualTo(Fixture.signer().kid());
    }

    @Test
    void thumbprintWhenJwksThenOneLinePerKey() {
        String f = Fixture.write(dir.resolve("jwks.json"), "{\"keys\":[" + RFC7638_JWK + ","
                + RFC7638_JWK.replace("2011-04-29", "second") + "]}");

        Cli.Result r = Cli.run("thumbprint", f);

        assertThat(r.lines()).containsExactly(RFC7638_THUMBPRINT, RFC7638_THUMBPRINT);
    }

    @Test
    void thumbprintWhenFileIsMissingThenExit2() {
        Cli.Result r = Cli.run("thumbprint", dir.resolve("none.pem").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("cannot read").contains("none.pem");
    }

    @Test
    void thumbprintWhenGarbageThenExit2() {
        String f = Fixture.write(dir.resolve("junk.txt"), "junk");

        Cli.Result r = Cli.run("thumbprint", f);

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("junk.txt: neither PEM nor JSON");
    }

    @Test
    void thumbprintWhenSymmetricJwkThenExit2() {
        Cli.Result r = Cli.run("thumbprint", "{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("symmetric (oct) keys are never accepted").doesNotContain("c2VjcmV0");
    }

    @Test
    void thumbprintWhenDirectoryThenExit2() {
        Cli.Result r = Cli.run("thumbprint", dir.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("is a directory");
    }
}
