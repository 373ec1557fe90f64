package dev.bearerguard.jaxrs.internal;

import dev.bearerguard.core.http.GuardAnswer;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Writes the core guard's answers as JAX-RS responses, exactly as the servlet filter writes them:
 * status, headers ({@code WWW-Authenticate}, {@code Retry-After}, {@code Cache-Control}) and the
 * JSON body. Stateless and thread-safe.
 */
public final class Answers {

    private static final MediaType JSON = MediaType.valueOf(GuardAnswer.CONTENT_TYPE);

    private Answers() {
    }

    /** The response for a guard's answer that does not allow the request. */
    public static Response of(GuardAnswer answer) {
        Response.ResponseBuilder r = Response.status(answer.status());
        answer.headers().forEach(r::header);
        return r.type(JSON).entity(answer.body()).build();
    }
}
