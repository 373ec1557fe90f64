package dev.bearerguard.sample;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;

/**
 * {@code GET /demo/token?scopes=a,b}: in demo mode only, mints a token with the demo key (10
 * minutes, single-use unless it has {@code embed}) so a person can try other scopes. Outside demo
 * mode it does not exist (404).
 */
public final class DemoTokenServlet extends JsonServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (context().demo().isEmpty()) {
            write(response, 404, Problems.body(404, "not_found", "not found"));
            return;
        }
        String raw = request.getParameter("scopes");
        String[] scopes = raw == null ? new String[] {"*.read", "*.write"}
                : Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toArray(String[]::new);
        String token = context().demo().get().signer().withClock(context().clock()).token().scopes(scopes)
                .lifetime(Duration.ofMinutes(10)).sign();
        response.setStatus(200);
        response.setContentType("text/plain;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(token + "\n");
    }
}
