package dev.bearerguard.core.http;

import dev.bearerguard.test.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.Reason;
import dev.bearerguard.core.TestKeys;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.VerifiedToken;
import dev.bearerguard.core.VerifierUnavailableException;
import dev.bearerguard.core.keys.KeyRestrictions;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.limit.RateLimit;
import dev.bearerguard.core.observe.BearerguardListener;
import dev.bearerguard.core.observe.RequestEvent;
import dev.bearerguard.core.replay.CaffeineReplayCache;
import dev.bearerguard.core.scope.ScopeRequirement;
import dev.bearerguard.test.TokenSigner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Every per-request decision, without a container: a fake request in, an answer out. */
class RequestGuardTest {

    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    final TokenSigner signer = TestKeys.signer().withClock(clock);
    final TokenSigner restricted = TokenSigner.of(TestKeys.P521_OTHER.getPrivate(), TestKeys.P521_OTHER.getPublic())
            .withClock(clock);
    final List<RequestEvent> events = new CopyOnWriteArrayList<>();
    final AtomicInteger replayCalls = new AtomicInteger();
    final CaffeineReplayCache replay = CaffeineReplayCache.create(clock, 1000);
    final TokenVerifier verifier = TokenVerifier.builder()
            .keys(KeySet.of(TrustedKey.of(TestKeys.P521.getPublic()),
                    TrustedKey.of(TestKeys.P521_OTHER.getPublic()).withRestrictions(KeyRestrictions.merchants("m-1"))))
            .clock(clock)
            .replayCache(r -> {
                replayCalls.incrementAndGet();
                if (r.jti().startsWith("down-")) {
                    throw new VerifierUnavailableException("replay store down");
                }
                if (r.jti().startsWith("bug-")) {
                    throw new IllegalStateException("bug in a seam");
                }
                return replay.record(r);
            })
            .listener(new BearerguardListener() {
                @Override
                public void requestDecided(RequestEvent event) {
                    events.add(event);
                }
            })
            .build();
    final RequestGuard guard = RequestGuard.builder(verifier).realm("test").adapter("fake").build();

    static Operation needs(String... scopes) {
        return new Operation("GET /x", Operation.Access.TOKEN, List.of(ScopeRequirement.allOf(scopes)), List.of(), Optional.empty());
    }

    /** A request: headers by lower-case name, TLS or not, attributes. */
    static final class Fake implements RequestView {
        final Map<String, List<String>> headers = new HashMap<>();
        final Map<String, Object> attributes = new HashMap<>();
        final Map<String, List<String>> params = new HashMap<>();
        boolean tls;

        Fake header(String name, String value) {
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
            return this;
        }

        Fake bearer(String token) {
            return header("Authorization", "Bearer " + token);
        }

        @Override
        public String method() {
            return "GET";
        }

        @Override
        public String path() {
            return "/x";
        }

        @Override
        public List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        @Override
        public boolean tlsConnection() {
            return tls;
        }

        @Override
        public Object attribute(String name) {
            return attributes.get(name);
        }

        @Override
        public List<String> pathParameter(String name) {
            return params.getOrDefault(name, List.of());
        }
    }

    @Test
    void checkWhenTokenGrantsTheScopeThenAllowedWithThePrincipalAndAnAcceptedEvent() {
        GuardAnswer a = guard.check(new Fake().bearer(signer.token().scopes("transactions.read").sign()),
                needs("transactions.read"));
        assertThat(a.allowed()).isTrue();
        assertThat(a.principal()).isPresent();
        assertThat(a.isUserInRole("transactions.read")).isTrue();
        assertThat(a.isUserInRole("transactions.write")).isFalse();
        assertThat(a.isUserInRole("**")).isTrue();
        assertThat(events).singleElement().extracting(RequestEvent::outcome).isEqualTo(RequestEvent.Outcome.ACCEPTED);
    }

    @Test
    void checkWhenNoCredentialsThen401WithABareChallengeAndTheJsonBody() {
        GuardAnswer a = guard.check(new Fake(), needs("transactions.read"));
        assertThat(a.kind()).isEqualTo(GuardAnswer.Kind.REFUSE);
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"test\"").containsEntry("Cache-Control", "no-store");
        assertThat(a.body()).contains("\"status\":401");
        assertThat(a.isUserInRole("**")).isFalse();
    }

    @Test
    void checkWhenScopeMissingThen403InsufficientScopeNamingIt() {
        GuardAnswer a = guard.check(new Fake().bearer(signer.token().scopes("buyers.read").sign()), needs("transactions.read"));
        assertThat(a.status()).isEqualTo(403);
        assertThat(a.headers().get("WWW-Authenticate")).contains("error=\"insufficient_scope\"", "scope=\"transactions.read\"");
        assertThat(events).singleElement().extracting(RequestEvent::reason).isEqualTo(Reason.INSUFFICIENT_SCOPE);
    }

    @Test
    void checkWhenHttpsRequiredThenOnlyATlsConnectionOrATrustedLastForwardedProtoPasses() {
        RequestGuard strict = RequestGuard.builder(verifier).requireHttps(true).build();
        Fake plain = new Fake().header("X-Forwarded-Proto", "https").bearer(signer.token().sign());
        assertThat(strict.check(plain, Operation.validToken("x")).status()).isEqualTo(400);
        assertThat(replayCalls).as("no jti was burnt").hasValue(0);
        Fake tls = new Fake().bearer(signer.token().sign());
        tls.tls = true;
        assertThat(strict.check(tls, Operation.validToken("x")).allowed()).isTrue();
        RequestGuard proxied = RequestGuard.builder(verifier).requireHttps(true).trustForwardedProto(true).build();
        assertThat(proxied.check(new Fake().header("X-Forwarded-Proto", "http, https").bearer(signer.token().sign()),
                Operation.validToken("x")).allowed()).isTrue();
    }

    @Test
    void checkWhenPublicThenNoTokenIsReadEvenAGarbageOne() {
        GuardAnswer a = guard.check(new Fake().bearer("garbage"), Operation.open("GET /health"));
        assertThat(a.allowed()).isTrue();
        assertThat(a.principal()).isEmpty();
        assertThat(events).singleElement().extracting(RequestEvent::outcome).isEqualTo(RequestEvent.Outcome.PUBLIC);
    }

    @Test
    void checkWhenNobodyThen403() {
        Operation nobody = new Operation("x", Operation.Access.NOBODY, List.of(), List.of(), Optional.empty());
        assertThat(guard.check(new Fake().bearer(signer.token().sign()), nobody).status()).isEqualTo(403);
    }

    @Test
    void checkWhenTwoMerchantHeadersThen400BeforeTheTokenIsVerified() {
        GuardAnswer a = guard.check(new Fake().header("x-gr4vy-merchant-account-id", "a")
                .header("x-gr4vy-merchant-account-id", "b").bearer(signer.token().sign()), needs());
        assertThat(a.status()).isEqualTo(400);
        assertThat(replayCalls).hasValue(0);
    }

    @Test
    void checkWhenARestrictedKeyNamesAnotherMerchantThen403AndItsOwnIsAllowed() {
        assertThat(guard.check(new Fake().header("x-gr4vy-merchant-account-id", "m-2")
                .bearer(restricted.token().sign()), needs()).error()).map(e -> e.reason()).contains(Reason.MERCHANT_NOT_ALLOWED);
        GuardAnswer ok = guard.check(new Fake().header("x-gr4vy-merchant-account-id", "m-1")
                .bearer(restricted.token().sign()), needs());
        assertThat(ok.principal().orElseThrow().merchantAccount()).contains("m-1");
    }

    @Test
    void checkWhenAnEarlierAdapterVerifiedTheTokenWithTheSameVerifierThenItIsReusedNotVerifiedAgain() {
        String token = signer.token().sign();
        GuardAnswer first = guard.check(new Fake().bearer(token), needs());
        Fake again = new Fake().bearer(token);
        again.attributes.put(RequestGuard.TOKEN_ATTRIBUTE, first.token().orElseThrow());
        assertThat(guard.check(again, needs()).allowed()).as("a single-use token, reused, not replayed").isTrue();
        assertThat(replayCalls).hasValue(1);
    }

    @Test
    void checkWhenTheEarlierTokenCameFromAnotherVerifierThenItIsJudgedAgain() throws Exception {
        TokenVerifier other = TokenVerifier.builder().keys(TestKeys.keySet()).clock(clock).build();
        VerifiedToken foreign = other.verify(signer.token().sign());
        Fake r = new Fake();
        r.attributes.put(RequestGuard.TOKEN_ATTRIBUTE, foreign);
        assertThat(guard.check(r, needs()).status()).isEqualTo(401);
    }

    @Test
    void checkWhenTheReplayStoreIsDownThen503WithoutAChallenge() {
        GuardAnswer a = guard.check(new Fake().bearer(signer.token().jti("down-1").sign()), needs());
        assertThat(a.kind()).isEqualTo(GuardAnswer.Kind.UNAVAILABLE);
        assertThat(a.status()).isEqualTo(503);
        assertThat(a.headers()).doesNotContainKey("WWW-Authenticate");
    }

    @Test
    void checkWhenASeamHasABugThen500WithoutDetail() {
        GuardAnswer a = guard.check(new Fake().bearer(signer.token().jti("bug-1").sign()), needs());
        assertThat(a.kind()).isEqualTo(GuardAnswer.Kind.FAILURE);
        assertThat(a.body()).contains("internal error").doesNotContain("bug in a seam");
    }

    @Test
    void checkWhenAClaimBindingDoesNotMatchThePathParameterThen403ClaimMismatch() {
        Operation bound = new Operation("GET /invoices/{id}", Operation.Access.TOKEN, List.of(),
                List.of(new Operation.ClaimBinding("invoice_id", "id", true)), Optional.empty());
        Fake mine = new Fake().bearer(signer.token().claim("invoice_id", "inv-1").sign());
        mine.params.put("id", List.of("inv-1"));
        assertThat(guard.check(mine, bound).allowed()).isTrue();
        Fake theirs = new Fake().bearer(signer.token().claim("invoice_id", "inv-1").sign());
        theirs.params.put("id", List.of("inv-2"));
        assertThat(guard.check(theirs, bound).error()).map(e -> e.reason()).contains(Reason.CLAIM_MISMATCH);
    }

    @Test
    void checkWhenOverTheRateLimitThen429WithRetryAfterAndNoChallenge() {
        Operation limited = new Operation("POST /tx", Operation.Access.TOKEN, List.of(), List.of(),
                Optional.of(new RateLimit(2, Duration.ofMinutes(1))));
        String embed = signer.token().scopes("embed").lifetime(Duration.ofHours(1)).sign();
        assertThat(guard.check(new Fake().bearer(embed), limited).allowed()).isTrue();
        assertThat(guard.check(new Fake().bearer(embed), limited).allowed()).isTrue();
        GuardAnswer third = guard.check(new Fake().bearer(embed), limited);
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.headers()).containsEntry("Retry-After", "30").doesNotContainKey("WWW-Authenticate");
        clock.advance(Duration.ofSeconds(30));
        assertThat(guard.check(new Fake().bearer(embed), limited).allowed()).isTrue();
        assertThat(events).extracting(RequestEvent::outcome).contains(RequestEvent.Outcome.RATE_LIMITED);
    }

    @Test
    void isUserInRoleWhenAProcessingOnlyKeyHoldsAReportsScopeThenFalseAsAuthorizationWouldSay() {
        TokenVerifier v = TokenVerifier.builder().keys(KeySet.of(TrustedKey.of(TestKeys.P521.getPublic())
                .withRestrictions(new KeyRestrictions(java.util.Set.of(), dev.bearerguard.core.keys.AccessLevel.PROCESSING_ONLY))))
                .clock(clock).build();
        GuardAnswer a = RequestGuard.builder(v).build().check(new Fake().bearer(signer.token().scopes("reports.read",
                "transactions.read").sign()), needs());
        assertThat(a.isUserInRole("reports.read")).isFalse();
        assertThat(a.isUserInRole("transactions.read")).isTrue();
    }

    @Test
    void buildWhenRealmOrHeaderIllegalOrTrustWithoutRequireThenRefused() {
        assertThatThrownBy(() -> RequestGuard.builder(verifier).realm("a\"b").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestGuard.builder(verifier).merchantHeader("x m").build())
                .hasMessageContaining("not a valid header name");
        assertThatThrownBy(() -> RequestGuard.builder(verifier).trustForwardedProto(true).build())
                .hasMessageContaining("only makes sense with require-https");
    }
}
