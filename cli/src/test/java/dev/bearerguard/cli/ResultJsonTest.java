package dev.bearerguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.core.BearerError;
import dev.bearerguard.core.Reason;
import dev.bearerguard.core.TokenRejectedException;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.VerifiedToken;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultJsonTest {

    @Test
    void rejectWritesErrorReasonAndDescription() {
        StringBuilder sb = new StringBuilder();

        ResultJson.reject(sb, BearerError.of(Reason.TIMESTAMP_IN_MILLISECONDS, "nbf claim looks like milliseconds"));

        assertThat(sb).hasToString("{\"decision\":\"reject\",\"error\":\"invalid_token\","
                + "\"reason\":\"timestamp_in_milliseconds\",\"description\":\"nbf claim looks like milliseconds\"}");
    }

    @Test
    void rejectWhenInsufficientScopeThenAddsTheNeededScopes() {
        StringBuilder sb = new StringBuilder();

        ResultJson.reject(sb, new BearerError(Reason.INSUFFICIENT_SCOPE, "x", List.of("a.read", "b.write")));

        assertThat(sb.toString()).startsWith("{\"decision\":\"reject\",\"error\":\"insufficient_scope\"")
                .endsWith(",\"scope\":[\"a.read\",\"b.write\"]}");
    }

    @Test
    void acceptEscapesClaimValuesSoEachVerdictStaysOneJsonLine() throws TokenRejectedException {
        TokenVerifier verifier = TokenVerifier.builder().keys(KeySet.of(TrustedKey.of(Fixture.P521.getPublic())))
                .clock(Clock.fixed(Instant.ofEpochSecond(Fixture.T0 + 1), ZoneOffset.UTC)).build();
        VerifiedToken t = verifier.verify(Fixture.signer().token().issuer("line\nbreak \"quoted\"").jti("j\u2028").sign());
        StringBuilder sb = new StringBuilder();

        ResultJson.accept(sb, t);

        assertThat(sb.toString()).doesNotContain("\n").doesNotContain("\u2028")
                .contains("\"iss\":\"line\\nbreak \\\"quoted\\\"\"")
                .contains("\"jti\":\"j\\u2028\"");
    }

    @Test
    void errorWritesTheDecisionError() {
        StringBuilder sb = new StringBuilder();

        ResultJson.error(sb, "verifier unavailable");

        assertThat(sb).hasToString("{\"decision\":\"error\",\"description\":\"verifier unavailable\"}");
    }
}
