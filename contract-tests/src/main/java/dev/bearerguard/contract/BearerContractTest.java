package dev.bearerguard.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.core.BearerChallenge;
import dev.bearerguard.core.BearerError;
import dev.bearerguard.core.BearerHeader;
import dev.bearerguard.core.Reason;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.VerifierUnavailableException;
import dev.bearerguard.core.keys.KeyRestrictions;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.limit.RateLimit;
import dev.bearerguard.core.limit.RateLimitExceeded;
import dev.bearerguard.core.replay.CaffeineReplayCache;
import dev.bearerguard.core.replay.ReplayCache;
import dev.bearerguard.test.PemKeys;
import dev.bearerguard.test.TokenSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The HTTP contract every Bearerguard adapter passes, case for case (in the manner of Dropwizard's
 * {@code AuthBaseTest}). It sends real HTTP requests ({@code java.net.http}) to a server the
 * subclass starts, and checks the status, the {@code WWW-Authenticate} challenge (exactly what
 * {@link BearerChallenge#format} makes), the JSON body (exactly what {@link BearerHeader#errorBody}
 * makes) and {@code Cache-Control: no-store} of every answer.
 *
 * <h2>What a subclass must do</h2>
 * Implement {@link #startServer(TokenVerifier)} and {@link #stopServer()}. The server it starts
 * must:
 * <ol>
 *   <li>verify tokens with the given {@link TokenVerifier} and no other (the base class built it
 *       with a fixed clock at {@link #NOW}, the keys its signers use, a {@link
 *       CaffeineReplayCache} and a {@code maxTokenSize} of {@link #MAX_TOKEN_SIZE});</li>
 *   <li>use the realm {@link #REALM} and the default merchant header {@link #MERCHANT_HEADER};</li>
 *   <li>protect six resources under the returned base URI:
 *     <ul>
 *       <li>{@code GET  /contract/read}: needs scope {@code transactions.read};</li>
 *       <li>{@code POST /contract/write}: needs scope {@code transactions.write};</li>
 *       <li>{@code GET  /contract/open}: needs only a valid token;</li>
 *       <li>{@code GET  /contract/embed}: needs any of {@code transactions.read}, {@code embed}
 *           (an operation that lists {@code embed} as an accepted alternative);</li>
 *       <li>{@code POST /contract/limited}: needs any of {@code transactions.write}, {@code embed},
 *           and allows each token {@link #RATE_LIMIT} (3 requests a minute): {@code
 *           transactions.write|embed rate-limit=3/1m} in {@code scope-rules}, {@code
 *           @RequiresScope(anyOf = {"transactions.write", "embed"}) @RateLimited(requests = 3, per =
 *           "1m")} in JAX-RS;</li>
 *     </ul>
 *     each answering {@code 200} with a {@code text/plain} body that is exactly the {@code jti} of
 *     the verified token <em>as the adapter hands it to the application</em> (request attribute,
 *     principal, injected parameter …), so the test sees that the token reached the resource;
 *     {@code HEAD} and {@code OPTIONS} on them are left to the runtime's own answers (no {@code
 *     doOptions} or {@code @OPTIONS} of the application's), which the adapter must guard as it
 *     guards {@code GET} and an unannotated method;</li>
 *   <li>{@code GET /contract/roles}: needs only a valid token, and answers {@code 200} with a {@code
 *       text/plain} body that is the adapter's {@code isUserInRole} (servlet request or JAX-RS
 *       {@code SecurityContext}) for each of {@link #ROLES}, as {@code role=true} or {@code
 *       role=false}, joined by commas;</li>
 *   <li>and {@code GET /contract/merchant}: needs any of {@code transactions.read}, {@code embed},
 *       and answers {@code 200} with a {@code text/plain} body that is exactly the merchant account
 *       the adapter says the request acts for ({@code BearerPrincipal.merchantAccount()}: the
 *       merchant header's value, else the token's {@code embed.merchant_account_id}), or {@code -}
 *       when there is none;</li>
 *   <li>answer {@code 500} with a JSON error body and no stack trace when verification throws an
 *       unexpected {@code RuntimeException}, and {@code 503} with a JSON error body (and no
 *       challenge) when it throws {@link VerifierUnavailableException}.</li>
 * </ol>
 * The returned URI is the prefix the paths above are appended to (e.g. {@code
 * http://127.0.0.1:41234/app}); a trailing slash is ignored. The server is started once per test
 * class ({@link TestInstance.Lifecycle#PER_CLASS}) and every test uses fresh tokens.
 *
 * <p>Hooks built into the verifier let the base class provoke server-side failures without the
 * subclass's help: a token whose {@code jti} starts with {@link #UNAVAILABLE_JTI_PREFIX} makes the
 * replay cache throw {@link VerifierUnavailableException}; one starting with {@link
 * #BROKEN_JTI_PREFIX} makes it throw an {@link IllegalStateException}.
 *
 * <p>Adapter-specific behaviour (configuration, HTTPS enforcement, start-up failures) is tested by
 * each adapter's own tests, not here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class BearerContractTest {

    /** The instant the verifier's and the signers' clocks stand still at. */
    public static final Instant NOW = Instant.parse("2030-01-15T12:00:00Z");
    /** The realm the subclass's adapter must be configured with. */
    public static final String REALM = "contract";
    /** The merchant header the adapter must read (the contract's default). */
    public static final String MERCHANT_HEADER = "x-gr4vy-merchant-account-id";
    /**
     * The roles {@code GET /contract/roles} asks {@code isUserInRole} about, in this order; it
     * answers {@code role=true|false} for each, joined by commas.
     */
    public static final java.util.List<String> ROLES = java.util.List.of("transactions.read", "transactions.write",
            "*.read", "embed", "transactions.write|embed", "buyers.billing-details.read", "**");

    /** The only merchant account {@link #merchantSigner}'s key may act for. */
    public static final String RESTRICTED_MERCHANT = "merchant-a";
    /** The verifier's maximum token size, small enough to stay under every container's header limit. */
    public static final int MAX_TOKEN_SIZE = 4096;
    /** The per-token limit of {@code POST /contract/limited}: 3 requests a minute. */
    public static final RateLimit RATE_LIMIT = new RateLimit(3, Duration.ofMinutes(1));
    /** A {@code jti} with this prefix makes the replay cache throw {@link VerifierUnavailableException}. */
    public static final String UNAVAILABLE_JTI_PREFIX = "unavailable-";
    /** A {@code jti} with this prefix makes the replay cache throw an {@link IllegalStateException}. */
    public static final String BROKEN_JTI_PREFIX = "broken-";

    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** Signs with the main, unrestricted key. */
    protected final TokenSigner signer;
    /** Signs with a trusted key restricted to {@link #RESTRICTED_MERCHANT}. */
    protected final TokenSigner merchantSigner;
    /** Signs with an untrusted key under the main key's {@code kid}: its signatures do not verify. */
    protected final TokenSigner forger;
    /** The verifier handed to {@link #startServer(TokenVerifier)}. */
    protected final TokenVerifier verifier;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private URI base;

    protected BearerContractTest() {
        KeyPair main = PemKeys.generateP521();
        KeyPair restricted = PemKeys.generateP521();
        KeyPair stranger = PemKeys.generateP521();
        signer = TokenSigner.of(main.getPrivate(), main.getPublic()).withClock(CLOCK);
        merchantSigner = TokenSigner.of(restricted.getPrivate(), restricted.getPublic()).withClock(CLOCK);
        forger = TokenSigner.of(stranger.getPrivate(), main.getPublic()).withClock(CLOCK);
        KeySet keys = KeySet.of(TrustedKey.of(main.getPublic()),
                TrustedKey.of(restricted.getPublic()).withRestrictions(KeyRestrictions.merchants(RESTRICTED_MERCHANT)));
        ReplayCache real = CaffeineReplayCache.create(CLOCK, 100_000);
        ReplayCache hooked = record -> {
            String jti = record.jti();
            if (jti.startsWith(UNAVAILABLE_JTI_PREFIX)) {
                throw new VerifierUnavailableException("replay store unreachable (contract test)");
            }
            if (jti.startsWith(BROKEN_JTI_PREFIX)) {
                throw new IllegalStateException("simulated bug in the replay cache (contract test)");
            }
            return real.record(record);
        };
        verifier = TokenVerifier.builder()
                .keys(keys)
                .clock(CLOCK)
                .maxTokenSize(MAX_TOKEN_SIZE)
                .replayCache(hooked)
                .build();
    }

    /**
     * Starts the server under test (see the class documentation for what it must serve).
     *
     * @param verifier the verifier the adapter must use
     * @return the base URI the {@code /contract/…} paths are appended to
     * @throws Exception if the server cannot start (the test class then fails)
     */
    protected abstract URI startServer(TokenVerifier verifier) throws Exception;

    /**
     * Stops the server started by {@link #startServer(TokenVerifier)}.
     *
     * @throws Exception if it cannot stop
     */
    protected abstract void stopServer() throws Exception;

    @BeforeAll
    final void startContractServer() throws Exception {
        URI uri = startServer(verifier);
        String s = uri.toString();
        base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    @AfterAll
    final void stopContractServer() throws Exception {
        stopServer();
    }

    // ---------------------------------------------------------------- no or broken credentials

    @Test
    void respondsToMissingCredentialsWith401AndABareChallenge() throws Exception {
        HttpResponse<String> r = send(get("/contract/read"));
        assertRefused(r, BearerError.of(Reason.NO_CREDENTIALS, ""), null);
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"" + REALM + "\"");
    }

    @Test
    void respondsToAnotherSchemeWith401AndABareChallenge() throws Exception {
        HttpResponse<String> r = send(get("/contract/open").header("Authorization", "Basic dXNlcjpwYXNz"));
        assertRefused(r, BearerError.of(Reason.NO_CREDENTIALS, ""), null);
    }

    @Test
    void respondsToASchemeWithoutATokenWith400() throws Exception {
        HttpResponse<String> r = send(get("/contract/open").header("Authorization", "Bearer"));
        assertRefused(r, BearerError.of(Reason.INVALID_REQUEST, "Authorization header carries no token"), null);
    }

    @Test
    void respondsToTwoAuthorizationHeadersWith400() throws Exception {
        String token = signer.token().sign();
        HttpResponse<String> r = send(get("/contract/open")
                .header("Authorization", "Bearer " + token)
                .header("Authorization", "Bearer " + token));
        assertRefused(r, BearerError.of(Reason.INVALID_REQUEST, "more than one Authorization header"), token);
    }

    @Test
    void respondsToTwoTokensInOneHeaderWith400() throws Exception {
        String token = signer.token().sign();
        HttpResponse<String> r = send(get("/contract/open").header("Authorization", "Bearer " + token + " " + token));
        assertRefused(r, BearerError.of(Reason.INVALID_REQUEST,
                "Authorization header holds more than one token or illegal characters"), token);
    }

    @Test
    void ignoresATokenInTheQueryString() throws Exception {
        String token = signer.token().sign();
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/contract/open?access_token=" + token)).GET());
        assertRefused(r, BearerError.of(Reason.NO_CREDENTIALS, ""), token);
    }

    @Test
    void ignoresATokenInAFormBody() throws Exception {
        String token = signer.token().scopes("transactions.write").sign();
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/contract/write"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("access_token=" + token)));
        assertRefused(r, BearerError.of(Reason.NO_CREDENTIALS, ""), token);
    }

    // ---------------------------------------------------------------- refused tokens (401)

    @Test
    void respondsToAMalformedTokenWith401() throws Exception {
        assertRefused(send(bearer("/contract/open", "not-a-jwt")),
                BearerError.of(Reason.MALFORMED, "token is not three dot-separated segments"), null);
    }

    @Test
    void respondsToANumberTheParserCannotHoldWith401Malformed() throws Exception {
        // Issue 11, defect 1: a header number whose exponent is past int range was a 500 (no kid needed).
        String token = "eyJhbGciOiJFUzUxMiIsInR5cCI6IkpXVCIsImtpZCI6IngiLCJuIjoxZTk5OTk5OTk5OTk5fQ.e30.AAAA";
        assertRefused(send(bearer("/contract/open", token)), BearerError.of(Reason.MALFORMED,
                "header is not a strict JSON object (JSON number exponent out of range)"), token);
    }

    @Test
    void respondsToAnExpiredTokenWith401() throws Exception {
        String token = signer.token().notBefore(NOW.minus(Duration.ofHours(1))).lifetime(Duration.ofMinutes(1)).sign();
        assertRefused(send(bearer("/contract/open", token)), BearerError.of(Reason.EXPIRED, "token expired"), token);
    }

    @Test
    void respondsToATokenNotYetValidWith401() throws Exception {
        String token = signer.token().notBefore(NOW.plus(Duration.ofHours(1))).sign();
        assertRefused(send(bearer("/contract/open", token)),
                BearerError.of(Reason.NOT_YET_VALID, "token is not yet valid"), token);
    }

    @Test
    void respondsToABadSignatureWith401() throws Exception {
        String token = forger.token().sign();
        assertRefused(send(bearer("/contract/open", token)),
                BearerError.of(Reason.BAD_SIGNATURE, "signature does not verify"), token);
    }

    @Test
    void respondsToAnUnknownKidWith401() throws Exception {
        String token = signer.withKid("no-such-key").token().sign();
        assertRefused(send(bearer("/contract/open", token)), BearerError.of(Reason.UNKNOWN_KEY, "unknown kid"), token);
    }

    @Test
    void respondsToAReplayedTokenWith401() throws Exception {
        String token = signer.token().sign();
        assertAccepted(send(bearer("/contract/open", token)), token);
        assertRefused(send(bearer("/contract/open", token)),
                BearerError.of(Reason.REPLAYED, "token was already used"), token);
    }

    @Test
    void respondsToATooLargeTokenWith401() throws Exception {
        String token = signer.token().claim("padding", "x".repeat(MAX_TOKEN_SIZE)).sign();
        assertThat(token.length()).isGreaterThan(MAX_TOKEN_SIZE);
        assertRefused(send(bearer("/contract/open", token)),
                BearerError.of(Reason.TOO_LARGE, "token is longer than " + MAX_TOKEN_SIZE + " characters"), token);
    }

    @Test
    void respondsToMillisecondTimestampsWith401() throws Exception {
        long ms = NOW.toEpochMilli();
        String token = signer.token().claim("nbf", ms).claim("iat", ms).claim("exp", ms + 60_000).sign();
        assertRefused(send(bearer("/contract/open", token)), BearerError.of(Reason.TIMESTAMP_IN_MILLISECONDS,
                "exp claim looks like milliseconds; NumericDate is seconds"), token);
    }

    // ---------------------------------------------------------------- scopes (403) and success

    @Test
    void respondsToAMissingScopeWith403AndTheNeededScope() throws Exception {
        String token = signer.token().scopes("transactions.write").sign();
        HttpResponse<String> r = send(bearer("/contract/read", token));
        assertRefused(r, new BearerError(Reason.INSUFFICIENT_SCOPE, "the token lacks a scope this request needs",
                List.of("transactions.read")), token);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("scope=\"transactions.read\"");
    }

    @Test
    void respondsToEmptyScopesOnAScopedResourceWith403() throws Exception {
        String token = signer.token().scopes().sign();
        assertRefused(send(bearer("/contract/read", token)), new BearerError(Reason.INSUFFICIENT_SCOPE,
                "the token lacks a scope this request needs", List.of("transactions.read")), token);
    }

    @Test
    void passesATokenWithTheNeededScopeAndHandsItToTheResource() throws Exception {
        String token = signer.token().scopes("transactions.read").jti("read-ok-1").sign();
        HttpResponse<String> r = send(bearer("/contract/read", token));
        assertAccepted(r, token);
        assertThat(r.body()).isEqualTo("read-ok-1");
    }

    @Test
    void passesAWriteWithAWildcardWriteScope() throws Exception {
        String token = signer.token().scopes("*.write").sign();
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/contract/write"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertAccepted(r, token);
    }

    @Test
    void passesAnyValidTokenToAnOpenResource() throws Exception {
        String token = signer.token().scopes().sign();
        assertAccepted(send(bearer("/contract/open", token)), token);
    }

    @Test
    void acceptsTheSchemeInAnyCase() throws Exception {
        String token = signer.token().sign();
        assertAccepted(send(get("/contract/open").header("Authorization", "bEaReR " + token)), token);
    }

    @Test
    void acceptsAnEmbedTokenAgainUntilItExpires() throws Exception {
        String token = signer.token().scopes("embed").sign();
        assertAccepted(send(bearer("/contract/embed", token)), token);
        assertAccepted(send(bearer("/contract/embed", token)), token);
    }

    // ---------------------------------------------------------------- embed tokens (least privilege)

    @Test
    void respondsToAnEmbedTokenOnARouteThatDoesNotListEmbedWith403() throws Exception {
        String token = signer.token().scopes("embed").sign();
        assertRefused(send(bearer("/contract/read", token)), new BearerError(Reason.INSUFFICIENT_SCOPE,
                "the token lacks a scope this request needs", List.of("transactions.read")), token);
        assertRefused(send(bearer("/contract/write", token).POST(HttpRequest.BodyPublishers.ofString("{}"))),
                new BearerError(Reason.INSUFFICIENT_SCOPE, "the token lacks a scope this request needs",
                        List.of("transactions.write")), token);
    }

    @Test
    void respondsToAWildcardTokenOnAnEmbedOnlyAlternativeAsItsOtherScopesSay() throws Exception {
        String token = signer.token().scopes("*.write").sign();
        assertRefused(send(bearer("/contract/embed", token)), new BearerError(Reason.INSUFFICIENT_SCOPE,
                "the token grants none of the scopes this request accepts", List.of("transactions.read", "embed")),
                token);
    }

    @Test
    void passesAnEmbedTokenOnARouteThatListsEmbed() throws Exception {
        String token = signer.token().scopes("embed").jti("embed-ok-1").sign();
        HttpResponse<String> r = send(bearer("/contract/embed", token));
        assertAccepted(r, token);
        assertThat(r.body()).isEqualTo("embed-ok-1");
    }

    @Test
    void passesTheOtherAlternativeOfAnAnyOfRoute() throws Exception {
        String token = signer.token().scopes("transactions.read").sign();
        assertAccepted(send(bearer("/contract/embed", token)), token);
    }

    // ---------------------------------------------------------------- one role rule

    /** What {@code /contract/roles} must answer, from expected values in {@link #ROLES} order. */
    private static String roles(boolean... granted) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ROLES.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(ROLES.get(i)).append('=').append(granted[i]);
        }
        return sb.toString();
    }

    @Test
    void isUserInRoleWhenAnEmbedTokenThenOnlyEmbedAndTheAlternativeNamingItAndAnyAuthenticatedUser() throws Exception {
        String token = signer.token().scopes("embed").lifetime(Duration.ofHours(1)).sign();
        HttpResponse<String> r = send(bearer("/contract/roles", token));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(roles(false, false, false, true, true, false, true));
    }

    @Test
    void isUserInRoleWhenWildcardReadThenEveryReadButNoWriteAndNeverEmbed() throws Exception {
        String token = signer.token().scopes("*.read").sign();
        assertThat(send(bearer("/contract/roles", token)).body()).isEqualTo(roles(true, false, true, false, false, true, true));
    }

    @Test
    void isUserInRoleWhenARestrictedKeyNamesItsMerchantThenItsScopesCount() throws Exception {
        String token = merchantSigner.token().scopes("transactions.read", "transactions.write").sign();
        assertThat(send(bearer("/contract/roles", token).header(MERCHANT_HEADER, RESTRICTED_MERCHANT)).body())
                .isEqualTo(roles(true, true, false, false, true, false, true));
    }

    @Test
    void respondsToAMerchantHeaderOtherThanThePinnedAccountWith403() throws Exception {
        String token = signer.token().scopes("embed").embed("merchant_account_id", "merchant-pinned").sign();
        assertRefused(send(bearer("/contract/merchant", token).header(MERCHANT_HEADER, "merchant-b")),
                BearerError.of(Reason.PIN_MISMATCH, "request changes the value pinned by the token: merchant_account_id"),
                token);
    }

    @Test
    void actsForThePinnedMerchantAccountWhenTheRequestNamesNone() throws Exception {
        String token = signer.token().scopes("embed").embed("merchant_account_id", "merchant-pinned").sign();
        HttpResponse<String> r = send(bearer("/contract/merchant", token));
        assertThat(r.statusCode()).as("status (body: %s)", r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("merchant-pinned");
        HttpResponse<String> same = send(bearer("/contract/merchant", token).header(MERCHANT_HEADER, "merchant-pinned"));
        assertThat(same.body()).isEqualTo("merchant-pinned");
        String plain = signer.token().scopes("transactions.read").sign();
        assertThat(send(bearer("/contract/merchant", plain)).body()).isEqualTo("-");
    }

    @Test
    void respondsToATokenOverItsRateLimitWith429AndRetryAfterAndNoChallenge() throws Exception {
        String token = signer.token().scopes("embed").sign();
        for (int i = 0; i < RATE_LIMIT.requests(); i++) {
            assertAccepted(send(limited(token)), token);
        }
        HttpResponse<String> r = send(limited(token));
        assertThat(r.statusCode()).as("status (body: %s)", r.body()).isEqualTo(429);
        // The clock stands still: the bucket of 3 a minute holds one again after 20 s.
        RateLimitExceeded expected = new RateLimitExceeded(Duration.ofSeconds(20));
        assertThat(r.headers().allValues("Retry-After")).containsExactly("20");
        assertThat(r.headers().firstValue("WWW-Authenticate")).as("no challenge: the token is good").isEmpty();
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(r.body()).isEqualTo(expected.body());
        assertNoStore(r);
        assertNotEchoed(r, token);
        String another = signer.token().scopes("embed").sign();
        assertAccepted(send(limited(another)), another);
    }

    private HttpRequest.Builder limited(String token) {
        return bearer("/contract/limited", token).POST(HttpRequest.BodyPublishers.ofString("{}"));
    }

    // ---------------------------------------------------------------- merchant restriction

    @Test
    void passesARestrictedKeyActingForItsOwnMerchant() throws Exception {
        String token = merchantSigner.token().sign();
        assertAccepted(send(bearer("/contract/read", token).header(MERCHANT_HEADER, RESTRICTED_MERCHANT)), token);
    }

    @Test
    void respondsToARestrictedKeyActingForAnotherMerchantWith403() throws Exception {
        String token = merchantSigner.token().sign();
        assertRefused(send(bearer("/contract/read", token).header(MERCHANT_HEADER, "merchant-b")),
                BearerError.of(Reason.MERCHANT_NOT_ALLOWED, "the token's key may not act for this merchant account"),
                token);
    }

    @Test
    void passesAnUnrestrictedKeyActingForAnyMerchant() throws Exception {
        String token = signer.token().sign();
        assertAccepted(send(bearer("/contract/read", token).header(MERCHANT_HEADER, "merchant-b")), token);
    }

    // ---------------------------------------------------------------- server-side failures

    @Test
    void respondsToAnUnavailableReplayStoreWith503AndNoChallenge() throws Exception {
        String token = signer.token().jti(UNAVAILABLE_JTI_PREFIX + "1").sign();
        HttpResponse<String> r = send(bearer("/contract/open", token));
        assertThat(r.statusCode()).isEqualTo(503);
        assertServerFailure(r, token, "service_unavailable");
    }

    @Test
    void respondsToAnUnexpectedFailureWith500AndNoStackTrace() throws Exception {
        String token = signer.token().jti(BROKEN_JTI_PREFIX + "1").sign();
        HttpResponse<String> r = send(bearer("/contract/open", token));
        assertThat(r.statusCode()).isEqualTo(500);
        assertServerFailure(r, token, "error");
        assertThat(r.body()).doesNotContain("IllegalStateException", "simulated bug", "\tat ");
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void acceptsASingleUseTokenExactlyOnceWhenSentFromManyThreadsAtOnce() throws Exception {
        int threads = 16;
        String token = signer.token().jti("race-1").sign();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    HttpRequest request = bearer("/contract/open", token).build();
                    ready.countDown();
                    go.await();
                    return client.send(request, HttpResponse.BodyHandlers.ofString());
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            int accepted = 0;
            for (Future<HttpResponse<String>> f : answers) {
                HttpResponse<String> r = f.get(30, TimeUnit.SECONDS);
                if (r.statusCode() == 200) {
                    accepted++;
                    assertThat(r.body()).isEqualTo("race-1");
                } else {
                    assertRefused(r, BearerError.of(Reason.REPLAYED, "token was already used"), token);
                }
            }
            assertThat(accepted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- methods the runtime answers itself

    @Test
    void respondsToAnOptionsRequestWithoutATokenWith401() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/contract/read"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertRefused(r, BearerError.of(Reason.NO_CREDENTIALS, ""), null);
    }

    @Test
    void passesAnOptionsRequestWithAValidToken() throws Exception {
        String token = signer.token().sign();
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/contract/read"))
                .header("Authorization", "Bearer " + token)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).as("status (body: %s)", r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertNotEchoed(r, token);
    }

    @Test
    void respondsToAHeadRequestWithoutATokenWith401AndNoBody() throws Exception {
        HttpResponse<String> r = send(head("/contract/read"));
        assertRefusedHead(r, BearerError.of(Reason.NO_CREDENTIALS, ""), null);
    }

    @Test
    void respondsToAHeadRequestLackingTheGetScopeWith403AndNoBody() throws Exception {
        String token = signer.token().scopes("transactions.write").sign();
        HttpResponse<String> r = send(head("/contract/read").header("Authorization", "Bearer " + token));
        assertRefusedHead(r, new BearerError(Reason.INSUFFICIENT_SCOPE, "the token lacks a scope this request needs",
                List.of("transactions.read")), token);
    }

    @Test
    void passesAHeadRequestWithTheGetScope() throws Exception {
        String token = signer.token().scopes("transactions.read").sign();
        HttpResponse<String> r = send(head("/contract/read").header("Authorization", "Bearer " + token));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(r.body()).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    /** The absolute URI of {@code path} (which starts with {@code /}) on the server under test. */
    protected final URI uri(String path) {
        return URI.create(base + path);
    }

    /** A GET request builder for {@code path}. */
    protected final HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
    }

    /** A GET request builder for {@code path} carrying {@code Authorization: Bearer token}. */
    protected final HttpRequest.Builder bearer(String path, String token) {
        return get(path).header("Authorization", "Bearer " + token);
    }

    /** A HEAD request builder for {@code path}. */
    protected final HttpRequest.Builder head(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .method("HEAD", HttpRequest.BodyPublishers.noBody());
    }

    /** Sends a request and reads the body as a string. */
    protected final HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Asserts a refusal: the status, the challenge and the body the error calls for, {@code
     * Cache-Control: no-store}, and nothing of the token echoed.
     *
     * @param token the token that was sent, or null
     */
    protected static void assertRefused(HttpResponse<String> r, BearerError expected, String token) {
        assertThat(r.statusCode()).as("status").isEqualTo(expected.httpStatus());
        assertThat(r.headers().allValues("WWW-Authenticate")).as("WWW-Authenticate")
                .containsExactly(BearerChallenge.format(REALM, expected));
        assertThat(r.headers().firstValue("Content-Type")).as("Content-Type")
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(r.body()).as("body").isEqualTo(BearerHeader.errorBody(expected));
        assertNoStore(r);
        assertNotEchoed(r, token);
    }

    /** As {@link #assertRefused} for a HEAD request: the same status and headers, and no body. */
    protected static void assertRefusedHead(HttpResponse<String> r, BearerError expected, String token) {
        assertThat(r.statusCode()).as("status").isEqualTo(expected.httpStatus());
        assertThat(r.headers().allValues("WWW-Authenticate")).as("WWW-Authenticate")
                .containsExactly(BearerChallenge.format(REALM, expected));
        assertThat(r.body()).as("body").isEmpty();
        assertNoStore(r);
        assertNotEchoed(r, token);
    }

    /** Asserts a 200 whose body is the token's {@code jti} (the resource saw the verified token). */
    protected static void assertAccepted(HttpResponse<String> r, String token) {
        assertThat(r.statusCode()).as("status (body: %s)", r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(r.body()).as("body is the jti").isNotEmpty().doesNotContain(".");
        assertNotEchoed(r, token);
    }

    private static void assertServerFailure(HttpResponse<String> r, String token, String code) {
        assertThat(r.headers().firstValue("WWW-Authenticate")).as("no challenge for a server failure").isEmpty();
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(r.body()).startsWith("{\"type\":\"error\",\"code\":\"" + code + "\",\"status\":" + r.statusCode()
                + ",\"message\":\"").endsWith("\"}");
        assertNoStore(r);
        assertNotEchoed(r, token);
    }

    private static void assertNoStore(HttpResponse<String> r) {
        assertThat(r.headers().allValues("Cache-Control")).as("Cache-Control")
                .anySatisfy(v -> assertThat(v).contains("no-store"));
    }

    private static void assertNotEchoed(HttpResponse<String> r, String token) {
        Optional.ofNullable(token).ifPresent(t -> {
            String signature = t.substring(t.lastIndexOf('.') + 1);
            assertThat(r.body()).doesNotContain(signature);
            r.headers().map().forEach((name, values) -> values.forEach(v -> assertThat(v).doesNotContain(signature)));
        });
    }
}
