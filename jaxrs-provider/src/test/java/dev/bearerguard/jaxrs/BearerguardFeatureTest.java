package dev.bearerguard.jaxrs;

import static dev.bearerguard.jaxrs.Fixture.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.BearerError;
import dev.bearerguard.core.Reason;
import dev.bearerguard.core.TokenRejectedException;
import dev.bearerguard.core.VerifiedToken;
import dev.bearerguard.core.VerifierUnavailableException;
import dev.bearerguard.core.keys.AccessLevel;
import dev.bearerguard.core.keys.KeyRestrictions;
import dev.bearerguard.core.scope.ScopeRequirement;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.util.Set;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BearerguardFeatureTest {

    private Fixture fixture = new Fixture();
    private Harness harness;

    @Path("/plain")
    public static class Plain {
        @GET
        public String get(@Context SecurityContext security) {
            VerifiedToken token = BearerSecurity.requireToken(security);
            return "kid=" + security.getUserPrincipal().getName() + " jti=" + token.jti().orElseThrow()
                    + " scheme=" + security.getAuthenticationScheme() + " secure=" + security.isSecure();
        }

        @GET
        @Path("roles")
        public String roles(@Context SecurityContext security) {
            return security.isUserInRole("transactions.read") + " " + security.isUserInRole("transactions.write")
                    + " " + security.isUserInRole("reports.read") + " " + security.isUserInRole("not a scope");
        }

        @GET
        @Path("rejected")
        public String rejected() throws TokenRejectedException {
            throw new TokenRejectedException(BearerError.of(Reason.EXPIRED, "token expired"));
        }

        @GET
        @Path("unavailable")
        public String unavailable() {
            throw new VerifierUnavailableException("downstream key server timed out");
        }
    }

    @Path("/tx")
    @RequiresScope("transactions.read")
    public static class Transactions {
        @GET
        public String list() {
            return "list";
        }

        @POST
        @RequiresScope("transactions.write")
        public String create() {
            return "created";
        }

        @GET
        @Path("both")
        @RequiresScope({"transactions.read", "buyers.read"})
        public String both() {
            return "both";
        }

        @GET
        @Path("any")
        @RequiresScope(anyOf = {"reports.read", "buyers.read"})
        public String any() {
            return "any";
        }

        @GET
        @Path("public")
        @PermitAll
        public String open(@Context SecurityContext security) {
            return "public principal=" + BearerSecurity.tokenOf(security).isPresent();
        }

        @GET
        @Path("denied")
        @DenyAll
        public String denied() {
            return "denied";
        }
    }

    @Path("/open")
    @PermitAll
    public static class Open {
        @GET
        public String hello() {
            return "hello";
        }

        @GET
        @Path("reports")
        @RequiresScope("reports.read")
        public String reports() {
            return "reports";
        }
    }

    @Path("/locate")
    public static class Locator {
        @Path("{id}")
        public Sub sub() {
            return new Sub();
        }
    }

    public static class Sub {
        @GET
        @RequiresScope("reports.read")
        public String get() {
            return "sub";
        }

        @GET
        @Path("bare")
        public String bare() {
            return "bare";
        }
    }

    private Harness start(BearerguardFeature feature) {
        harness = Harness.inMemory(new ResourceConfig(Plain.class, Transactions.class, Open.class, Locator.class)
                .register(feature));
        return harness;
    }

    private Harness start() {
        return start(BearerguardFeature.withVerifier(fixture.verifier().build()).realm("payments"));
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private Response get(String path, String token) {
        var b = harness.target(path).request();
        return token == null ? b.get() : b.header("Authorization", bearer(token)).get();
    }

    // --- authentication ---------------------------------------------------------------------------

    @Test
    void unannotatedMethodWhenNoTokenThen401WithBareChallengeJsonBodyAndNoStore() {
        start();
        Response r = get("plain", null);
        assertThat(r.getStatus()).isEqualTo(401);
        assertThat(r.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer realm=\"payments\"");
        assertThat(r.getHeaderString("Cache-Control")).isEqualTo("no-store");
        assertThat(r.getMediaType().toString()).startsWith("application/json");
        assertThat(r.readEntity(String.class))
                .isEqualTo("{\"type\":\"error\",\"code\":\"unauthorized\",\"status\":401,\"message\":\"bearer token required\"}");
    }

    @Test
    void unannotatedMethodWhenValidTokenWithoutScopesThenAllowedAndPrincipalCarriesToken() {
        start();
        String token = fixture.signer.token().scopes().jti("jti-1").sign();
        Response r = get("plain", token);
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.readEntity(String.class))
                .isEqualTo("kid=" + fixture.signer.kid() + " jti=jti-1 scheme=Bearer secure=false");
    }

    @Test
    void expiredTokenThen401InvalidTokenNamingTheReason() {
        start();
        String token = fixture.signer.token().notBefore(Fixture.NOW.minus(Duration.ofHours(1))).sign();
        Response r = get("plain", token);
        assertThat(r.getStatus()).isEqualTo(401);
        assertThat(r.getHeaderString("WWW-Authenticate"))
                .isEqualTo("Bearer realm=\"payments\", error=\"invalid_token\", error_description=\"token expired\"");
        assertThat(r.readEntity(String.class)).doesNotContain(token.substring(0, 20));
    }

    @Test
    void twoAuthorizationHeadersThen400InvalidRequest() {
        start();
        Response r = harness.target("plain").request()
                .header("Authorization", bearer(fixture.token()))
                .header("Authorization", bearer(fixture.token()))
                .get();
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(r.getHeaderString("WWW-Authenticate")).contains("error=\"invalid_request\"");
    }

    @Test
    void singleUseTokenWhenPresentedTwiceThenSecondIs401Replayed() {
        start();
        String token = fixture.token("*.read");
        assertThat(get("plain", token).getStatus()).isEqualTo(200);
        Response again = get("plain", token);
        assertThat(again.getStatus()).isEqualTo(401);
        assertThat(again.getHeaderString("WWW-Authenticate")).contains("error_description=\"token was already used\"");
    }

    @Test
    void verifierUnavailableThen503WithoutChallenge() {
        start();
        fixture.replayStoreDown = true;
        Response r = get("plain", fixture.token());
        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(r.getHeaderString("WWW-Authenticate")).isNull();
        assertThat(r.getHeaderString("Cache-Control")).isEqualTo("no-store");
        assertThat(r.readEntity(String.class)).contains("\"code\":\"service_unavailable\"");
    }

    @Test
    void tokenRejectedThrownByResourceThenMappedToItsChallenge() {
        start();
        Response r = get("plain/rejected", fixture.token());
        assertThat(r.getStatus()).isEqualTo(401);
        assertThat(r.getHeaderString("WWW-Authenticate"))
                .isEqualTo("Bearer realm=\"payments\", error=\"invalid_token\", error_description=\"token expired\"");
        assertThat(r.getHeaderString("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void verifierUnavailableThrownByResourceThenMappedTo503() {
        start();
        Response r = get("plain/unavailable", fixture.token());
        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(r.readEntity(String.class)).doesNotContain("downstream");
    }

    // --- scopes and precedence --------------------------------------------------------------------

    @Test
    void classScopeWhenTokenLacksItThen403InsufficientScopeNamingIt() {
        start();
        Response r = get("tx", fixture.token("transactions.write"));
        assertThat(r.getStatus()).isEqualTo(403);
        assertThat(r.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer realm=\"payments\", "
                + "error=\"insufficient_scope\", error_description=\"the token lacks a scope this request needs\", "
                + "scope=\"transactions.read\"");
        assertThat(r.readEntity(String.class)).contains("\"code\":\"forbidden\"", "\"status\":403");
    }

    @Test
    void classScopeWhenGrantedByWildcardThenAllowed() {
        start();
        assertThat(get("tx", fixture.token("*.read")).readEntity(String.class)).isEqualTo("list");
    }

    @Test
    void methodScopeWinsOverClassScope() {
        start();
        Response writeOnly = harness.target("tx").request()
                .header("Authorization", bearer(fixture.token("transactions.write"))).post(null);
        assertThat(writeOnly.getStatus()).isEqualTo(200);
        Response readOnly = harness.target("tx").request()
                .header("Authorization", bearer(fixture.token("transactions.read"))).post(null);
        assertThat(readOnly.getStatus()).isEqualTo(403);
        assertThat(readOnly.getHeaderString("WWW-Authenticate")).endsWith("scope=\"transactions.write\"");
    }

    @Test
    void allOfWhenOneScopeMissingThen403ListingEveryNeededScope() {
        start();
        assertThat(get("tx/both", fixture.token("transactions.read", "buyers.read")).getStatus()).isEqualTo(200);
        Response r = get("tx/both", fixture.token("transactions.read"));
        assertThat(r.getStatus()).isEqualTo(403);
        assertThat(r.getHeaderString("WWW-Authenticate")).endsWith("scope=\"transactions.read buyers.read\"");
    }

    @Test
    void anyOfWhenOneScopeGrantedThenAllowedAndWhenNoneThen403() {
        start();
        assertThat(get("tx/any", fixture.token("buyers.read")).getStatus()).isEqualTo(200);
        Response r = get("tx/any", fixture.token("transactions.read"));
        assertThat(r.getStatus()).isEqualTo(403);
        assertThat(r.getHeaderString("WWW-Authenticate"))
                .contains("error_description=\"the token grants none of the scopes this request accepts\"")
                .endsWith("scope=\"reports.read buyers.read\"");
    }

    @Test
    void emptyScopesTokenOnScopedMethodThen403Not401() {
        start();
        assertThat(get("tx", fixture.signer.token().sign()).getStatus()).isEqualTo(200); // SDK default *.read, *.write
        assertThat(get("tx", fixture.signer.token().scopes().sign()).getStatus()).isEqualTo(403);
    }

    @Test
    void permitAllMethodWhenNoTokenThenAllowedWithoutPrincipal() {
        start();
        Response r = get("tx/public", null);
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.readEntity(String.class)).isEqualTo("public principal=false");
    }

    @Test
    void permitAllMethodWhenGarbageTokenThenAllowedAndTokenNotLookedAt() {
        start();
        Response r = get("tx/public", "not-a-token");
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(fixture.keyLookups).hasValue(0);
        assertThat(fixture.replayRecords).hasValue(0);
    }

    @Test
    void permitAllClassWhenMethodRequiresScopeThenMethodWins() {
        start();
        assertThat(get("open", null).getStatus()).isEqualTo(200);
        assertThat(get("open/reports", null).getStatus()).isEqualTo(401);
        assertThat(get("open/reports", fixture.token("transactions.read")).getStatus()).isEqualTo(403);
        assertThat(get("open/reports", fixture.token("reports.read")).getStatus()).isEqualTo(200);
    }

    @Test
    void denyAllMethodWhenValidTokenThen403() {
        start();
        Response r = get("tx/denied", fixture.token("*.read", "*.write"));
        assertThat(r.getStatus()).isEqualTo(403);
        assertThat(r.getHeaderString("WWW-Authenticate")).contains("error=\"insufficient_scope\"");
        assertThat(fixture.replayRecords).hasValue(0);
    }

    @Test
    void subResourceMethodReachedThroughLocatorIsGuardedByItsOwnAnnotation() {
        start();
        assertThat(get("locate/7", null).getStatus()).isEqualTo(401);
        assertThat(get("locate/7", fixture.token("transactions.read")).getStatus()).isEqualTo(403);
        assertThat(get("locate/7", fixture.token("reports.read")).readEntity(String.class)).isEqualTo("sub");
    }

    @Test
    void unannotatedSubResourceMethodStillNeedsAValidToken() {
        start();
        assertThat(get("locate/7/bare", null).getStatus()).isEqualTo(401);
        assertThat(get("locate/7/bare", fixture.token("buyers.read")).getStatus()).isEqualTo(200);
    }

    @Test
    void headRequestsAreGuardedLikeGet() {
        start();
        assertThat(harness.target("tx").request().head().getStatus()).isEqualTo(401);
        assertThat(harness.target("tx").request().header("Authorization", bearer(fixture.token("transactions.write")))
                .head().getStatus()).isEqualTo(403);
    }

    @Test
    void unknownPathWithoutTokenIs404() {
        start();
        assertThat(get("nowhere", null).getStatus()).isEqualTo(404);
    }

    // --- security context -------------------------------------------------------------------------

    @Test
    void isUserInRoleAnswersScopeQuestions() {
        start();
        assertThat(get("plain/roles", fixture.token("*.read")).readEntity(String.class))
                .isEqualTo("true false true false");
    }

    @Test
    void isUserInRoleHonoursTheKeysAccessLevel() {
        fixture = new Fixture(KeyRestrictions.UNRESTRICTED.withAccessLevel(AccessLevel.PROCESSING_ONLY));
        start();
        assertThat(get("plain/roles", fixture.token("*.read")).readEntity(String.class))
                .isEqualTo("true false false false");
    }

    // --- merchant restriction ---------------------------------------------------------------------

    @Test
    void keyRestrictedToOneMerchantWhenHeaderNamesAnotherThen403() {
        fixture = new Fixture(KeyRestrictions.merchants("merchant-1"));
        start();
        Response other = harness.target("plain").request().header("Authorization", bearer(fixture.token()))
                .header("x-gr4vy-merchant-account-id", "merchant-2").get();
        assertThat(other.getStatus()).isEqualTo(403);
        assertThat(other.getHeaderString("WWW-Authenticate"))
                .contains("error_description=\"the token's key may not act for this merchant account\"");
        Response own = harness.target("plain").request().header("Authorization", bearer(fixture.token()))
                .header("X-Gr4vy-Merchant-Account-Id", "merchant-1").get();
        assertThat(own.getStatus()).isEqualTo(200);
    }

    @Test
    void merchantHeaderSentTwiceThen400BeforeTheTokenIsVerified() {
        fixture = new Fixture(KeyRestrictions.merchants("merchant-1"));
        start();
        Response r = harness.target("plain").request().header("Authorization", bearer(fixture.token()))
                .header("x-gr4vy-merchant-account-id", "merchant-1")
                .header("x-gr4vy-merchant-account-id", "merchant-2").get();
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(r.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer realm=\"payments\", "
                + "error=\"invalid_request\", error_description=\"more than one merchant account header\"");
        assertThat(fixture.replayRecords).hasValue(0);
    }

    @Test
    void configuredMerchantHeaderIsTheOneRead() {
        fixture = new Fixture(KeyRestrictions.merchants("merchant-1"));
        start(BearerguardFeature.withVerifier(fixture.verifier().build()).merchantHeader("x-merchant"));
        Response r = harness.target("plain").request().header("Authorization", bearer(fixture.token()))
                .header("x-merchant", "merchant-2")
                .header("x-gr4vy-merchant-account-id", "merchant-1").get();
        assertThat(r.getStatus()).isEqualTo(403);
    }

    @Test
    void processingOnlyKeyOnANonProcessingResourceThen403() {
        fixture = new Fixture(KeyRestrictions.UNRESTRICTED.withAccessLevel(AccessLevel.PROCESSING_ONLY));
        start();
        assertThat(get("open/reports", fixture.token("reports.read")).getStatus()).isEqualTo(403);
        assertThat(get("tx", fixture.token("transactions.read")).getStatus()).isEqualTo(200);
    }

    @Test
    void customAuthorizerIsUsed() {
        fixture = new Fixture(KeyRestrictions.UNRESTRICTED.withAccessLevel(AccessLevel.PROCESSING_ONLY));
        start(BearerguardFeature.withVerifier(fixture.verifier().build())
                .authorizer(dev.bearerguard.core.Authorizer.withProcessingResources(Set.of("reports"))));
        assertThat(get("open/reports", fixture.token("reports.read")).getStatus()).isEqualTo(200);
        assertThat(get("tx", fixture.token("transactions.read")).getStatus()).isEqualTo(403);
    }

    // --- configuration ----------------------------------------------------------------------------

    @Test
    void realmWithAQuoteIsRefusedAtConfiguration() {
        BearerguardFeature f = BearerguardFeature.withVerifier(fixture.verifier().build());
        assertThatThrownBy(() -> f.realm("a\"b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.merchantHeader("bad header")).isInstanceOf(IllegalArgumentException.class);
        assertThat(f.realm("api").realm()).isEqualTo("api");
        assertThat(f.realm()).isEqualTo("api");
        assertThat(f.requiresHttps()).isFalse();
        assertThat(f.requireHttps().requiresHttps()).isTrue();
        assertThat(f.merchantHeader()).isEqualTo("x-gr4vy-merchant-account-id");
    }

    @Test
    void defaultRealmIsApiAsForTheServletFilter() {
        start(BearerguardFeature.withVerifier(fixture.verifier().build()));
        assertThat(get("plain", null).getHeaderString("WWW-Authenticate")).isEqualTo("Bearer realm=\"api\"");
    }

    @Test
    void emptyRealmWritesABareBearerChallenge() {
        start(BearerguardFeature.withVerifier(fixture.verifier().build()).realm(""));
        assertThat(get("plain", null).getHeaderString("WWW-Authenticate")).isEqualTo("Bearer");
    }

    // --- HTTPS ------------------------------------------------------------------------------------

    @Test
    void requireHttpsWhenPlainHttpThen400EvenOnPermitAllAndEvenWithAForwardedHeader() {
        start(BearerguardFeature.withVerifier(fixture.verifier().build()).requireHttps());
        Response r = harness.target("plain").request().header("Authorization", bearer(fixture.token()))
                .header("X-Forwarded-Proto", "https").get();
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(r.getHeaderString("WWW-Authenticate"))
                .isEqualTo("Bearer realm=\"api\", error=\"invalid_request\", error_description=\"HTTPS is required\"");
        assertThat(get("tx/public", null).getStatus()).isEqualTo(400);
        assertThat(fixture.replayRecords).hasValue(0);
    }

    @Test
    void requireHttpsBehindProxyTrustsOnlyTheLastForwardedProto() {
        start(BearerguardFeature.withVerifier(fixture.verifier().build()).requireHttpsBehindProxy());
        Response behindProxy = harness.target("plain").request().header("Authorization", bearer(fixture.token()))
                .header("X-Forwarded-Proto", "http, https").get();
        assertThat(behindProxy.getStatus()).isEqualTo(200);
        assertThat(behindProxy.readEntity(String.class)).endsWith("secure=true");
        assertThat(harness.target("plain").request().header("Authorization", bearer(fixture.token()))
                .header("X-Forwarded-Proto", "https, http").get().getStatus()).isEqualTo(400);
        assertThat(harness.target("plain").request().header("Authorization", bearer(fixture.token()))
                .get().getStatus()).isEqualTo(400);
    }
}
