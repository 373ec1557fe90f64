package dev.bearerguard.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.bearerguard.core.scope.ScopeVocabulary;
import jakarta.ws.rs.core.Application;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a user sees on RESTEasy 6.2 when an annotation names a scope outside the verifier's
 * vocabulary: the deployment fails with the message naming the method and the right scope, at
 * start-up when RESTEasy's dispatcher servlet loads on start-up, on the first request otherwise.
 */
class ResteasyVocabularyDeploymentTest {

    private static final String MESSAGE = "bearerguard: " + VocabularyDeploymentTest.Typo.class.getName()
            + "#list: @RequiresScope: scope `transaction.read`: no such resource in the vocabulary"
            + " — did you mean `transactions.read`?";

    private final HttpClient client = HttpClient.newHttpClient();

    /** An application with a typo in a scope, as a user writes it (no-argument constructor). */
    public static class TypoApplication extends Application {
        private final BearerguardFeature feature = BearerguardFeature.withVerifier(
                new Fixture().verifier().vocabulary(ScopeVocabulary.PAYMENTS).build());

        @Override
        public Set<Class<?>> getClasses() {
            return Set.of(VocabularyDeploymentTest.Typo.class);
        }

        @Override
        @SuppressWarnings("deprecation")
        public Set<Object> getSingletons() {
            return Set.of(feature);
        }
    }

    /** The same with the scope spelt right. */
    public static class CorrectApplication extends TypoApplication {
        @Override
        public Set<Class<?>> getClasses() {
            return Set.of(VocabularyDeploymentTest.Correct.class);
        }
    }

    @Test
    void deploymentWhenAnnotationHasATypoAndTheServletLoadsOnStartupThenTheApplicationIsOutOfServiceWithTheMessage()
            throws Exception {
        try (JettyResteasy server = JettyResteasy.webApp("resteasy-typo-app")) {
            HttpResponse<String> r = send(server.uri() + "/tx");

            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).doesNotContain("list");
            assertThat(server.startupFailure()).hasValueSatisfying(e -> assertThat(messages(e)).contains(MESSAGE));
        }
    }

    @Test
    void deploymentWhenTheServletLoadsLazilyThenTheFirstRequestFailsWith500AndLaterOnes404() throws Exception {
        // Pinned, not wanted: without load-on-startup the servlet container starts RESTEasy on the first
        // request, so the deployment error surfaces there (Jetty: 500, then 404 for a servlet that is
        // permanently unavailable). The README says to declare load-on-startup.
        try (JettyResteasy server = JettyResteasy.webApp("resteasy-typo-lazy-app")) {
            assertThat(server.startupFailure()).isEmpty();

            HttpResponse<String> first = send(server.uri() + "/tx");
            HttpResponse<String> second = send(server.uri() + "/tx");

            assertThat(first.statusCode()).isEqualTo(500);
            assertThat(second.statusCode()).isEqualTo(404);
            assertThat(first.body() + second.body()).doesNotContain("\"type\":\"error\"");
        }
    }

    @Test
    void deploymentOfAnApplicationInstanceWhenAnnotationHasATypoThenStartThrowsTheMessage() {
        Throwable t = catchThrowable(() -> JettyResteasy.start(new TypoApplication()).close());

        assertThat(t).isInstanceOf(IllegalStateException.class);
        assertThat(messages(t)).contains(MESSAGE);
    }

    @Test
    void deploymentWhenAnnotationsMatchTheVocabularyThenServes() throws Exception {
        try (JettyResteasy server = JettyResteasy.start(new CorrectApplication())) {
            assertThat(send(server.uri() + "/tx").statusCode()).isEqualTo(401);
        }
    }

    private HttpResponse<String> send(String uri) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> messages(Throwable e) {
        List<String> out = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            out.add(String.valueOf(t.getMessage()));
        }
        return out;
    }
}
