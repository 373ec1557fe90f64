package dev.bearerguard.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.core.BearerHeader;
import dev.bearerguard.core.TokenRejectedException;
import dev.bearerguard.core.TokenVerifier;
import dev.bearerguard.core.VerifiedToken;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real servlet filter verifies the token and stores it as the request attribute {@code
 * dev.bearerguard.core.VerifiedToken} (as the servlet-filter module does); Jersey behind it, in
 * Jetty 12, must reuse it: one verification, one replay entry.
 */
class ServletFilterThenJaxrsOnJettyTest {

    private final Fixture fixture = new Fixture();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private JettyJersey jetty;

    /** Verifies like the servlet filter and, on success, stores the token; on failure lets the request through. */
    static final class VerifyingServletFilter implements Filter {
        private final TokenVerifier verifier;

        VerifyingServletFilter(TokenVerifier verifier) {
            this.verifier = verifier;
        }

        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest request = (HttpServletRequest) req;
            try {
                VerifiedToken token = verifier.verify(BearerHeader.extract(
                        Collections.list(request.getHeaders("Authorization"))));
                request.setAttribute("dev.bearerguard.core.VerifiedToken", token);
            } catch (TokenRejectedException e) {
                // the real filter would answer here; leaving it to the feature keeps this test about reuse
            }
            chain.doFilter(req, res);
        }
    }

    @AfterEach
    void stop() throws Exception {
        jetty.close();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(jetty.uri() + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servletVerifiedTokenIsReusedByTheFeatureOnceVerifiedOnceRecorded() throws Exception {
        TokenVerifier verifier = fixture.verifier().build();
        jetty = JettyJersey.start(JdkHttpBearerContractTest.application(verifier), new VerifyingServletFilter(verifier));
        String token = fixture.signer.token().scopes("transactions.read").jti("servlet-1").sign();

        HttpResponse<String> r = get("/contract/read", token);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("servlet-1");
        assertThat(fixture.keyLookups).hasValue(1);
        assertThat(fixture.replayRecords).hasValue(1);
    }

    @Test
    void servletVerifiedTokenStillMeetsTheMethodsScope() throws Exception {
        TokenVerifier verifier = fixture.verifier().build();
        jetty = JettyJersey.start(JdkHttpBearerContractTest.application(verifier), new VerifyingServletFilter(verifier));
        HttpResponse<String> r = get("/contract/read", fixture.token("transactions.write"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(fixture.replayRecords).hasValue(1);
    }

    @Test
    void withoutTheServletFilterTheFeatureVerifiesItself() throws Exception {
        jetty = JettyJersey.start(JdkHttpBearerContractTest.application(fixture.verifier().build()), null);
        assertThat(get("/contract/read", fixture.token("transactions.read")).statusCode()).isEqualTo(200);
        assertThat(fixture.keyLookups).hasValue(1);
    }
}
