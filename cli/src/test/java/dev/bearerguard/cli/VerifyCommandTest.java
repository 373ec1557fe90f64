package dev.bearerguard.cli;

import static dev.bearerguard.cli.Fixture.T0;
import static dev.bearerguard.cli.Fixture.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.bearerguard.test.JwksServer;
import dev.bearerguard.test.TestKey;
import dev.bearerguard.core.json.StrictJson;
import dev.bearerguard.test.PemKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {

    @TempDir
    Path dir;
    String keys;

    @BeforeEach
    void writeKeys() {
        keys = Fixture.publicPem(dir.resolve("keys/p521.pem"), Fixture.P521);
    }

    private static Map<String, Object> json(String line) {
        return StrictJson.parseObject(line);
    }

    @Test
    void verifyWhenValidTokenArgumentThenAcceptLineAndExit0() {
        String token = Fixture.signer().token().scopes("transactions.read").jti("jti-1").issuer("sdk/1.0").sign();

        Cli.Result r = Cli.run("verify", "--keys", keys, now(10), token);

        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.lines()).hasSize(1);
        Map<String, Object> line = json(r.lines().get(0));
        assertThat(line).containsEntry("decision", "accept")
                .containsEntry("kid", Fixture.signer().kid())
                .containsEntry("iss", "sdk/1.0")
                .containsEntry("jti", "jti-1")
                .containsEntry("scopes", List.of("transactions.read"))
                .containsEntry("embed", StrictJson.NULL)
                .containsEntry("checkout_session_id", StrictJson.NULL);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void verifyWhenKeysIsAJwksUrlThenTheKeyServiceSetIsFetchedOnceAndUsed() throws IOException {
        String token = Fixture.signer().token().scopes("transactions.read").sign();
        try (JwksServer service = JwksServer.start()) {
            service.publish(List.of(new TestKey(Fixture.signer().kid(), Fixture.P521)));
            Cli.Result r = Cli.run("verify", "--keys", service.uri().toString(), now(10), token);
            assertThat(r.exit()).as(r.err()).isEqualTo(0);
            assertThat(json(r.lines().get(0))).containsEntry("decision", "accept");
            assertThat(service.requests()).isEqualTo(1);
        }
    }

    @Test
    void verifyWhenTheJwksUrlCannotBeFetchedOrIsNotAllowedThenExit2SayingWhy() throws IOException {
        try (JwksServer service = JwksServer.start()) {
            service.fault(JwksServer.Fault.ERROR_500);
            Cli.Result r = Cli.run("verify", "--keys", service.uri().toString(), now(10), "x.y.z");
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("--keys: cannot fetch keys from " + service.uri() + ": HTTP 500");
        }
        Cli.Result plain = Cli.run("verify", "--keys", "http://keys.example.com/jwks.json", "x.y.z");
        assertThat(plain.exit()).isEqualTo(2);
        assertThat(plain.err()).contains("must use https");
        Cli.Result mixed = Cli.run("verify", "--keys", "https://keys.example.com/jwks.json", "--keys", keys, "x.y.z");
        assertThat(mixed.exit()).isEqualTo(2);
        assertThat(mixed.err()).contains("a JWKS URL must be the only --keys");
    }

    @Test
    void verifyWhenTokenCarriesEmbedAndCheckoutSessionThenAcceptLineShowsThem() {
        String token = Fixture.signer().token().scopes("embed").embed("amount", 1299L).embed("currency", "USD")
                .checkoutSessionId("cs_1").sign();

        Cli.Result r = Cli.run("verify", "--keys", keys, now(10), token);

        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out()).contains("\"embed\":{\"amount\":1299,\"currency\":\"USD\"}")
                .contains("\"checkout_session_id\":\"cs_1\"");
    }

    @Test
    void verifyWhenNowIsPastExpiryThenRejectsExpiredAndExit1() {
        String token = Fixture.signer().token().lifetime(Duration.ofSeconds(60)).sign();

        Cli.Result r = Cli.run("verify", "--keys", keys, now(60 + 60 + 1), token);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(json(r.out().strip())).containsEntry("decision", "reject")
                .containsEntry("error", "invalid_token")
                .containsEntry("reason", "expired")
                .containsEntry("description", "token expired");
    }

    @Test
    void verifyWhenHeaderNumberHasAnExponentBeyondIntThenRejectsMalformedNotAnInternalError() {
        // Issue 11, defect 1.
        String token = "eyJhbGciOiJFUzUxMiIsInR5cCI6IkpXVCIsImtpZCI6IngiLCJuIjoxZTk5OTk5OTk5OTk5fQ.e30.AAAA";

        Cli.Result r = Cli.run("verify", "--keys", keys, now(0), token);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(json(r.out().strip())).containsEntry("decision", "reject")
                .containsEntry("error", "invalid_token")
                .containsEntry("reason", "malformed");
    }

    @Test
    void verifyWhenNowIsWithinLifetimeThenTheSameTokenIsAccepted() {
        String token = Fixture.signer().token().lifetime(Duration.ofSeconds(60)).sign();

        assertThat(Cli.run("verify", "--keys", keys, now(30), token).exit()).isEqualTo(0);
        assertThat(Cli.run("verify", "--keys", keys, now(-30), token).exit()).isEqualTo(0);
        assertThat(json(Cli.run("verify", "--keys", keys, now(-61), token).out().strip()))
                .containsEntry("reason", "not_yet_valid");
    }

    @Test
    void verifyWhenNowIsNotANumberThenUsageErrorExit2() {
        Cli.Result r = Cli.run("verify", "--keys", keys, "--now", "yesterday", "x.y.z");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--now");
    }

    @Test
    void verifyStdinWhenTokenIsPresentedTwiceThenTheSecondIsRefusedAsReplayed() {
        String token = Fixture.signer().token().sign();

        Cli.Result r = Cli.withStdin(token + "\n" + token + "\n", "verify", "--keys", keys, now(5));

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.lines()).hasSize(2);
        assertThat(json(r.lines().get(0))).containsEntry("decision", "accept");
        assertThat(json(r.lines().get(1))).containsEntry("reason", "replayed");
    }

    @Test
    void verifyStdinWhenReplayIsOffThenATokenPresentedTwiceIsAcceptedTwice() {
        String token = Fixture.signer().token().sign();

        Cli.Result r = Cli.withStdin(token + "\n" + token + "\n", "verify", "--keys", keys, now(5), "--replay", "off");

        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.lines()).allSatisfy(l -> assertThat(json(l)).containsEntry("decision", "accept"));
    }

    @Test
    void verifyStdinWhenReplayIsReusableThenTheSameTokenPassesButAnotherWithItsJtiDoesNot() {
        String token = Fixture.signer().token().jti("same").sign();
        String other = Fixture.signer().token().jti("same").scopes("transactions.read").sign();

        Cli.Result r = Cli.withStdin(token + "\n" + token + "\n" + other + "\n", "verify", "--keys", keys, now(5),
                "--replay", "reusable");

        assertThat(r.lines()).extracting(l -> json(l).get("decision")).containsExactly("accept", "accept", "reject");
        assertThat(json(r.lines().get(2))).containsEntry("reason", "replayed");
    }

    @Test
    void verifyStdinWhenReplayIsSingleUseThenAnEmbedTokenIsRefusedTheSecondTime() {
        String token = Fixture.signer().token().scopes("embed").sign();

        Cli.Result byDefault = Cli.withStdin(token + "\n" + token + "\n", "verify", "--keys", keys, now(5));
        Cli.Result singleUse = Cli.withStdin(token + "\n" + token + "\n", "verify", "--keys", keys, now(5),
                "--replay", "single-use");

        assertThat(byDefault.exit()).isEqualTo(0);
        assertThat(singleUse.exit()).isEqualTo(1);
        assertThat(json(singleUse.lines().get(1))).containsEntry("reason", "replayed");
    }

    @Test
    void verifyWhenReplayPolicyIsUnknownThenUsageErrorNamesTheChoices() {
        Cli.Result r = Cli.run("verify", "--keys", keys, "--replay", "twice", "x");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("`twice` is not one of default, single-use, reusable, off");
    }

    @Test
    void verifyStdinWhenGarbageEmptyAndOneMegabyteLinesThenOneRejectEachInOrderAndNoCrash() {
        String good = Fixture.signer().token().sign();
        String huge = "a".repeat(1 << 20);
        String stdin = "garbage\n" + "\n" + huge + "\n" + "\u0000\u00ff not a token\n" + good + "\n";

        Cli.Result r = Cli.withStdin(stdin, "verify", "--keys", keys, now(5));

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.lines()).hasSize(5);
        assertThat(r.lines()).extracting(l -> json(l).get("reason"))
                .containsExactly("malformed", "malformed", "too_large", "malformed", null);
        assertThat(json(r.lines().get(1))).containsEntry("description", "token is empty");
        assertThat(json(r.lines().get(2))).containsEntry("description", "token is longer than 8192 characters");
        assertThat(json(r.lines().get(4))).containsEntry("decision", "accept");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void verifyStdinWhenLastLineIsHugeAndHasNoLineBreakThenTooLarge() {
        Cli.Result r = Cli.withStdin("b".repeat(1 << 20), "verify", "--keys", keys);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.lines()).hasSize(1);
        assertThat(json(r.lines().get(0))).containsEntry("reason", "too_large");
    }

    @Test
    void verifyStdinWhenLinesEndInCrLfOrCarrySpacesThenTokensAreStillRead() {
        String a = Fixture.signer().token().sign();
        String b = Fixture.signer().token().sign();

        Cli.Result r = Cli.withStdin(a + "\r\n  " + b + " \t\r\n", "verify", "--keys", keys, now(5));

        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.lines()).hasSize(2);
    }

    @Test
    void verifyStdinWhenLineIsJustOverTheLimitBecauseOfBlanksThenTheTokenStillCounts() {
        String token = Fixture.signer().token().sign();

        Cli.Result r = Cli.withStdin(" ".repeat(200) + token + "\n", "verify", "--keys", keys, now(5),
                "--max-token-size", String.valueOf(token.length()));

        assertThat(r.exit()).isEqualTo(0);
    }

    @Test
    void verifyStdinWhenTokenIsOneCharacterOverMaxTokenSizeThenTooLarge() {
        String token = Fixture.signer().token().sign();

        Cli.Result r = Cli.withStdin(token + "\n", "verify", "--keys", keys, now(5),
                "--max-token-size", String.valueOf(token.length() - 1));

        assertThat(json(r.out().strip())).containsEntry("reason", "too_large");
    }

    @Test
    void verifyStdinWhenEveryTokenIsGoodThenExit0AndOneLinePerTokenInOrder() {
        List<String> tokens = IntStream.range(0, 200)
                .mapToObj(i -> Fixture.signer().token().jti("j" + i).sign()).toList();

        Cli.Result r = Cli.withStdin(String.join("\n", tokens), "verify", "--keys", keys, now(5));

        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.lines()).extracting(l -> json(l).get("jti"))
                .containsExactlyElementsOf(IntStream.range(0, 200).mapToObj(i -> "j" + i).collect(Collectors.toList()));
    }

    @Test
    void verifyStdinWhenStandardOutputIsClosedThenStopsReadingWithExit2() {
        String stdin = "garbage\n".repeat(100_000);
        java.io.InputStream in = new java.io.ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        java.io.OutputStream closed = new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();

        int exit = BearerguardCli.run(new String[] {"verify", "--keys", keys}, in, closed, err);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("standard output is closed");
        assertThat(in).as("stopped long before the end of the input").isNotEmpty();
    }

    @Test
    void verifyStdinWhenInputIsEmptyThenNoOutputAndExit0() {
        Cli.Result r = Cli.withStdin("", "verify", "--keys", keys);

        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void verifyWhenRefusedThenOutputNeverEchoesTheToken() {
        String token = Fixture.signer(Fixture.OTHER_P521).token().sign();

        Cli.Result r = Cli.run("verify", "--keys", keys, now(5), token);

        assertThat(json(r.out().strip())).containsEntry("reason", "unknown_key");
        String signature = token.substring(token.lastIndexOf('.') + 1);
        assertThat(r.out() + r.err()).doesNotContain(signature).doesNotContain(token.substring(0, token.indexOf('.')));
    }

    @Test
    void verifyWhenScopeIsMissingThenInsufficientScopeNamesTheNeededScopes() {
        String token = Fixture.signer().token().scopes("transactions.read").sign();

        Cli.Result r = Cli.run("verify", "--keys", keys, now(5), "--scope", "transactions.write", token);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(json(r.out().strip())).containsEntry("decision", "reject")
                .containsEntry("error", "insufficient_scope")
                .containsEntry("reason", "insufficient_scope")
                .containsEntry("scope", List.of("transactions.write"));
    }

    @Test
    void verifyWhenScopeIsRepeatedThenEveryScopeIsRequired() {
        String token = Fixture.signer().token().scopes("transactions.read").sign();
        String both = Fixture.signer().token().scopes("transactions.read", "buyers.read").sign();

        assertThat(Cli.run("verify", "--keys", keys, now(5), "--scope", "transactions.read", "--scope", "buyers.read",
                token).exit()).isEqualTo(1);
        assertThat(Cli.run("verify", "--keys", keys, now(5), "--scope", "transactions.read", "--scope", "buyers.read",
                both).exit()).isEqualTo(0);
    }

    @Test
    void verifyWhenAnyScopeThenOneOfTheScopesSuffices() {
        String token = Fixture.signer().token().scopes("buyers.read").sign();

        Cli.Result r = Cli.run("verify", "--keys", keys, now(5), "--any-scope", "--scope", "transactions.read",
                "--scope", "buyers.read", token);

        assertThat(r.exit()).isEqualTo(0);
        assertThat(json(r.out().strip())).containsEntry("decision", "accept");
    }

    @Test
    void verifyWhenAnyScopeWithoutScopeThenUsageErrorExit2() {
        Cli.Result r = Cli.run("verify", "--keys", keys, "--any-scope", "x.y.z");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--any-scope needs at least one --scope");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void verifyWhenRequiredScopeHasATypoThenWarnsOnStderrWithASuggestion() {
        String token = Fixture.signer().token().scopes("transactions.read").sign();

        Cli.Result r = Cli.run("verify", "--keys", keys, now(5), "--scope", "transaction.read", token);

        assertThat(r.err()).contains("warning: scope `transaction.read`").contains("did you mean `transactions.read`?");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void verifyWhenKeyFileDoesNotExistThenExit2NamingTheFile() {
        Cli.Result r = Cli.run("verify", "--keys", dir.resolve("missing.pem").toString(), "x.y.z");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("cannot read key file").contains("missing.pem");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void verifyWhenKeyFileHasNoReadPermissionThenExit2() throws IOException {
        Path f = Path.of(Fixture.publicPem(dir.resolve("locked.pem"), Fixture.P521));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(f), "running as root: every file is readable");

        Cli.Result r = Cli.run("verify", "--keys", f.toString(), "x.y.z");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("cannot read key file").contains("locked.pem");
    }

    @Test
    void verifyWhenKeyPathRunsThroughAFileThenExit2() {
        Cli.Result r = Cli.run("verify", "--keys", keys + "/nested.pem", "x.y.z");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("cannot read key file");
    }

    @Test
    void verifyWhenKeyFileIsGarbageThenExit2SayingWhatItIsNot() {
        String f = Fixture.write(dir.resolve("garbage.pem"), "hello, I am not a key");

        Cli.Result r = Cli.run("verify", "--keys", f, "x.y.z");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("garbage.pem").contains("neither PEM nor JSON");
    }

    @Test
    void verifyWhenKeyFileHoldsAPrivateKeyThenExit2() {
        String f = Fixture.privatePem(dir.resolve("private.pem"), Fixture.P521);

        Cli.Result r = Cli.run("verify", "--keys", f, "x.y.z");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("private key").doesNotContain("PRIVATE KEY-----");
    }

    @Test
    void verifyWhenKeyDirectoryHoldsNoKeysThenExit2() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Fixture.write(empty.resolve(".hidden.pem"), PemKeys.toPem(Fixture.P521.getPublic()));

        Cli.Result r = Cli.run("verify", "--keys", empty.toString(), "x.y.z");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no keys found in directory");
    }

    @Test
    void verifyWhenKeysIsADirectoryOfSeveralKeysThenEachKeyVerifies() {
        Fixture.publicPem(dir.resolve("keys/other.pem"), Fixture.OTHER_P521);
        String a = Fixture.signer().token().sign();
        String b = Fixture.signer(Fixture.OTHER_P521).token().sign();

        Cli.Result r = Cli.withStdin(a + "\n" + b + "\n", "verify", "--keys", dir.resolve("keys").toString(), now(5));

        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.lines()).hasSize(2);
    }

    @Test
    void verifyWhenKeysIsAJwksDocumentThenItsKeysVerify() {
        java.security.interfaces.ECPublicKey ec = (java.security.interfaces.ECPublicKey) Fixture.P521.getPublic();
        String doc = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-521\",\"x\":\"" + coordinate(ec.getW().getAffineX())
                + "\",\"y\":\"" + coordinate(ec.getW().getAffineY()) + "\"}]}";
        String f = Fixture.write(dir.resolve("jwks.json"), doc);

        Cli.Result r = Cli.run("verify", "--keys", f, now(5), Fixture.signer().token().sign());

        assertThat(r.exit()).isEqualTo(0);
    }

    private static String coordinate(java.math.BigInteger v) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[66];
        int start = b.length > 66 ? b.length - 66 : 0;
        System.arraycopy(b, start, out, 66 - (b.length - start), b.length - start);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    @Test
    void verifyWhenNoKeysOptionThenExit2() {
        Cli.Result r = Cli.run("verify", "x.y.z");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no --keys given");
    }

    @Test
    void verifyWhenTokenIsEs256AndOnlyEs512IsAllowedThenRefusedUntilAlgAllowsIt() {
        KeyPair p256 = Fixture.p256();
        String f = Fixture.publicPem(dir.resolve("p256.pem"), p256);
        String token = Fixture.signer(p256).token().sign();

        Cli.Result byDefault = Cli.run("verify", "--keys", f, now(5), token);
        Cli.Result allowed = Cli.run("verify", "--keys", f, now(5), "--alg", "ES512,ES256", token);

        assertThat(json(byDefault.out().strip())).containsEntry("reason", "unsupported_algorithm");
        assertThat(allowed.exit()).isEqualTo(0);
    }

    @Test
    void verifyWhenAlgIsNoneOrHmacThenUsageErrorSaysNeverAccepted() {
        Cli.Result none = Cli.run("verify", "--keys", keys, "--alg", "none", "x.y.z");
        Cli.Result hs = Cli.run("verify", "--keys", keys, "--alg", "ES512,HS256", "x.y.z");

        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("never accepted");
        assertThat(hs.exit()).isEqualTo(2);
        assertThat(hs.err()).contains("`HS256` is never accepted");
    }

    @Test
    void verifyWhenIssuerIsNotAllowedThenUntrustedIssuer() {
        String token = Fixture.signer().token().issuer("rogue/1.0").sign();

        Cli.Result r = Cli.run("verify", "--keys", keys, now(5), "--issuer", "sdk-a", "--issuer", "sdk-b", token);

        assertThat(json(r.out().strip())).containsEntry("reason", "untrusted_issuer");
    }

    @Test
    void verifyWhenLifetimeExceedsMaxLifetimeThenRefused() {
        String token = Fixture.signer().token().lifetime(Duration.ofHours(2)).sign();

        Cli.Result r = Cli.run("verify", "--keys", keys, now(5), "--max-lifetime", "1h", token);
        Cli.Result ok = Cli.run("verify", "--keys", keys, now(5), "--max-lifetime", "2h", token);

        assertThat(json(r.out().strip())).containsEntry("reason", "lifetime_too_long");
        assertThat(ok.exit()).isEqualTo(0);
    }

    @Test
    void verifyWhenSkewIsWiderThenAnExpiredTokenIsStillAccepted() {
        String token = Fixture.signer().token().lifetime(Duration.ofSeconds(60)).sign();

        assertThat(Cli.run("verify", "--keys", keys, now(150), token).exit()).isEqualTo(1);
        assertThat(Cli.run("verify", "--keys", keys, now(150), "--skew", "2m", token).exit()).isEqualTo(0);
    }

    @Test
    void verifyWhenSkewIsOutOfRangeOrNotADurationThenExit2() {
        Cli.Result tooWide = Cli.run("verify", "--keys", keys, "--skew", "11m", "x.y.z");
        Cli.Result noUnit = Cli.run("verify", "--keys", keys, "--skew", "60", "x.y.z");

        assertThat(tooWide.exit()).isEqualTo(2);
        assertThat(tooWide.err()).contains("clock skew must be between 0 and 10 minutes");
        assertThat(noUnit.exit()).isEqualTo(2);
        assertThat(noUnit.err()).contains("`60` has no unit; write e.g. 60s, 2m or PT1M");
    }

    @Test
    void verifyWhenTokenArgumentIsGarbageThenRejectLineAndExit1() {
        Cli.Result r = Cli.run("verify", "--keys", keys, "not-a-token");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(json(r.out().strip())).containsEntry("reason", "malformed");
    }

    @Test
    void fixtureMintsTokensAtT0NotAtTheWallClock() {
        // Guards the fixture itself: the tokens above are minted at T0, not at the wall clock.
        String token = Fixture.signer().token().sign();
        String claims = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(claims).contains("\"nbf\":" + T0);
    }
}
