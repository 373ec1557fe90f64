package dev.bearerguard.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The base of the sample's plain servlets: the shared context and JSON answers. */
abstract class JsonServlet extends HttpServlet {

    static final ObjectMapper JSON = SampleJson.MAPPER;

    private transient SampleContext context;

    @Override
    public void init() throws ServletException {
        context = SampleContext.of(getServletContext());
    }

    SampleContext context() {
        return context;
    }

    static void write(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
