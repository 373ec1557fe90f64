package dev.bearerguard.benchmarks.load;

import dev.bearerguard.benchmarks.FastTokens;
import dev.bearerguard.test.PemKeys;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;

/**
 * Writes a load run's inputs into a folder: {@code public.pem} (a fresh P-521 key the server
 * trusts), {@code embed.token} (one ES512 embed token, to repeat) and, for each {@code NAME:COUNT}
 * argument, {@code NAME.tokens}: COUNT distinct ES512 tokens, one a line, none repeated across files.
 *
 * <pre>java … TokenMint DIR filter-warm:120000 filter-c1:60000 …</pre>
 */
public final class TokenMint {

    private TokenMint() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        KeyPair pair = PemKeys.generateP521();
        Files.writeString(dir.resolve("public.pem"), PemKeys.toPem(pair.getPublic()));
        FastTokens tokens = new FastTokens(pair);
        Files.writeString(dir.resolve("embed.token"), tokens.signer().token().scopes("embed")
                .embed("amount", 1299).embed("currency", "EUR").embed("buyer_id", "b-42")
                .lifetime(Duration.ofHours(2)).sign() + "\n");
        for (int i = 1; i < args.length; i++) {
            String[] spec = args[i].split(":");
            int count = Integer.parseInt(spec[1]);
            try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(spec[0] + ".tokens"), StandardCharsets.US_ASCII)) {
                for (int t = 0; t < count; t++) {
                    out.write(tokens.next());
                    out.write('\n');
                }
            }
        }
    }
}
