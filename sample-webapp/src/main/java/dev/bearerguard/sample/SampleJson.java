package dev.bearerguard.sample;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * The one JSON configuration of the sample (Jersey's resources and the plain servlets): Jackson
 * with tight read constraints, numbers read exactly ({@code BigDecimal}, so a pin compares the
 * value the client sent), and every Jackson failure answered 400 with the JSON error body, never a
 * 500 and never Jackson's message (it quotes the input). Thread-safe.
 */
final class SampleJson {

    /** The deepest nesting read: the mock API's bodies are at most three levels deep. */
    static final int MAX_NESTING = 32;
    /** The longest number read, in characters. */
    static final int MAX_NUMBER_LENGTH = 100;

    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxStringLength(RequestBodyLimit.MAX_BODY_BYTES)
                    .build())
            .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private SampleJson() {
    }

    /** Hands Jersey's Jackson provider the sample's mapper. */
    static final class Resolver implements ContextResolver<ObjectMapper> {
        @Override
        public ObjectMapper getContext(Class<?> type) {
            return MAPPER;
        }
    }

    /** A body Jackson cannot read (malformed, too deep, a number too long, the wrong shape): 400. */
    static final class Mapper implements ExceptionMapper<JacksonException> {
        @Override
        public Response toResponse(JacksonException e) {
            return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Problems.body(400, "bad_request", "the body is not a JSON object this operation accepts"))
                    .build();
        }
    }
}
