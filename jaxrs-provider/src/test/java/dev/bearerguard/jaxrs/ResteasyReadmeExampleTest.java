package dev.bearerguard.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.payments.PaymentsApplication;
import dev.bearerguard.test.PemKeys;
import dev.bearerguard.test.TokenSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root README's "Using it with RESTEasy" example: {@link PaymentsApplication} (copied into the
 * README verbatim, which this test checks) deployed by the {@code web.xml} the README shows, in a
 * real RESTEasy 6.2 in Jetty 12, answering over HTTP.
 */
class ResteasyReadmeExampleTest {

    private static final Path README = Path.of("../README.md");

    @TempDir
    Path keys;

    @Test
    void applicationFromTheReadmeGuardsItsResourcesOnResteasy() throws Exception {
        KeyPair pair = PemKeys.generateP521();
        Files.writeString(keys.resolve("caller.pem"), PemKeys.toPem(pair.getPublic()));
        TokenSigner signer = TokenSigner.of(pair.getPrivate(), pair.getPublic());
        HttpClient client = HttpClient.newHttpClient();
        System.setProperty("myapi.trusted-keys", keys.toString());
        try (JettyResteasy server = JettyResteasy.webApp("resteasy-app")) {
            assertThat(server.startupFailure()).isEmpty();
            URI transactions = URI.create(server.uri() + "/transactions");

            HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(transactions).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> wrongScope = client.send(HttpRequest.newBuilder(transactions)
                    .header("Authorization", "Bearer " + signer.token().scopes("buyers.read").sign()).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> ok = client.send(HttpRequest.newBuilder(transactions)
                    .header("Authorization", "Bearer " + signer.token().scopes("transactions.read").jti("readme-1").sign())
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"payments\"");
            assertThat(wrongScope.statusCode()).isEqualTo(403);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("transactions for readme-1");
        } finally {
            System.clearProperty("myapi.trusted-keys");
        }
    }

    @Test
    void readmeShowsTheApplicationAndTheServletDeclarationAsTheyAreTested() throws IOException {
        String readme = Files.readString(README);

        String application = Files.readString(Path.of("src/test/java/com/example/payments/PaymentsApplication.java"));
        String webXml = Files.readString(Path.of("src/test/resources/resteasy-app/WEB-INF/web.xml"));

        assertThat(readme).contains(between(application, "// README example begins\n", "// README example ends\n"));
        assertThat(readme).contains(("  <servlet>\n" + between(webXml, "  <servlet>\n", "  </servlet-mapping>\n")
                + "  </servlet-mapping>\n").lines().map(l -> l.substring(2)).collect(Collectors.joining("\n", "", "\n")));
    }

    /** The text between the lines {@code begin} and {@code end}, both left out. */
    private static String between(String text, String begin, String end) {
        Matcher m = Pattern.compile(Pattern.quote(begin) + "(.*?)" + Pattern.quote(end), Pattern.DOTALL).matcher(text);
        assertThat(m.find()).as("markers %s … %s", begin.strip(), end.strip()).isTrue();
        return m.group(1);
    }
}
