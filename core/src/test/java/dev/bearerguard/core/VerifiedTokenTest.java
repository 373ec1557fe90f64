package dev.bearerguard.core;

import dev.bearerguard.test.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.core.scope.ScopeRequirement;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerifiedTokenTest {

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T12:00:00Z"));

    VerifiedToken verify(dev.bearerguard.test.TokenSigner.Draft draft) throws Exception {
        return TokenVerifier.builder().keys(TestKeys.keySet()).clock(clock).build().verify(draft.sign());
    }

    @Test
    void claimsAreReadByNameAndTypeAndScopesBySatisfies() throws Exception {
        VerifiedToken t = verify(TestKeys.signer().withClock(clock).token().jti("j-7").scopes("transactions.read")
                .claim("merchant_account_id", "m-1").claim("n", 5));
        assertThat(t.claim("n")).contains(5L);
        assertThat(t.claim("absent")).isEmpty();
        assertThat(t.stringClaim("merchant_account_id")).contains("m-1");
        assertThat(t.stringClaim("n")).isEmpty();
        assertThat(t.satisfies(ScopeRequirement.allOf("transactions.read"))).isTrue();
        assertThat(t.satisfies(ScopeRequirement.allOf("transactions.write"))).isFalse();
        assertThat(t.satisfies(ScopeRequirement.none())).isTrue();
        assertThat(t.toString()).isEqualTo("VerifiedToken[kid=" + t.kid() + ", jti=j-7, iss=bearerguard,"
                + " profile=API]");
    }
}
