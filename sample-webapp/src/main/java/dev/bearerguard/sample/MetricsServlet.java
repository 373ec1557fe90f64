package dev.bearerguard.sample;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics}: the guard's meters ({@code BearerguardMetrics}) in the Prometheus text
 * format, for a person to watch the counters move or a Prometheus to scrape. Needs no token, like a
 * typical scrape endpoint on a private port: the sample listens on localhost by default; behind a
 * real deployment, expose it on a management port only. No value in it comes from a token's
 * secret parts (the optional {@code kid} tag is off).
 */
public final class MetricsServlet extends JsonServlet {

    /** The Prometheus text format's content type. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = context().metrics().scrape().getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType(CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
