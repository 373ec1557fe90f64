package dev.bearerguard.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.BearerPrincipal;
import dev.bearerguard.core.VerifiedToken;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import org.junit.jupiter.api.Test;

class BearerSecurityTest {

    private final Fixture fixture = new Fixture();

    private static SecurityContext context(Principal principal) {
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public boolean isSecure() {
                return false;
            }

            @Override
            public String getAuthenticationScheme() {
                return null;
            }
        };
    }

    private VerifiedToken verified() throws Exception {
        return fixture.verifier().build().verify(fixture.signer.token().jti("j-1").sign());
    }

    @Test
    void tokenOfWhenBearerPrincipalThenItsToken() throws Exception {
        VerifiedToken token = verified();
        BearerPrincipal principal = new BearerPrincipal(token);
        assertThat(principal.getName()).isEqualTo(fixture.signer.kid());
        assertThat(BearerSecurity.tokenOf(context(principal))).containsSame(token);
        assertThat(BearerSecurity.requireToken(context(principal))).isSameAs(token);
        assertThat(principal.toString()).contains("jti=j-1").doesNotContain(".");
    }

    @Test
    void tokenOfWhenOtherPrincipalOrNoneThenEmpty() {
        assertThat(BearerSecurity.tokenOf(context(() -> "alice"))).isEmpty();
        assertThat(BearerSecurity.tokenOf(context(null))).isEmpty();
        assertThat(BearerSecurity.tokenOf(null)).isEmpty();
    }

    @Test
    void requireTokenWhenNoneThen401WithBareChallenge() {
        assertThatThrownBy(() -> BearerSecurity.requireToken(context(null)))
                .isInstanceOfSatisfying(NotAuthorizedException.class, e -> {
                    assertThat(e.getResponse().getStatus()).isEqualTo(401);
                    assertThat(e.getResponse().getHeaderString("WWW-Authenticate")).isEqualTo("Bearer");
                    assertThat(e.getResponse().getHeaderString("Cache-Control")).isEqualTo("no-store");
                });
    }
}
