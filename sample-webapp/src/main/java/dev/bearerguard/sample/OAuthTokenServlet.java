package dev.bearerguard.sample;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /oauth/token}: OAuth2 client credentials (RFC 6749 §4.4) with HTTP Basic client
 * authentication, answering an opaque {@code access_token} and {@code expires_in}. Errors follow
 * RFC 6749 §5.2. The secret is never logged or echoed.
 */
public final class OAuthTokenServlet extends JsonServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Read the form first: answering before the body is consumed makes the container close a
        // keep-alive connection the client may already be reusing.
        String grant = request.getParameter("grant_type");
        List<String> auth = Collections.list(request.getHeaders("Authorization"));
        String[] client = auth.size() == 1 ? basic(auth.get(0)) : null;
        if (client == null || !known(client[0], client[1])) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + context().realm() + "\"");
            write(response, 401, error("invalid_client", "client authentication failed"));
            return;
        }
        if (!"client_credentials".equals(grant)) {
            write(response, 400, error(grant == null ? "invalid_request" : "unsupported_grant_type",
                    "grant_type must be client_credentials"));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", context().accessTokens().issue(client[0]));
        body.put("token_type", "Bearer");
        body.put("expires_in", AccessTokens.LIFETIME.toSeconds());
        write(response, 200, body);
    }

    private boolean known(String id, String secret) {
        String expected = context().oauthClients().get(id);
        return expected != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code [id, secret]} of a Basic header, or null. */
    private static String[] basic(String header) {
        if (header.length() < 7 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Map<String, Object> error(String code, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", code);
        m.put("error_description", description);
        return m;
    }
}
