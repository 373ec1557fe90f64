package dev.bearerguard.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.keys.AccessLevel;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.test.PemKeys;
import dev.bearerguard.test.TokenSigner;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FilterSettingsTest {

    @Test
    void durationWhenUnitGivenThenParsed() {
        assertThat(FilterSettings.duration("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(FilterSettings.duration(" 500ms ")).isEqualTo(Duration.ofMillis(500));
        assertThat(FilterSettings.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(FilterSettings.duration("1H")).isEqualTo(Duration.ofHours(1));
        assertThat(FilterSettings.duration("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void durationWhenNoUnitOrNegativeOrGarbageThenRefused() {
        assertThatThrownBy(() -> FilterSettings.duration("60")).hasMessageContaining("has no unit");
        assertThatThrownBy(() -> FilterSettings.duration("PT-5S")).hasMessageContaining("negative");
        assertThatThrownBy(() -> FilterSettings.duration("-5s")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> FilterSettings.duration("5 minutes")).hasMessageContaining("is not a duration");
    }

    @Test
    void restrictWhenLinesGivenThenKeysCarryMerchantsAndAccessLevel() {
        TrustedKey a = TrustedKey.of(PemKeys.generateP521().getPublic(), "a", null);
        TrustedKey b = TrustedKey.of(PemKeys.generateP521().getPublic(), "b", null);
        KeySet keys = FilterSettings.restrict(KeySet.of(a, b), """
                # kid merchants access
                a m1,m2
                b *    processing
                """);
        assertThat(keys.resolve("a").orElseThrow().restrictions().merchantAccounts()).containsExactlyInAnyOrder("m1", "m2");
        assertThat(keys.resolve("a").orElseThrow().restrictions().accessLevel()).isEqualTo(AccessLevel.FULL);
        assertThat(keys.resolve("b").orElseThrow().restrictions().allMerchants()).isTrue();
        assertThat(keys.resolve("b").orElseThrow().restrictions().accessLevel()).isEqualTo(AccessLevel.PROCESSING_ONLY);
        assertThatThrownBy(() -> FilterSettings.restrict(KeySet.of(a), "a")).hasMessageContaining("line 1");
    }

    @Test
    void listWhenCommasAndSpacesMixThenSplitInOrder() {
        assertThat(FilterSettings.list(" a, b  c,,d ")).containsExactly("a", "b", "c", "d");
        assertThat(FilterSettings.list("  ")).isEqualTo(Set.of());
    }

    // ----------------------------------------------------------------- verified-token-cache

    @Test
    void verifiedTokenCacheWhenGivenThenTheVerifierRemembersThatManyTokensAndStillAccepts() throws Exception {
        FilterSettings s = FilterSettings.fromInitParams(config(Map.of(
                "keys", "classpath:keys/trusted.jwks.json", "replay", "reusable", "verified-token-cache", " 1000 ")));
        assertThat(s.verifier().verifiedTokenCacheSize()).isEqualTo(1000);
        String token = TokenSigner.fromPem(resource("keys/main.private.pem")).withKid("main-key").token().sign();
        assertThat(s.verifier().verify(token).kid()).isEqualTo("main-key");
        assertThat(s.verifier().verify(token).kid()).isEqualTo("main-key"); // the repeat, from the cache
    }

    @Test
    void verifiedTokenCacheWhenAbsentOrZeroThenOff() throws Exception {
        assertThat(FilterSettings.fromInitParams(config(Map.of("keys", "classpath:keys/trusted.jwks.json")))
                .verifier().verifiedTokenCacheSize()).isZero();
        assertThat(FilterSettings.fromInitParams(config(Map.of("keys", "classpath:keys/trusted.jwks.json",
                "verified-token-cache", "0"))).verifier().verifiedTokenCacheSize()).isZero();
    }

    @Test
    void verifiedTokenCacheWhenNotANumberOrOutOfRangeOrWithAReadyVerifierThenRefusedNamingIt() {
        assertThatThrownBy(() -> FilterSettings.fromInitParams(config(Map.of(
                "keys", "classpath:keys/trusted.jwks.json", "verified-token-cache", "lots"))))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("init-param `verified-token-cache`").hasMessageContaining("is not a whole number");
        assertThatThrownBy(() -> FilterSettings.fromInitParams(config(Map.of(
                "keys", "classpath:keys/trusted.jwks.json", "verified-token-cache", "-1"))))
                .hasMessageContaining("init-param `verified-token-cache`").hasMessageContaining("between 0 and 10000000");
        assertThatThrownBy(() -> FilterSettings.fromInitParams(config(Map.of(
                "verifier-attribute", "v", "verified-token-cache", "10"))))
                .hasMessageContaining("init-param `verified-token-cache`").hasMessageContaining("cannot be combined with verifier-attribute");
    }

    /** A filter's init-params without a container (no servlet context: keys come from the class path). */
    private static FilterConfig config(Map<String, String> params) {
        return new FilterConfig() {
            @Override
            public String getFilterName() {
                return "bearer";
            }

            @Override
            public ServletContext getServletContext() {
                return null;
            }

            @Override
            public String getInitParameter(String name) {
                return params.get(name);
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.enumeration(params.keySet());
            }
        };
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = FilterSettingsTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
