package dev.bearerguard.core.http;

import dev.bearerguard.test.TestRequest;
import dev.bearerguard.test.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.Authorizer;
import dev.bearerguard.core.BearerError;
import dev.bearerguard.core.Reason;
import dev.bearerguard.core.TestKeys;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.VerifiedToken;
import dev.bearerguard.core.VerifierUnavailableException;
import dev.bearerguard.core.keys.KeyRestrictions;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.limit.InMemoryRateLimiter;
import dev.bearerguard.core.limit.RateLimit;
import dev.bearerguard.core.limit.RateLimiter;
import dev.bearerguard.core.observe.BearerguardListener;
import dev.bearerguard.core.observe.RequestEvent;
import dev.bearerguard.core.replay.CaffeineReplayCache;
import dev.bearerguard.core.scope.ScopeRequirement;
import dev.bearerguard.test.TokenSigner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
                    throw new VerifierUnavailableException(VerifierUnavailableException.Kind.REPLAY_STORE, "replay store down");
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

    @Test
    void checkWhenTokenGrantsTheScopeThenAllowedWithThePrincipalAndAnAcceptedEvent() {
        GuardAnswer a = guard.check(TestRequest.get("/x").bearer(signer.token().scopes("transactions.read").sign()),
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
        GuardAnswer a = guard.check(TestRequest.get("/x"), needs("transactions.read"));
        assertThat(a.kind()).isEqualTo(GuardAnswer.Kind.REFUSE);
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"test\"").containsEntry("Cache-Control", "no-store");
        assertThat(a.body()).contains("\"status\":401");
        assertThat(a.isUserInRole("**")).isFalse();
    }

    @Test
    void checkWhenScopeMissingThen403InsufficientScopeNamingIt() {
        GuardAnswer a = guard.check(TestRequest.get("/x").bearer(signer.token().scopes("buyers.read").sign()), needs("transactions.read"));
        assertThat(a.status()).isEqualTo(403);
        assertThat(a.headers().get("WWW-Authenticate")).contains("error=\"insufficient_scope\"", "scope=\"transactions.read\"");
        assertThat(events).singleElement().extracting(RequestEvent::reason).isEqualTo(Reason.INSUFFICIENT_SCOPE);
    }

    @Test
    void checkWhenHttpsRequiredThenOnlyATlsConnectionOrATrustedLastForwardedProtoPasses() {
        RequestGuard strict = RequestGuard.builder(verifier).requireHttps(true).build();
        TestRequest plain = TestRequest.get("/x").header("X-Forwarded-Proto", "https").bearer(signer.token().sign());
        assertThat(strict.check(plain, Operation.validToken("x")).status()).isEqualTo(400);
        assertThat(replayCalls).as("no jti was burnt").hasValue(0);
        TestRequest tls = TestRequest.get("/x").bearer(signer.token().sign());
        tls.tls(true);
        assertThat(strict.check(tls, Operation.validToken("x")).allowed()).isTrue();
        RequestGuard proxied = RequestGuard.builder(verifier).requireHttps(true).trustForwardedProto(true).build();
        assertThat(proxied.check(TestRequest.get("/x").header("X-Forwarded-Proto", "http, https").bearer(signer.token().sign()),
                Operation.validToken("x")).allowed()).isTrue();
    }

    @Test
    void checkWhenPublicThenNoTokenIsReadEvenAGarbageOne() {
        GuardAnswer a = guard.check(TestRequest.get("/x").bearer("garbage"), Operation.open("GET /health"));
        assertThat(a.allowed()).isTrue();
        assertThat(a.principal()).isEmpty();
        assertThat(events).singleElement().extracting(RequestEvent::outcome).isEqualTo(RequestEvent.Outcome.PUBLIC);
    }

    @Test
    void checkWhenNobodyThen403() {
        Operation nobody = new Operation("x", Operation.Access.NOBODY, List.of(), List.of(), Optional.empty());
        assertThat(guard.check(TestRequest.get("/x").bearer(signer.token().sign()), nobody).status()).isEqualTo(403);
    }

    @Test
    void checkWhenTwoMerchantHeadersThen400BeforeTheTokenIsVerified() {
        GuardAnswer a = guard.check(TestRequest.get("/x").header("x-gr4vy-merchant-account-id", "a")
                .header("x-gr4vy-merchant-account-id", "b").bearer(signer.token().sign()), needs());
        assertThat(a.status()).isEqualTo(400);
        assertThat(replayCalls).hasValue(0);
    }

    @Test
    void checkWhenARestrictedKeyNamesAnotherMerchantThen403AndItsOwnIsAllowed() {
        assertThat(guard.check(TestRequest.get("/x").header("x-gr4vy-merchant-account-id", "m-2")
                .bearer(restricted.token().sign()), needs()).error()).map(e -> e.reason()).contains(Reason.MERCHANT_NOT_ALLOWED);
        GuardAnswer ok = guard.check(TestRequest.get("/x").header("x-gr4vy-merchant-account-id", "m-1")
                .bearer(restricted.token().sign()), needs());
        assertThat(ok.principal().orElseThrow().merchantAccount()).contains("m-1");
    }

    @Test
    void checkWhenAnEarlierAdapterVerifiedTheTokenWithTheSameVerifierThenItIsReusedNotVerifiedAgain() {
        String token = signer.token().sign();
        GuardAnswer first = guard.check(TestRequest.get("/x").bearer(token), needs());
        TestRequest again = TestRequest.get("/x").bearer(token);
        again.attribute(RequestGuard.TOKEN_ATTRIBUTE, first.token().orElseThrow());
        assertThat(guard.check(again, needs()).allowed()).as("a single-use token, reused, not replayed").isTrue();
        assertThat(replayCalls).hasValue(1);
    }

    @Test
    void checkWhenTheEarlierTokenCameFromAnotherVerifierThenItIsJudgedAgain() throws Exception {
        TokenVerifier other = TokenVerifier.builder().keys(TestKeys.keySet()).clock(clock).build();
        VerifiedToken foreign = other.verify(signer.token().sign());
        TestRequest r = TestRequest.get("/x");
        r.attribute(RequestGuard.TOKEN_ATTRIBUTE, foreign);
        assertThat(guard.check(r, needs()).status()).isEqualTo(401);
    }

    @Test
    void checkWhenTheReplayStoreIsDownThen503WithoutAChallenge() {
        GuardAnswer a = guard.check(TestRequest.get("/x").bearer(signer.token().jti("down-1").sign()), needs());
        assertThat(a.kind()).isEqualTo(GuardAnswer.Kind.UNAVAILABLE);
        assertThat(a.status()).isEqualTo(503);
        assertThat(a.headers()).doesNotContainKey("WWW-Authenticate");
    }

    @Test
    void checkWhenASeamHasABugThen500WithoutDetail() {
        GuardAnswer a = guard.check(TestRequest.get("/x").bearer(signer.token().jti("bug-1").sign()), needs());
        assertThat(a.kind()).isEqualTo(GuardAnswer.Kind.FAILURE);
        assertThat(a.body()).contains("internal error").doesNotContain("bug in a seam");
    }

    @Test
    void checkWhenAClaimBindingDoesNotMatchThePathParameterThen403ClaimMismatch() {
        Operation bound = new Operation("GET /invoices/{id}", Operation.Access.TOKEN, List.of(),
                List.of(new Operation.ClaimBinding("invoice_id", "id", true)), Optional.empty());
        TestRequest mine = TestRequest.get("/x").bearer(signer.token().claim("invoice_id", "inv-1").sign());
        mine.pathParameter("id", "inv-1");
        assertThat(guard.check(mine, bound).allowed()).isTrue();
        TestRequest theirs = TestRequest.get("/x").bearer(signer.token().claim("invoice_id", "inv-1").sign());
        theirs.pathParameter("id", "inv-2");
        assertThat(guard.check(theirs, bound).error()).map(e -> e.reason()).contains(Reason.CLAIM_MISMATCH);
    }

    @Test
    void checkWhenOverTheRateLimitThen429WithRetryAfterAndNoChallenge() {
        Operation limited = new Operation("POST /tx", Operation.Access.TOKEN, List.of(), List.of(),
                Optional.of(new RateLimit(2, Duration.ofMinutes(1))));
        String embed = signer.token().scopes("embed").lifetime(Duration.ofHours(1)).sign();
        assertThat(guard.check(TestRequest.get("/x").bearer(embed), limited).allowed()).isTrue();
        assertThat(guard.check(TestRequest.get("/x").bearer(embed), limited).allowed()).isTrue();
        GuardAnswer third = guard.check(TestRequest.get("/x").bearer(embed), limited);
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.headers()).containsEntry("Retry-After", "30").doesNotContainKey("WWW-Authenticate");
        clock.advance(Duration.ofSeconds(30));
        assertThat(guard.check(TestRequest.get("/x").bearer(embed), limited).allowed()).isTrue();
        assertThat(events).extracting(RequestEvent::outcome).contains(RequestEvent.Outcome.RATE_LIMITED);
    }

    @Test
    void isUserInRoleWhenAProcessingOnlyKeyHoldsAReportsScopeThenFalseAsAuthorizationWouldSay() {
        TokenVerifier v = TokenVerifier.builder().keys(KeySet.of(TrustedKey.of(TestKeys.P521.getPublic())
                .withRestrictions(new KeyRestrictions(java.util.Set.of(), dev.bearerguard.core.keys.AccessLevel.PROCESSING_ONLY))))
                .clock(clock).build();
        GuardAnswer a = RequestGuard.builder(v).build().check(TestRequest.get("/x").bearer(signer.token().scopes("reports.read",
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

    /** The audit lines of {@code run}, captured from the JDK logger behind {@link RequestGuard#AUDIT_LOGGER}. */
    static List<java.util.logging.LogRecord> audit(Runnable run) {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(RequestGuard.AUDIT_LOGGER);
        List<java.util.logging.LogRecord> lines = new CopyOnWriteArrayList<>();
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                lines.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Level before = log.getLevel();
        log.setLevel(java.util.logging.Level.ALL);
        log.addHandler(h);
        try {
            run.run();
        } finally {
            log.removeHandler(h);
            log.setLevel(before);
        }
        return lines;
    }

    /** An audit line as its name=value pairs, in order ({@code detail} runs to the end). */
    static Map<String, String> parse(String line) {
        assertThat(line).startsWith("bearerguard: ");
        String rest = line.substring("bearerguard: ".length());
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        int detail = rest.indexOf(" detail=");
        if (detail >= 0) {
            fields.putAll(parse("bearerguard: " + rest.substring(0, detail)));
            fields.put("detail", rest.substring(detail + " detail=".length()));
            return fields;
        }
        for (String pair : rest.split(" ")) {
            int eq = pair.indexOf('=');
            assertThat(eq).as(pair).isPositive();
            fields.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return fields;
    }

    @Test
    void auditWhenRefusedUnavailableAndRateLimitedThenOneLineEachWithTheStableFieldsAndNoToken() {
        RequestGuard info = guard.toBuilder().auditLevel(System.Logger.Level.INFO).build();
        String expired = signer.withClock(java.time.Clock.fixed(clock.instant().minusSeconds(7200), java.time.ZoneOffset.UTC))
                .token().jti("j-expired").issuer("https://issuer.example").lifetime(Duration.ofHours(1)).sign();
        String down = signer.token().jti("down-2").sign();
        Operation limited = new Operation("POST /tx", Operation.Access.TOKEN, List.of(), List.of(),
                Optional.of(dev.bearerguard.core.limit.RateLimit.parse("1/1m")));
        String fast = signer.token().scopes("embed").lifetime(Duration.ofHours(1)).sign();
        List<java.util.logging.LogRecord> lines = audit(() -> {
            info.check(TestRequest.get("/x").bearer(expired), needs());
            info.check(TestRequest.get("/x").bearer(down), needs());
            info.check(TestRequest.get("/x").bearer(fast), limited);
            info.check(TestRequest.get("/x").bearer(fast), limited);
            info.check(TestRequest.get("/x").bearer(signer.token().sign()), needs()); // accepted: no line
        });
        assertThat(lines).hasSize(3);
        Map<String, String> refused = parse(lines.get(0).getMessage());
        assertThat(List.copyOf(refused.keySet())).isEqualTo(RequestGuard.AUDIT_FIELDS);
        assertThat(refused).containsEntry("event", "refused").containsEntry("status", "401")
                .containsEntry("reason", "expired").containsEntry("kid", signer.kid()).containsEntry("jti", "j-expired")
                .containsEntry("iss", "https://issuer.example").containsEntry("adapter", "fake")
                .containsEntry("method", "GET").containsEntry("path", "/x");
        assertThat(lines.get(0).getLevel()).isEqualTo(java.util.logging.Level.INFO);
        Map<String, String> unavailable = parse(lines.get(1).getMessage());
        assertThat(unavailable).containsEntry("event", "unavailable").containsEntry("status", "503")
                .containsEntry("reason", "replay_store").containsEntry("kid", "-").containsEntry("detail", "replay store down");
        assertThat(lines.get(1).getLevel()).isEqualTo(java.util.logging.Level.WARNING);
        assertThat(parse(lines.get(2).getMessage())).containsEntry("event", "rate_limited").containsEntry("status", "429")
                .containsEntry("reason", "rate_limited");
        for (java.util.logging.LogRecord r : lines) {
            for (String token : List.of(expired, down, fast)) {
                assertThat(r.getMessage()).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
            }
        }
        assertThat(events).filteredOn(e -> e.outcome() == RequestEvent.Outcome.UNAVAILABLE)
                .extracting(RequestEvent::unavailable).containsExactly(VerifierUnavailableException.Kind.REPLAY_STORE);
    }

    @Test
    void auditWhenTheLevelIsOffThenNoRefusalLineButOutagesStillLogged() {
        RequestGuard off = guard.toBuilder().auditLevel(RequestGuard.parseAuditLevel("off")).build();
        List<java.util.logging.LogRecord> lines = audit(() -> {
            off.check(TestRequest.get("/x"), needs());
            off.check(TestRequest.get("/x").bearer(signer.token().jti("down-3").sign()), needs());
        });
        assertThat(lines).extracting(java.util.logging.LogRecord::getMessage).singleElement()
                .asString().contains("event=unavailable");
    }

    @Test
    void parseAuditLevelWhenKnownNameInAnyCaseThenTheLevelElseRefusedNamingTheChoices() {
        assertThat(RequestGuard.parseAuditLevel("INFO")).isEqualTo(System.Logger.Level.INFO);
        assertThat(RequestGuard.parseAuditLevel(" warn ")).isEqualTo(System.Logger.Level.WARNING);
        assertThat(RequestGuard.parseAuditLevel("debug")).isEqualTo(System.Logger.Level.DEBUG);
        assertThat(RequestGuard.parseAuditLevel("Trace")).isEqualTo(System.Logger.Level.TRACE);
        assertThat(RequestGuard.parseAuditLevel("warning")).isEqualTo(System.Logger.Level.WARNING);
        assertThat(RequestGuard.parseAuditLevel("error")).isEqualTo(System.Logger.Level.ERROR);
        assertThat(RequestGuard.parseAuditLevel("off")).isEqualTo(System.Logger.Level.OFF);
        assertThat(guard.auditLevel()).as("the default").isEqualTo(System.Logger.Level.DEBUG);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RequestGuard.parseAuditLevel("loud"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("off, trace, debug, info, warning, error");
    }

    // ---------------------------------------------------------------- seams, accessors, helpers

    @Test
    void builderWhenSetThenTheAccessorsAnswerWhatWasSet() {
        RateLimiter limiter = InMemoryRateLimiter.create(clock);
        Authorizer authorizer = Authorizer.defaults();
        RequestGuard g = RequestGuard.builder(verifier).realm("payments").merchantHeader("x-merchant")
                .requireHttps(true).trustForwardedProto(true).authorizer(authorizer).rateLimiter(limiter)
                .adapter("servlet").build();
        assertThat(g.verifier()).isSameAs(verifier);
        assertThat(g.authorizer()).isSameAs(authorizer);
        assertThat(g.realm()).isEqualTo("payments");
        assertThat(g.merchantHeader()).isEqualTo("x-merchant");
        assertThat(g.requireHttps()).isTrue();
        assertThat(g.trustForwardedProto()).isTrue();
        assertThat(g.rateLimiter()).isSameAs(limiter);
        assertThat(g.adapter()).isEqualTo("servlet");
        RequestGuard d = RequestGuard.builder(verifier).build();
        assertThat(d.requireHttps()).isFalse();
        assertThat(d.trustForwardedProto()).isFalse();
        assertThat(d.realm()).isEqualTo(RequestGuard.DEFAULT_REALM);
        assertThat(d.merchantHeader()).isEqualTo(RequestGuard.DEFAULT_MERCHANT_HEADER);
    }

    @Test
    void isHeaderNameWhenRfc9110TokenThenTrueAndOtherwiseFalse() {
        assertThat(RequestGuard.isHeaderName("x-gr4vy-merchant-account-id")).isTrue();
        assertThat(RequestGuard.isHeaderName("AZaz09!#$%&'*+-.^_`|~")).isTrue();
        for (String bad : new String[] {null, "", "a b", "a:b", "a\u00e9", "a/b", "a@b", "a[b", "a{b", "a\"b", "\u0000"}) {
            assertThat(RequestGuard.isHeaderName(bad)).as("%s", bad).isFalse();
        }
        // the ends of each character range, and their neighbours
        for (char ok : new char[] {'a', 'z', 'A', 'Z', '0', '9'}) {
            assertThat(RequestGuard.isHeaderName("x" + ok)).as("%s", ok).isTrue();
        }
        for (char bad : new char[] {'@', '[', '{', '/', ':'}) {
            assertThat(RequestGuard.isHeaderName("x" + bad)).as("%s", bad).isFalse();
        }
    }

    @Test
    void publicOperationWhenAnotherAdapterVerifiedTheTokenThenItStaysAvailableUnlessTwoMerchantHeaders() {
        String token = signer.token().scopes("transactions.read").sign();
        VerifiedToken t = guard.check(TestRequest.get("/x").bearer(token), needs()).token().orElseThrow();
        GuardAnswer one = guard.check(TestRequest.get("/health").attribute(RequestGuard.TOKEN_ATTRIBUTE, t)
                .header("x-gr4vy-merchant-account-id", "m-9"), Operation.open("GET /health"));
        assertThat(one.allowed()).isTrue();
        assertThat(one.token()).contains(t);
        assertThat(one.principal().orElseThrow().merchantAccount()).contains("m-9");
        GuardAnswer none = guard.check(TestRequest.get("/health").attribute(RequestGuard.TOKEN_ATTRIBUTE, t),
                Operation.open("GET /health"));
        assertThat(none.token()).contains(t);
        GuardAnswer two = guard.check(TestRequest.get("/health").attribute(RequestGuard.TOKEN_ATTRIBUTE, t)
                .header("x-gr4vy-merchant-account-id", "a").header("x-gr4vy-merchant-account-id", "b"),
                Operation.open("GET /health"));
        assertThat(two.allowed()).isTrue();
        assertThat(two.token()).isEmpty();
    }

    @Test
    void rateLimitWhenTheStoreIsDownThen503AndWhenItBreaksThen500() {
        Operation limited = new Operation("POST /x", Operation.Access.TOKEN, List.of(), List.of(),
                Optional.of(RateLimit.parse("5/1m")));
        RequestGuard down = RequestGuard.builder(verifier).rateLimiter((key, limit) -> {
            throw new VerifierUnavailableException(VerifierUnavailableException.Kind.RATE_LIMIT_STORE, "limiter down");
        }).build();
        GuardAnswer a = down.check(TestRequest.get("/x").bearer(signer.token().sign()), limited);
        assertThat(a.kind()).isEqualTo(GuardAnswer.Kind.UNAVAILABLE);
        assertThat(a.status()).isEqualTo(503);
        RequestGuard broken = RequestGuard.builder(verifier).rateLimiter((key, limit) -> {
            throw new IllegalStateException("bug");
        }).build();
        GuardAnswer b = broken.check(TestRequest.get("/x").bearer(signer.token().sign()), limited);
        assertThat(b.kind()).isEqualTo(GuardAnswer.Kind.FAILURE);
        assertThat(b.status()).isEqualTo(500);
        assertThat(b.body()).doesNotContain("bug");
    }

    @Test
    void rateLimitWhenOverThen429WithRetryAfterAndNoStore() {
        Operation limited = new Operation("POST /x", Operation.Access.TOKEN, List.of(), List.of(),
                Optional.of(RateLimit.parse("1/1m")));
        String embed = signer.token().scopes("embed").sign();
        assertThat(guard.check(TestRequest.get("/x").bearer(embed), limited).allowed()).isTrue();
        GuardAnswer over = guard.check(TestRequest.get("/x").bearer(embed), limited);
        assertThat(over.kind()).isEqualTo(GuardAnswer.Kind.RATE_LIMITED);
        assertThat(over.status()).isEqualTo(429);
        assertThat(over.headers()).containsEntry("Cache-Control", "no-store").containsEntry("Retry-After", "60");
    }

    @Test
    void refusalAndUnavailableWhenRaisedByTheApplicationThenTheGuardsAnswers() {
        BearerError e = BearerError.of(Reason.INSUFFICIENT_SCOPE, "pinned amount changed");
        for (GuardAnswer a : List.of(guard.refusal(TestRequest.get("/x"), e), guard.refusal(e))) {
            assertThat(a.kind()).isEqualTo(GuardAnswer.Kind.REFUSE);
            assertThat(a.status()).isEqualTo(403);
            assertThat(a.headers().get("WWW-Authenticate")).startsWith("Bearer realm=\"test\"");
            assertThat(a.headers()).containsEntry("Cache-Control", "no-store");
        }
        GuardAnswer u = guard.unavailable(new VerifierUnavailableException(VerifierUnavailableException.Kind.REPLAY_STORE, "down"));
        assertThat(u.kind()).isEqualTo(GuardAnswer.Kind.UNAVAILABLE);
        assertThat(u.status()).isEqualTo(503);
        assertThat(u.headers()).containsEntry("Cache-Control", "no-store");
    }
}
