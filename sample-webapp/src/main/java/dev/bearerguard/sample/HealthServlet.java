package dev.bearerguard.sample;

import dev.bearerguard.core.observe.Health;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * {@code GET /healthz}: needs no token; a readiness probe. 200 {@code {"status":"ok"}} while both
 * verifiers can decide ({@code TokenVerifier.health()}: a key set loaded and fresh enough, the replay
 * store answering); else 503 {@code {"status":"not ready","problems":[…]}}, the problems as core
 * words them (sanitised, no secrets), so a load balancer sends this instance no traffic.
 */
public final class HealthServlet extends JsonServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Health h = Health.of(context().apiVerifier().health(), context().checkoutVerifier().health());
        if (h.ready()) {
            write(response, 200, Map.of("status", "ok"));
        } else {
            write(response, 503, Map.of("status", "not ready", "problems", h.problems()));
        }
    }
}
