package dev.bearerguard.core;

import dev.bearerguard.test.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.replay.CaffeineReplayCache;
import dev.bearerguard.test.PemKeys;
import dev.bearerguard.test.TokenSigner;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The verified-token cache ({@link TokenVerifier.Builder#verifiedTokenCache(int)}). */
class TokenVerifierVerifiedTokenCacheTest {

    private static final KeyPair PAIR = PemKeys.generateP521();
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private final TrustedKey key = TrustedKey.of(PAIR.getPublic());
    private final AtomicReference<KeySet> keys = new AtomicReference<>(KeySet.of(key));
    private final TokenSigner signer = TokenSigner.of(PAIR.getPrivate(), PAIR.getPublic()).withClock(clock);

    private TokenVerifier verifier(int cacheSize) {
        return TokenVerifier.builder()
                .keys(kid -> keys.get().resolve(kid))
                .clock(clock)
                .replayCache(CaffeineReplayCache.create(clock, 1000))
                .verifiedTokenCache(cacheSize)
                .build();
    }

    private String embedToken() {
        return signer.token().scopes("embed").lifetime(Duration.ofHours(1)).sign();
    }

    @Test
    void verifyWhenReusableTokenIsPresentedAgainThenTheCachedResultIsReturned() throws Exception {
        TokenVerifier verifier = verifier(100);
        String token = embedToken();
        VerifiedToken first = verifier.verify(token);
        assertThat(verifier.verify(token)).isSameAs(first);
        assertThat(verifier.verify(token)).isSameAs(first);
    }

    @Test
    void verifyWhenCacheIsOffByDefaultThenEveryPresentationIsVerifiedAfresh() throws Exception {
        TokenVerifier verifier = TokenVerifier.builder().keys(KeySet.of(key)).clock(clock)
                .replayCache(CaffeineReplayCache.create(clock, 1000)).build();
        String token = embedToken();
        VerifiedToken first = verifier.verify(token);
        assertThat(verifier.verify(token)).isNotSameAs(first);
    }

    @Test
    void verifyWhenSingleUseTokenIsPresentedTwiceWithCacheThenSecondIsReplayed() throws Exception {
        TokenVerifier verifier = verifier(100);
        String token = signer.token().sign(); // no embed scope: single-use by default
        verifier.verify(token);
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(TokenRejectedException.class)
                .extracting(e -> ((TokenRejectedException) e).reason()).isEqualTo(Reason.REPLAYED);
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(TokenRejectedException.class)
                .extracting(e -> ((TokenRejectedException) e).reason()).isEqualTo(Reason.REPLAYED);
    }

    @Test
    void verifyWhenCachedTokenExpiresThenExpiredIsAnsweredNotTheCachedResult() throws Exception {
        TokenVerifier verifier = verifier(100);
        String token = embedToken();
        verifier.verify(token);
        clock.advance(Duration.ofHours(1).plusSeconds(61)); // past exp + the default 60 s skew
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(TokenRejectedException.class)
                .extracting(e -> ((TokenRejectedException) e).reason()).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void verifyWhenCachedTokensKeyIsRemovedThenUnknownKey() throws Exception {
        TokenVerifier verifier = verifier(100);
        String token = embedToken();
        verifier.verify(token);
        keys.set(KeySet.of(TrustedKey.of(PemKeys.generateP521().getPublic())));
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(TokenRejectedException.class)
                .extracting(e -> ((TokenRejectedException) e).reason()).isEqualTo(Reason.UNKNOWN_KEY);
    }

    @Test
    void verifyWhenCachedTokensKeyIsReplacedByAnotherObjectThenVerifiedAfresh() throws Exception {
        TokenVerifier verifier = verifier(100);
        String token = embedToken();
        VerifiedToken first = verifier.verify(token);
        TrustedKey reloaded = TrustedKey.of(PAIR.getPublic());
        keys.set(KeySet.of(reloaded));
        VerifiedToken second = verifier.verify(token);
        assertThat(second).isNotSameAs(first);
        assertThat(second.key()).isSameAs(reloaded);
    }

    @Test
    void verifyWhenTokenDiffersOnlyInItsSignatureThenItDoesNotHitTheCache() throws Exception {
        TokenVerifier verifier = verifier(100);
        String token = embedToken();
        verifier.verify(token);
        char last = token.charAt(token.length() - 10);
        String other = token.substring(0, token.length() - 10) + (last == 'A' ? 'B' : 'A') + token.substring(token.length() - 9);
        assertThatThrownBy(() -> verifier.verify(other)).isInstanceOf(TokenRejectedException.class)
                .extracting(e -> ((TokenRejectedException) e).reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void verifyWhenTokenWasRefusedThenTheRefusalIsNotCached() throws Exception {
        TokenVerifier verifier = verifier(100);
        String token = signer.token().scopes("embed").notBefore(T0.plusSeconds(600)).lifetime(Duration.ofHours(1)).sign();
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(TokenRejectedException.class)
                .extracting(e -> ((TokenRejectedException) e).reason()).isEqualTo(Reason.NOT_YET_VALID);
        clock.advance(Duration.ofSeconds(600));
        assertThat(verifier.verify(token).scopes().declared()).isNotEmpty();
    }

    @Test
    void verifiedTokenCacheWhenSizeIsNegativeThenRefused() {
        assertThatThrownBy(() -> TokenVerifier.builder().verifiedTokenCache(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
