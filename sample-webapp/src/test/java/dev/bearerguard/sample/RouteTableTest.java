package dev.bearerguard.sample;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.ServletMapping;
import org.glassfish.jersey.server.ExtendedResourceContext;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The sample's README route table is the truth about which routes accept an embed token. This test
 * discovers every route the running server has (the JAX-RS resource models of both Jersey
 * applications, and the plain servlets' mappings with the {@code doGet}/{@code doPost}/… they
 * override), requires each to have exactly one row in the table, and calls each with an embed token
 * whose answer must agree with the row: a route that does not list {@code embed} refuses it with 403
 * {@code insufficient_scope}, one that lists it does not. A new route that forgets to say what it
 * accepts cannot widen what a browser token reaches without failing here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteTableTest {

    /** One row of the README table: the route, the accepted scopes as written, and the embed column. */
    record Row(String route, String accepts, String embed) {
    }

    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z]+ /[^`]*)` \\| (.*) \\| (yes|no|public|checkout|static) \\|$");

    private Fixture f;
    private Map<String, Row> table;

    @BeforeAll
    void start() throws IOException {
        f = new Fixture();
        table = readTable(Path.of("README.md"));
    }

    @AfterAll
    void stop() {
        f.close();
    }

    static Map<String, Row> readTable(Path readme) throws IOException {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(readme)) {
            Matcher m = ROW.matcher(line.strip());
            if (m.matches()) {
                Row previous = rows.put(m.group(1), new Row(m.group(1), m.group(2), m.group(3)));
                assertThat(previous).as("the README lists %s twice", m.group(1)).isNull();
            }
        }
        return rows;
    }

    /** Every route the running server serves, as {@code METHOD /path/{template}}. */
    List<String> discoverRoutes() throws Exception {
        List<String> routes = new ArrayList<>();
        var handler = f.server.webApp().getServletHandler();
        for (ServletMapping mapping : handler.getServletMappings()) {
            ServletHolder holder = handler.getServlet(mapping.getServletName());
            Object instance = holder.getServletInstance();
            while (instance instanceof ServletHolder.Wrapper w) {
                instance = w.getWrapped();
            }
            Class<?> type = Class.forName(holder.getClassName());
            for (String spec : mapping.getPathSpecs()) {
                if (instance instanceof ServletContainer jersey) {
                    String prefix = spec.endsWith("/*") ? spec.substring(0, spec.length() - 2) : spec;
                    var model = jersey.getApplicationHandler().getInjectionManager()
                            .getInstance(ExtendedResourceContext.class).getResourceModel();
                    for (Resource r : model.getRootResources()) {
                        walk(r, prefix, routes);
                    }
                } else if (HttpServlet.class.isAssignableFrom(type)
                        && type.getPackageName().equals(SampleServer.class.getPackageName())) {
                    for (Method m : type.getDeclaredMethods()) {
                        String http = switch (m.getName()) {
                            case "doGet" -> "GET";
                            case "doPost" -> "POST";
                            case "doPut" -> "PUT";
                            case "doDelete" -> "DELETE";
                            case "doPatch" -> "PATCH";
                            default -> null;
                        };
                        if (http != null) {
                            routes.add(http + " " + spec);
                        }
                    }
                }
                // Jetty's own default servlet (static files such as /checkout/) is not an API route.
            }
        }
        return routes;
    }

    private static void walk(Resource r, String prefix, List<String> out) {
        String path = (prefix + "/" + r.getPath()).replaceAll("/+", "/");
        path = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (ResourceMethod m : r.getResourceMethods()) {
            if (m.getInvocable().getHandlingMethod().getDeclaringClass().getPackageName()
                    .equals(SampleServer.class.getPackageName())) {
                out.add(m.getHttpMethod() + " " + path);
            }
        }
        for (Resource child : r.getChildResources()) {
            walk(child, path, out);
        }
    }

    @Test
    void everyRouteHasExactlyOneRowInTheReadmeTableAndEveryRowIsARoute() throws Exception {
        List<String> routes = discoverRoutes();
        assertThat(routes).as("discovered routes").hasSizeGreaterThan(15).doesNotHaveDuplicates();
        assertThat(table.keySet()).as("README route table").containsAll(routes);
        List<String> notRoutes = table.values().stream().filter(r -> !r.embed().equals("static"))
                .map(Row::route).filter(r -> !routes.contains(r)).toList();
        assertThat(notRoutes).as("README rows no server route answers").isEmpty();
    }

    @Test
    void theEmbedColumnAgreesWithTheAcceptedScopes() {
        for (Row r : table.values()) {
            if (r.embed().equals("yes")) {
                assertThat(r.accepts()).as(r.route()).contains("`embed`");
            } else {
                assertThat(r.accepts()).as(r.route()).doesNotContain("`embed`");
            }
        }
    }

    @Test
    void everyRouteAnswersAnEmbedTokenAsTheTableSays() throws Exception {
        assertThat(discoverRoutes()).hasSizeGreaterThan(15);
        String token = f.signer.token().scopes("embed").embed(Map.of("amount", 1299, "currency", "USD",
                "buyer_external_identifier", "ada-1815", "merchant_account_id", "default")).sign();
        List<String> wrong = new ArrayList<>();
        for (String route : new TreeSet<>(discoverRoutes())) {
            Row row = table.get(route);
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x").replace("/*", "/");
            String body = method.equals("POST") || method.equals("PUT") ? "{}" : null;
            Fixture.Response res = f.send(method, path, body, Fixture.bearer(token));
            boolean scopeRefused = res.status() == 403 && res.challenge() != null
                    && res.challenge().contains("error=\"insufficient_scope\"") && res.challenge().contains("scope=\"");
            boolean ok = switch (row.embed()) {
                case "no" -> scopeRefused;
                case "yes" -> !scopeRefused && res.status() != 401 && res.status() < 500;
                case "checkout" -> res.status() == 401;
                default -> res.status() < 500; // public: the token is not looked at
            };
            if (!ok) {
                wrong.add(route + " (embed: " + row.embed() + ") answered " + res);
            }
        }
        assertThat(wrong).isEmpty();
    }
}
