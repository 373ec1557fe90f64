package dev.bearerguard.cli;

import static dev.bearerguard.cli.Fixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.test.TokenSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code explain} examples of {@code cli/README.md} and of the root README's "Debugging a
 * refused token": each is run here, and both READMEs must show its output verbatim. The keys are
 * fixed test keys ({@code src/test/resources/readme/}, never used anywhere else), so the {@code kid}s
 * in the READMEs stay true. When the output changes, the new blocks are in {@code
 * target/readme-explain-examples.md}, ready to paste.
 */
class ReadmeExampleTest {

    private static final Path RESOURCES = Path.of("src/test/resources/readme");
    private static final List<Path> READMES = List.of(Path.of("README.md"), Path.of("../README.md"));

    @TempDir
    Path dir;
    String keys;
    TokenSigner api;
    TokenSigner handWritten;
    final List<String> blocks = new ArrayList<>();

    @BeforeEach
    void copyTheFixedKeys() throws IOException {
        Path k = Files.createDirectories(dir.resolve("keys"));
        Files.copy(RESOURCES.resolve("api.pub.pem"), k.resolve("api.pub.pem"));
        Files.copy(RESOURCES.resolve("other.pub.pem"), k.resolve("other.pub.pem"));
        keys = k.toString();
        api = signer("api.pem");
        handWritten = signer("hand-written.pem");
    }

    private static TokenSigner signer(String file) throws IOException {
        return TokenSigner.fromPem(Files.readString(RESOURCES.resolve(file)))
                .withClock(java.time.Clock.fixed(java.time.Instant.ofEpochSecond(T0), java.time.ZoneOffset.UTC));
    }

    @Test
    void readmesShowWhatExplainPrints() throws Exception {
        // A hand-written client's key the server does not have, nbf in milliseconds, a scope typo.
        String unknownKey = handWritten.token().jti("22c4200d-e206-4c92-a2a1-8b1d9b44e9bd").scopes("transaction.read")
                .claim("nbf", T0 * 1000).claim("exp", T0 + 60).sign();
        String expired = api.token().jti("ac895076-f7d5-4eeb-bc26-2be94fc04d8c").scopes("transactions.read").sign();
        String der = derSigned("{\"alg\":\"ES512\",\"typ\":\"JWT\",\"kid\":\"" + api.kid() + "\"}",
                "{\"iss\":\"hand-rolled/0.1\",\"nbf\":" + T0 + ",\"exp\":" + (T0 + 60)
                        + ",\"jti\":\"4f1d2c1e-0c55-4d8e-9a57-6f1b1f0b9e21\",\"scopes\":[\"*.read\"]}");
        String embed = api.token().jti("64ff1da2-5f34-4a0c-aea7-ac53d439993d").scopes("embed").embed("amount", 1299L)
                .embed("currency", "USD").lifetime(Duration.ofHours(1)).sign();

        example(1, true, unknownKey, true, "--now", "1767225620");
        example(1, false, expired, true, "--now", "1767225840");
        example(1, false, der, true, "--now", "1767225605");
        example(0, false, embed, false, "--now", "1767225605");
        Cli.Result scope = Cli.run("explain", "--keys", keys, "--now", "1767225605", "--scope", "transactions.write", embed);
        String fragment = scope.out().substring(scope.out().indexOf("problems (1):"), scope.out().indexOf("\nnotes"));
        blocks.add(fragment);

        Files.writeString(Path.of("target/readme-explain-examples.md"), String.join("\n", blocks));
        for (Path readme : READMES) {
            String text = Files.readString(readme);
            for (String block : blocks) {
                assertThat(text).as(readme + " shows (see target/readme-explain-examples.md)").contains(block);
            }
        }
    }

    /**
     * Runs {@code explain} as the README shows it (the key folder shown as {@code keys/}), and the
     * {@code echo $?} after it when {@code showExit}.
     */
    private void example(int exit, boolean showExit, String token, boolean withKeys, String... args) {
        List<String> shown = new ArrayList<>(List.of("explain"));
        List<String> run = new ArrayList<>(List.of("explain"));
        if (withKeys) {
            shown.addAll(List.of("--keys", "keys/"));
            run.addAll(List.of("--keys", keys));
        }
        shown.addAll(List.of(args));
        run.addAll(List.of(args));
        run.add(token);
        Cli.Result r = Cli.run(run.toArray(String[]::new));
        assertThat(r.exit()).as(r.out()).isEqualTo(exit);
        blocks.add("$ bearerguard " + String.join(" ", shown) + " \"$TOKEN\"\n" + r.out()
                + (showExit ? "$ echo $?\n" + exit + "\n" : "") + "```\n");
    }

    /**
     * A token signed as {@code openssl dgst -sha512 -sign} signs: an ASN.1 DER signature. Its length
     * varies with the leading zeros of r and s; the README shows a 138-byte one.
     */
    private String derSigned(String header, String claims) throws IOException, GeneralSecurityException {
        String input = b64(header) + "." + b64(claims);
        PrivateKey key = dev.bearerguard.test.PemKeys.readPrivateKey(Files.readString(RESOURCES.resolve("api.pem")));
        for (int i = 0; i < 1000; i++) {
            Signature s = Signature.getInstance("SHA512withECDSA");
            s.initSign(key);
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            byte[] sig = s.sign();
            if (sig.length == 138) {
                return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
            }
        }
        throw new IllegalStateException("no 138-byte DER signature in 1000 tries");
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
