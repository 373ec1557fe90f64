package dev.bearerguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.core.keys.KeyLoader;
import dev.bearerguard.core.scope.ScopeRequirement;
import dev.bearerguard.test.PemKeys;
import dev.bearerguard.test.TokenSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's example, compiled and run: if this changes, change the README with it. */
class ReadmeExampleTest {

    @TempDir
    Path dir;

    @Test
    void readmeExampleVerifiesAndAuthorizes() throws Exception {
        KeyPair pair = PemKeys.generateP521();
        Files.writeString(dir.resolve("caller.pem"), PemKeys.toPem(pair.getPublic()));
        String bearer = TokenSigner.of(pair.getPrivate(), pair.getPublic()).token().scopes("transactions.read").sign();
        Path keyDir = dir;

        // README example begins
        TokenVerifier verifier = TokenVerifier.builder()
                .keys(KeyLoader.load(keyDir))              // PEM, JWK, JWKS files or a directory
                .build();                                  // ES512, 60 s skew, single-use jti
        try {
            VerifiedToken token = verifier.verify(bearer); // the text after "Bearer "
            Optional<BearerError> denied = Authorizer.defaults()
                    .check(token, ScopeRequirement.allOf("transactions.read"), null);
            System.out.println(denied.isEmpty() ? "allowed: " + token.jti().orElseThrow() : "403 " + denied.get());
        } catch (TokenRejectedException e) {
            System.out.println(e.error().httpStatus() + " " + e.toLogString()); // 400/401, never the token
        }
        // README example ends

        assertThat(verifier.verify(TokenSigner.of(pair.getPrivate(), pair.getPublic()).token().sign()).kid())
                .isEqualTo(KeyLoader.load(keyDir).keys().get(0).kid());
    }
}
