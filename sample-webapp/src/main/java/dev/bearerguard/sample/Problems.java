package dev.bearerguard.sample;

import dev.bearerguard.core.BearerChallenge;
import dev.bearerguard.core.BearerError;
import dev.bearerguard.core.BearerHeader;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** Error answers in the reference API's style: {@code {"type":"error","code":…,"status":…,"message":…}}. */
final class Problems {

    private Problems() {
    }

    static Map<String, Object> body(int status, String code, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "error");
        m.put("code", code);
        m.put("status", status);
        m.put("message", message);
        return m;
    }

    static WebApplicationException badRequest(String message) {
        return new WebApplicationException(Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(400, "bad_request", message)).build());
    }

    static WebApplicationException notFound(String message) {
        return new WebApplicationException(Response.status(404).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(404, "not_found", message)).build());
    }

    /** A bearer refusal with its challenge, as the adapters answer. */
    static Response bearer(String realm, BearerError error) {
        return Response.status(error.httpStatus())
                .header(HttpHeaders.WWW_AUTHENTICATE, BearerChallenge.format(realm, error))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(BearerHeader.errorBody(error))
                .build();
    }
}
