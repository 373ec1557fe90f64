package dev.bearerguard.sample;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Caps every request body at {@value #MAX_BODY_BYTES} bytes, before anything reads it (the token
 * included, so an oversized request burns no {@code jti}): a declared {@code Content-Length} above
 * the cap, or a chunked body that grows past it, is answered {@code 413} with the JSON error body.
 * A body within the cap is read once into memory and handed on. Form bodies are left to the
 * container's own form limit (set to the same cap by {@link SampleServer}), which parses them from
 * the connection. Thread-safe.
 */
public final class RequestBodyLimit extends HttpFilter {
    private static final long serialVersionUID = 1L;

    /** The largest body read: 64 KiB, far more than any of the mock API's operations takes. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long declared = request.getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            tooLarge(response);
            return;
        }
        String type = request.getContentType();
        if (declared == 0 || (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded"))) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            tooLarge(response);
            return;
        }
        chain.doFilter(new Buffered(request, body), response);
    }

    private static void tooLarge(HttpServletResponse response) throws IOException {
        response.setHeader("Connection", "close"); // the rest of the body is not read
        JsonServlet.write(response, 413, Problems.body(413, "payload_too_large",
                "the request body is larger than " + MAX_BODY_BYTES + " bytes"));
    }

    /** A request whose body was read already. */
    private static final class Buffered extends HttpServletRequestWrapper {
        private final byte[] body;
        private final ServletInputStream stream;

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
            this.stream = stream(new ByteArrayInputStream(body));
        }

        /** One stream for the request's life, as the container's: a second call does not start over. */
        @Override
        public ServletInputStream getInputStream() {
            return stream;
        }

        private static ServletInputStream stream(ByteArrayInputStream in) {
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body was read already; no async reads");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String enc = getCharacterEncoding();
            Charset cs;
            try {
                cs = enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc);
            } catch (IllegalArgumentException e) {
                cs = StandardCharsets.UTF_8; // an unknown charset name must not become a 500
            }
            return new BufferedReader(new InputStreamReader(stream, cs));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
