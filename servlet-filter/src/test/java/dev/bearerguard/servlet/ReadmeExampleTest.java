package dev.bearerguard.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.example.payments.BearerguardConfig;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.WebServerException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/**
 * The READMEs' servlet-filter examples, run: the {@code web.xml} block (deployed as a WAR in
 * Tomcat 10.1, as written and with {@code require-https} off) and the Spring Boot 3 registration
 * (its {@code FilterRegistrationBean} handed to Spring Boot's own embedded Tomcat, as a Spring Boot
 * application does at start-up). The READMEs must show them as they are here.
 */
class ReadmeExampleTest {

    private static final Path ROOT_README = Path.of("../README.md");
    private static final Path MODULE_README = Path.of("README.md");
    private static final String KEYS_IN_EXAMPLE = "/etc/myapi/trusted-keys/";

    @TempDir
    Path dir;

    private final KeyPair pair = PemKeys.generateP521();
    private final TokenSigner signer = TokenSigner.of(pair.getPrivate(), pair.getPublic());
    private final HttpClient client = HttpClient.newHttpClient();
    /** The /app context's log; Spring Boot's embedded Tomcat names its engine Tomcat too. */
    private final Logger contextLog = Logger.getLogger(EmbeddedTomcat.CONTEXT_LOGGER);
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureTheApplicationLog() {
        contextLog.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        contextLog.removeHandler(capture);
    }

    @Test
    void webXmlExampleAsWrittenRefusesPlainHttpWith400() throws Exception {
        try (EmbeddedTomcat tomcat = EmbeddedTomcat.webApp(war(webXmlExample()), Map.of())) {
            assertThat(tomcat.applicationStarted()).isTrue();

            HttpResponse<String> r = send(tomcat.uri() + "/transactions/1", signer.token().scopes("transactions.read").sign());

            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.headers().firstValue("WWW-Authenticate")).contains(
                    "Bearer realm=\"api\", error=\"invalid_request\", error_description=\"HTTPS is required\"");
        }
    }

    @Test
    void webXmlExampleWithRequireHttpsOffServesPlainHttpDevelopment() throws Exception {
        String plainHttp = webXmlExample().replace("<param-value>true</param-value>", "<param-value>false</param-value>");
        try (EmbeddedTomcat tomcat = EmbeddedTomcat.webApp(war(plainHttp), Map.of())) {
            assertThat(send(tomcat.uri() + "/transactions/1", null).statusCode()).isEqualTo(401);
            assertThat(send(tomcat.uri() + "/transactions/1", signer.token().scopes("buyers.read").sign()).statusCode())
                    .isEqualTo(403);
            assertThat(send(tomcat.uri() + "/transactions/1", signer.token().scopes("transactions.read").sign())
                    .statusCode()).isEqualTo(200);
            assertThat(send(tomcat.uri() + "/health", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void bothReadmesShowTheSameWebXmlExample() throws IOException {
        assertThat(xmlBlockAfter(Files.readString(ROOT_README), "### web.xml"))
                .isEqualTo(xmlBlockAfter(Files.readString(MODULE_README), "## web.xml"));
    }

    @Test
    void springBootExampleRegistersTheFilterWithItsInitParamsInSpringBootsTomcat() throws Exception {
        FilterRegistrationBean<BearerTokenFilter> bean = new BearerguardConfig().bearerTokenFilter(keyFolder().toString());
        WebServer server = new TomcatServletWebServerFactory("/app", 0).getWebServer(
                bean, context -> context.addServlet("echo", new EchoServlet()).addMapping("/*"));
        try {
            server.start();
            String app = "http://127.0.0.1:" + server.getPort() + "/app";

            HttpResponse<String> anonymous = send(app + "/transactions/1", null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"payments\"");
            assertThat(send(app + "/transactions/1", signer.token().scopes("transactions.write").sign()).statusCode())
                    .isEqualTo(403);
            HttpResponse<String> ok = send(app + "/transactions/1", signer.token().scopes("transactions.read").sign());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("authType=Bearer read=true");
            assertThat(send(app + "/health", null).statusCode()).isEqualTo(200);
        } finally {
            server.stop();
        }
    }

    @Test
    void springBootExampleWithABadInitParamStopsSpringBootFromStarting() throws Exception {
        FilterRegistrationBean<BearerTokenFilter> bean = new BearerguardConfig().bearerTokenFilter(keyFolder().toString());
        bean.addInitParameter("clock-skew", "60");

        Throwable t = catchThrowable(() -> new TomcatServletWebServerFactory("/app", 0).getWebServer(bean).stop());

        assertThat(t).isInstanceOf(WebServerException.class).hasMessageContaining("Unable to start embedded Tomcat");
        assertThat(records).anySatisfy(record -> assertThat(messages(record.getThrown()))
                .contains("bearerguard: init-param `clock-skew`: `60` has no unit; write e.g. 60s, 2m or PT1M"));
    }

    @Test
    void rootReadmeShowsTheSpringBootExampleAsItIsTested() throws IOException {
        String example = Files.readString(Path.of("src/test/java/com/example/payments/BearerguardConfig.java"));
        Matcher m = Pattern.compile("// README example begins\n(.*?)// README example ends\n", Pattern.DOTALL).matcher(example);
        assertThat(m.find()).isTrue();

        assertThat(Files.readString(ROOT_README)).contains(m.group(1));
    }

    @Test
    void readmesNameTheVersionInOnePlaceAndItIsTheVersionThisBuildMakes() throws IOException {
        Matcher pom = Pattern.compile("<artifactId>bearerguard-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("../pom.xml")));
        assertThat(pom.find()).isTrue();
        String version = pom.group(1);
        List<Path> readmes = new ArrayList<>(List.of(ROOT_README));
        try (var modules = Files.list(Path.of(".."))) {
            modules.map(m -> m.resolve("README.md")).filter(Files::isRegularFile).forEach(readmes::add);
        }

        List<String> mentions = new ArrayList<>();
        for (Path readme : readmes) {
            Files.readString(readme).lines().filter(l -> l.contains(version)).forEach(l -> mentions.add(readme + ": " + l));
        }

        assertThat(mentions).singleElement().asString()
                .contains("<bearerguard.version>" + version + "</bearerguard.version>");
    }

    /** The servlet-filter README's web.xml block, with the example's key folder made real. */
    private String webXmlExample() throws IOException {
        String block = xmlBlockAfter(Files.readString(MODULE_README), "## web.xml");
        assertThat(block).contains(KEYS_IN_EXAMPLE).contains("<param-name>require-https</param-name>");
        return block.replace(KEYS_IN_EXAMPLE, keyFolder().toString());
    }

    /** A WAR folder: the filter block in a web-app, in front of {@link EchoServlet}. */
    private Path war(String filterBlock) throws IOException {
        Path war = Files.createDirectories(dir.resolve("war/WEB-INF")).getParent();
        Files.writeString(war.resolve("WEB-INF/web.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                %s
                  <servlet>
                    <servlet-name>echo</servlet-name>
                    <servlet-class>dev.bearerguard.servlet.EchoServlet</servlet-class>
                  </servlet>
                  <servlet-mapping>
                    <servlet-name>echo</servlet-name>
                    <url-pattern>/*</url-pattern>
                  </servlet-mapping>
                </web-app>
                """.formatted(filterBlock));
        return war;
    }

    private Path keyFolder() throws IOException {
        Path keys = dir.resolve("trusted-keys");
        if (!Files.isDirectory(keys)) {
            Files.createDirectories(keys);
            Files.writeString(keys.resolve("caller.pem"), PemKeys.toPem(pair.getPublic()));
        }
        return keys;
    }

    private HttpResponse<String> send(String uri, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The first {@code ```xml} block after the heading line {@code heading}. */
    private static String xmlBlockAfter(String markdown, String heading) {
        int at = markdown.indexOf("\n" + heading + "\n");
        assertThat(at).as("heading %s", heading).isNotNegative();
        Matcher m = Pattern.compile("```xml\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        assertThat(m.find(at)).as("an xml block after %s", heading).isTrue();
        return m.group(1);
    }

    private static List<String> messages(Throwable e) {
        List<String> out = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            out.add(String.valueOf(t.getMessage()));
        }
        return out;
    }
}
