package dev.bearerguard.cli;

import static dev.bearerguard.cli.Fixture.T0;
import static dev.bearerguard.cli.Fixture.now;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.core.internal.Base64Url;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {

    @TempDir
    Path dir;
    String keys;

    @BeforeEach
    void writeKeys() {
        Fixture.publicPem(dir.resolve("keys/a.pem"), Fixture.P521);
        Fixture.publicPem(dir.resolve("keys/b.pem"), Fixture.OTHER_P521);
        keys = dir.resolve("keys").toString();
    }

    private static String b64(String json) {
        return Base64Url.encode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void explainWhenTokenIsGoodAndKeysAreGivenThenNoProblemAndAcceptedExit0() {
        String token = Fixture.signer().token().scopes("transactions.read").sign();

        Cli.Result r = Cli.run("explain", "--keys", keys, now(10), token);

        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out()).doesNotContain("problems")
                .contains("the signature verifies with the key " + Fixture.signer().kid())
                .contains("verdict: accepted by the verifier");
    }

    @Test
    void explainWhenExpiredThenSaysHowLongAgoAndTheVerifierRefuses() {
        String token = Fixture.signer().token().lifetime(Duration.ofSeconds(60)).sign();

        Cli.Result r = Cli.run("explain", "--keys", keys, now(60 + 180), token);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("expired 3 min ago")
                .contains("verdict: refused by the verifier: invalid_token (expired): token expired");
    }

    @Test
    void explainWhenExpiredWithinTheSkewThenOnlyNotesIt() {
        String token = Fixture.signer().token().lifetime(Duration.ofSeconds(60)).sign();

        Cli.Result r = Cli.run("explain", "--keys", keys, now(90), token);

        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out()).contains("expired 30 s ago, still accepted within the 60 s clock skew");
    }

    @Test
    void explainWhenNotYetValidThenSaysHowFarInTheFuture() {
        String token = Fixture.signer().token().lifetime(Duration.ofMinutes(10)).sign();

        Cli.Result r = Cli.run("explain", now(-300), token);

        assertThat(r.out()).contains("not valid yet: nbf is 5 min in the future");
    }

    @Test
    void explainWhenTimesAreInMillisecondsThenSaysSoForEachOne() {
        String token = Fixture.signer().token().claim("nbf", T0 * 1000).claim("exp", (T0 + 60) * 1000).sign();

        Cli.Result r = Cli.run("explain", now(10), token);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("nbf looks like milliseconds (" + T0 * 1000 + "); NumericDate is seconds")
                .contains("exp looks like milliseconds")
                .contains("verdict: a verifier would refuse this token");
    }

    @Test
    void explainWhenKidIsUnknownThenSaysHowManyKeysAreLoaded() {
        String token = Fixture.signer(Fixture.p256()).withKid("stranger").token().sign();

        Cli.Result r = Cli.run("explain", "--keys", keys, "--alg", "ES256,ES512", now(10), token);

        assertThat(r.out()).contains("kid \"stranger\" is not among the 2 keys loaded");
        assertThat(r.out()).contains("(unknown_key): unknown kid");
    }

    @Test
    void explainWhenSignatureIsDerEncodedThenSaysEs512Needs132RawBytes() throws GeneralSecurityException {
        String input = b64("{\"alg\":\"ES512\",\"typ\":\"JWT\",\"kid\":\"" + Fixture.signer().kid() + "\"}") + "."
                + b64("{\"iss\":\"sdk\",\"nbf\":" + T0 + ",\"exp\":" + (T0 + 60) + ",\"jti\":\"j\",\"scopes\":[]}");
        Signature der = Signature.getInstance("SHA512withECDSA");
        der.initSign(Fixture.P521.getPrivate());
        der.update(input.getBytes(StandardCharsets.US_ASCII));
        String token = input + "." + Base64Url.encode(der.sign());

        Cli.Result r = Cli.run("explain", "--keys", keys, now(10), token);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("the signature is DER-encoded (")
                .contains("ES512 needs 132 raw bytes, R‖S")
                .contains("converted to R‖S, the signature verifies with the key")
                .contains("(bad_signature)");
    }

    @Test
    void explainWhenSignatureHasTheWrongLengthThenSaysHowLongItMustBe() {
        String token = Fixture.signer().token().sign();
        String cut = token.substring(0, token.lastIndexOf('.') + 1) + Base64Url.encode(new byte[128]);

        Cli.Result r = Cli.run("explain", now(10), cut);

        assertThat(r.out()).contains("the signature is 128 bytes; ES512 needs exactly 132 (a P-521 coordinate is 66 bytes, not 64)");
    }

    @Test
    void explainWhenSignatureIsAllZeroThenCallsItForged() {
        String token = Fixture.signer().token().sign();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + Base64Url.encode(new byte[132]);

        Cli.Result r = Cli.run("explain", "--keys", keys, now(10), forged);

        assertThat(r.out()).contains("r or s is zero: a forged signature");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void explainWhenClaimsWereChangedAfterSigningThenTheSignatureDoesNotVerify() {
        String token = Fixture.signer().token().scopes("transactions.read").sign();
        String[] p = token.split("\\.");
        String other = Fixture.signer().token().scopes("*.write").sign().split("\\.")[1];

        Cli.Result r = Cli.run("explain", "--keys", keys, now(10), p[0] + "." + other + "." + p[2]);

        assertThat(r.out()).contains("the signature does not verify with the key " + Fixture.signer().kid());
    }

    @Test
    void explainWhenScopeHasATypoThenSuggestsTheRightOne() {
        String token = Fixture.signer().token().scopes("transaction.read").sign();

        Cli.Result r = Cli.run("explain", now(10), token);

        assertThat(r.out()).contains(
                "scope `transaction.read`: no such resource in the vocabulary — did you mean `transactions.read`?");
    }

    @Test
    void explainWhenSeveralThingsAreWrongThenListsEveryOneNotJustTheFirst() {
        String token = Fixture.signer().token()
                .header("typ", "at+jwt")
                .withoutClaim("jti")
                .claim("scopes", "transactions.read")
                .claim("nbf", T0 * 1000)
                .sign();

        Cli.Result r = Cli.run("explain", "--keys", keys, now(10), token);

        assertThat(r.out()).contains("problems (5):")
                .contains("typ is \"at+jwt\"; it must be \"JWT\"")
                .contains("jti is missing")
                .contains("scopes is a string; it must be a JSON array of strings")
                .contains("nbf looks like milliseconds")
                .contains("exp looks like milliseconds");
    }

    @Test
    void explainWhenAlgIsNoneOrHmacThenSaysNeverAccepted() {
        String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"k\"}") + "." + b64("{}") + ".";
        String hs = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"k\"}") + "." + b64("{}") + ".c2ln";

        assertThat(Cli.run("explain", none).out()).contains("alg is \"none\": unsigned tokens are never accepted")
                .contains("the signature segment is empty: the token is unsigned");
        assertThat(Cli.run("explain", hs).out()).contains("HMAC (shared-secret) tokens are never accepted");
    }

    @Test
    void explainWhenAlgIsAllowedElsewhereButNotHereThenSaysHowToAllowIt() {
        String token = Fixture.signer(Fixture.p256()).token().sign();

        Cli.Result r = Cli.run("explain", now(10), token);

        assertThat(r.out()).contains("alg is ES256, which is not accepted (accepted: ES512; add --alg ES256");
    }

    @Test
    void explainWhenSegmentsUseStandardBase64WithPaddingThenSaysSo() {
        String header = java.util.Base64.getEncoder().encodeToString(
                "{\"alg\":\"ES512\",\"typ\":\"JWT\",\"kid\":\"k???\"}".getBytes(StandardCharsets.UTF_8));
        Cli.Result r = Cli.run("explain", header + "." + b64("{\"a\":1}") + ".AAAA");

        assertThat(header).contains("/").endsWith("=");
        assertThat(r.out()).contains("the header segment has `=` padding")
                .contains("the header segment uses standard base64 (`+`, `/`)");
    }

    @Test
    void explainWhenTextIsGarbageThenSaysWhyAndExit1() {
        Cli.Result r = Cli.run("explain", "hello");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("the token has 1 segment; a JWS has 3");
    }

    @Test
    void explainWhenTokenIsAJweThenSaysItIsEncrypted() {
        assertThat(Cli.run("explain", "a.b.c.d.e").out()).contains("it is an encrypted JWE");
    }

    @Test
    void explainWhenHeaderIsNotStrictJsonThenSaysSo() {
        Cli.Result r = Cli.run("explain", b64("{'alg':'ES512'}") + "." + b64("{}") + ".AAAA");

        assertThat(r.out()).contains("the header is not a strict JSON object");
    }

    @Test
    void explainWhenHeaderNumberHasAnExponentBeyondIntThenMalformedNotAnError() {
        // Issue 11, defect 1: this printed "error: NumberFormatException" and exited 2.
        String token = "eyJhbGciOiJFUzUxMiIsInR5cCI6IkpXVCIsImtpZCI6IngiLCJuIjoxZTk5OTk5OTk5OTk5fQ.e30.AAAA";

        Cli.Result bare = Cli.run("explain", token);
        Cli.Result withKeys = Cli.run("explain", "--keys", keys, now(0), token);

        assertThat(bare.exit()).isEqualTo(1);
        assertThat(bare.err()).isEmpty();
        assertThat(bare.out()).contains("the header is not a strict JSON object: JSON number exponent out of range")
                .doesNotContain("NumberFormatException");
        assertThat(withKeys.exit()).isEqualTo(1);
        assertThat(withKeys.err()).isEmpty();
        assertThat(withKeys.out()).contains("verdict: refused by the verifier: invalid_token (malformed): "
                + "header is not a strict JSON object (JSON number exponent out of range)");
    }

    @Test
    void explainWhenClaimsHaveADuplicateMemberOrAreNotUtf8ThenSaysSo() {
        String header = b64("{\"alg\":\"ES512\",\"typ\":\"JWT\",\"kid\":\"k\"}");

        assertThat(Cli.run("explain", header + "." + b64("{\"exp\":1,\"exp\":2}") + ".AAAA").out())
                .contains("the claims are not a strict JSON object: duplicate JSON member name");
        assertThat(Cli.run("explain", header + "." + Base64Url.encode(new byte[] {(byte) 0xff, (byte) 0xfe}) + ".AAAA").out())
                .contains("the claims are not UTF-8 text");
    }

    @Test
    void explainWhenTokenIsPastedWithBearerPrefixThenSaysToDropIt() {
        String token = Fixture.signer().token().sign();

        Cli.Result r = Cli.run("explain", now(10), "Bearer " + token);

        assertThat(r.out()).contains("starts with `Bearer `: pass only the token after it")
                .contains("claims:    {\"iss\":\"bearerguard\"");
    }

    @Test
    void explainWhenScopeIsRequiredButNotGrantedThenInsufficientScope() {
        String token = Fixture.signer().token().scopes("transactions.read").sign();

        Cli.Result r = Cli.run("explain", "--keys", keys, now(10), "--scope", "transactions.write", token);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("the token does not grant transactions.write (insufficient_scope, 403)")
                .contains("refused by the verifier: insufficient_scope");
    }

    @Test
    void explainWhenTokenIsDashThenReadsItFromStandardInput() {
        String token = Fixture.signer().token().sign();

        Cli.Result r = Cli.withStdin(token + "\n", "explain", "--keys", keys, now(10), "-");

        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out()).contains("verdict: accepted by the verifier");
    }

    @Test
    void explainWhenDashButStandardInputIsEmptyThenExit2() {
        Cli.Result r = Cli.run("explain", "-");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no token on standard input");
    }

    @Test
    void explainNeverPrintsTheSignature() {
        String token = Fixture.signer().token().sign();

        Cli.Result r = Cli.run("explain", "--keys", keys, now(10), token);

        assertThat(r.out() + r.err()).doesNotContain(token.substring(token.lastIndexOf('.') + 1))
                .doesNotContain(token);
    }

    @Test
    void explainWhenKeyFileIsMissingThenExit2() {
        Cli.Result r = Cli.run("explain", "--keys", dir.resolve("nope").toString(), "a.b.c");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("cannot read key file");
    }

    @Test
    void explainWhenTokenArgumentIsMissingThenUsageErrorExit2() {
        Cli.Result r = Cli.run("explain");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required parameter");
    }

    @Test
    void explainWhenEmbedPinsLackTheEmbedScopeThenWarns() {
        String token = Fixture.signer().token().scopes("transactions.read").embed("amount", 100L).sign();

        List<String> lines = Cli.run("explain", now(10), token).lines();

        assertThat(lines).contains("  - embed pins are present but the token lacks the `embed` scope");
    }
}
