package dev.bearerguard.benchmarks.load;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.core.replay.ReplayCache;
import dev.bearerguard.replay.redis.RedisReplayStore;
import dev.bearerguard.servlet.BearerTokenFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Benchmark 7's server: one Spring Boot application (embedded Tomcat) serving one trivial
 * endpoint (a 2-byte {@code ok}) under six paths, each guarded differently:
 * <ul>
 *   <li>{@code /open/ping}: unprotected;</li>
 *   <li>{@code /filter/ping}: {@link BearerTokenFilter} with core's defaults (the in-memory replay
 *       cache records each token's {@code jti});</li>
 *   <li>{@code /cached/ping}: the filter with the verified-token cache (10 000 entries), for a
 *       repeated embed token;</li>
 *   <li>{@code /redis/ping}: the filter with the replay store on Redis ({@code bench.redis});</li>
 *   <li>{@code /spring-jdk/ping}: Spring Security's resource server ({@code
 *       BearerTokenAuthenticationFilter}, a {@link NimbusJwtDecoder}) as its documentation leads a
 *       user: a JWK set and JCA's default provider, which for ES512 is the JDK's SunEC;</li>
 *   <li>{@code /spring-bc/ping}: the same decoder tuned: Nimbus given a BouncyCastle JCA context and
 *       a BouncyCastle key object.</li>
 * </ul>
 * The key is the ES512 public key in the PEM file {@code bench.public-key}. Spring Security's filter
 * is mapped to its two paths only (Spring Boot maps it to every path by default, and its
 * {@code StrictHttpFirewall} would then check every header value with a regular expression on the
 * other cases' requests too, a 600-character token included).
 */
@SpringBootApplication(exclude = {UserDetailsServiceAutoConfiguration.class, SecurityFilterAutoConfiguration.class})
public class LoadApp {

    /** The paths, one per case, each ending in {@code /ping}. */
    public static final List<String> PATHS = List.of("/open/ping", "/filter/ping", "/cached/ping", "/redis/ping",
            "/spring-jdk/ping", "/spring-bc/ping");

    /** Starts the application: {@code --server.port=N --bench.public-key=PEM [--bench.redis=redis://…]}. */
    public static void main(String[] args) {
        start(args);
    }

    /** Starts the application with Spring's arguments; the caller closes the context. */
    public static ConfigurableApplicationContext start(String... args) {
        SpringApplication app = new SpringApplication(LoadApp.class);
        app.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
        app.setLogStartupInfo(false);
        return app.run(args);
    }

    @Bean
    ECPublicKey benchKey(@Value("${bench.public-key}") Path pem) throws Exception {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        String b64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return (ECPublicKey) KeyFactory.getInstance("EC")
                .generatePublic(new X509EncodedKeySpec(java.util.Base64.getDecoder().decode(b64)));
    }

    @Bean
    ServletRegistrationBean<HttpServlet> ping() {
        HttpServlet servlet = new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
                res.setContentType("text/plain");
                res.setContentLength(2);
                res.getOutputStream().write(OK);
            }
        };
        return new ServletRegistrationBean<>(servlet, "/open/*", "/filter/*", "/cached/*", "/redis/*",
                "/spring-jdk/*", "/spring-bc/*");
    }

    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);

    // ------------------------------------------------------------------------------ Bearerguard

    @Bean
    FilterRegistrationBean<BearerTokenFilter> bearerguardFilter(ECPublicKey key) {
        TokenVerifier verifier = TokenVerifier.builder().keys(KeySet.of(TrustedKey.of(key))).build();
        return registration("bearerguard", verifier, "/filter/*");
    }

    @Bean
    FilterRegistrationBean<BearerTokenFilter> bearerguardCachedFilter(ECPublicKey key) {
        TokenVerifier verifier = TokenVerifier.builder().keys(KeySet.of(TrustedKey.of(key)))
                .verifiedTokenCache(10_000).build();
        return registration("bearerguard-cached", verifier, "/cached/*");
    }

    /** The replay store on the Redis at {@code bench.redis} (run-load.sh and the smoke test start their own). */
    @Bean(destroyMethod = "close")
    RedisReplayStore redisStore(@Value("${bench.redis}") String redis) {
        RedisReplayStore store = RedisReplayStore.builder(redis).build();
        // A Redis of the run's own, empty: the store serves once it is declared new. The first
        // connection is made in the background and may outlast a command on a busy machine, so
        // the declaration is retried for up to 10 s before the application refuses to start.
        for (int attempt = 1; ; attempt++) {
            try {
                store.declareNew();
                return store;
            } catch (dev.bearerguard.core.VerifierUnavailableException e) {
                if (attempt == 100) {
                    store.close();
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    store.close();
                    throw e;
                }
            }
        }
    }

    @Bean
    FilterRegistrationBean<BearerTokenFilter> bearerguardRedisFilter(ECPublicKey key, RedisReplayStore store) {
        ReplayCache cache = store.replayCache();
        TokenVerifier verifier = TokenVerifier.builder().keys(KeySet.of(TrustedKey.of(key))).replayCache(cache).build();
        return registration("bearerguard-redis", verifier, "/redis/*");
    }

    private static FilterRegistrationBean<BearerTokenFilter> registration(String name, TokenVerifier verifier,
            String pattern) {
        FilterRegistrationBean<BearerTokenFilter> r = new FilterRegistrationBean<>(
                BearerTokenFilter.builder(verifier).build(), new ServletRegistrationBean<?>[0]);
        r.setName(name);
        r.addUrlPatterns(pattern);
        return r;
    }

    // ---------------------------------------------------------------------------- Spring Security

    /** (a) As the documentation leads: a JWK set (what {@code withJwkSetUri} builds) on JCA's default provider. */
    static JwtDecoder jdkDecoder(ECPublicKey key) {
        ECKey jwk = new ECKey.Builder(Curve.P_521, key).keyID(TrustedKey.of(key).kid()).build();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES512,
                new ImmutableJWKSet<>(new JWKSet(jwk))));
        processor.setJWTClaimsSetVerifier((claims, context) -> { }); // Spring's validators check the claims
        return new NimbusJwtDecoder(processor);
    }

    /** (b) Tuned: Nimbus's verifiers on a BouncyCastle JCA context, with a BouncyCastle key object. */
    static JwtDecoder bcDecoder(ECPublicKey key) throws Exception {
        BouncyCastleProvider bc = new BouncyCastleProvider();
        PublicKey bcKey = KeyFactory.getInstance("EC", bc).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        JWSKeySelector<SecurityContext> selector = (header, context) ->
                JWSAlgorithm.ES512.equals(header.getAlgorithm()) ? List.of(bcKey) : List.of();
        processor.setJWSKeySelector(selector);
        DefaultJWSVerifierFactory factory = new DefaultJWSVerifierFactory();
        factory.getJCAContext().setProvider(bc);
        processor.setJWSVerifierFactory(factory);
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        return new NimbusJwtDecoder(processor);
    }

    /** Spring Security's filter, on its own paths only (replaces Spring Boot's registration for every path). */
    @Bean
    DelegatingFilterProxyRegistrationBean springSecurityOnItsPaths() {
        DelegatingFilterProxyRegistrationBean r = new DelegatingFilterProxyRegistrationBean("springSecurityFilterChain");
        r.addUrlPatterns("/spring-jdk/*", "/spring-bc/*");
        r.setOrder(-100);
        return r;
    }

    @Bean
    @Order(1)
    SecurityFilterChain springJdk(HttpSecurity http, ECPublicKey key) throws Exception {
        return resourceServer(http, "/spring-jdk/**", jdkDecoder(key));
    }

    @Bean
    @Order(2)
    SecurityFilterChain springBc(HttpSecurity http, ECPublicKey key) throws Exception {
        return resourceServer(http, "/spring-bc/**", bcDecoder(key));
    }

    private static SecurityFilterChain resourceServer(HttpSecurity http, String paths, JwtDecoder decoder)
            throws Exception {
        return http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(paths))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .oauth2ResourceServer(o -> o.jwt(j -> j.decoder(decoder)))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .build();
    }
}
