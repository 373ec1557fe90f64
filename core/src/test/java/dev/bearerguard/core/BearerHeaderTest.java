package dev.bearerguard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BearerHeaderTest {

    static Reason reasonOf(List<String> values) {
        try {
            BearerHeader.extract(values);
            return null;
        } catch (TokenRejectedException e) {
            return e.reason();
        }
    }

    @Test
    void extractWhenSchemeInAnyCaseThenToken() throws Exception {
        assertThat(BearerHeader.extract(List.of("Bearer a.b.c"))).isEqualTo("a.b.c");
        assertThat(BearerHeader.extract(List.of("bearer a.b.c"))).isEqualTo("a.b.c");
        assertThat(BearerHeader.extract(List.of("BEARER   a.b.c  "))).isEqualTo("a.b.c");
    }

    @Test
    void extractWhenNoHeaderOrOtherSchemeThenNoCredentials() {
        assertThat(reasonOf(List.of())).isEqualTo(Reason.NO_CREDENTIALS);
        assertThat(reasonOf(List.of("Basic dXNlcjpwYXNz"))).isEqualTo(Reason.NO_CREDENTIALS);
    }

    @Test
    void extractWhenTwoHeadersOrNoTokenOrTwoTokensThenInvalidRequest() {
        assertThat(reasonOf(List.of("Bearer a.b.c", "Bearer d.e.f"))).isEqualTo(Reason.INVALID_REQUEST);
        assertThat(reasonOf(List.of("Bearer"))).isEqualTo(Reason.INVALID_REQUEST);
        assertThat(reasonOf(List.of("Bearer    "))).isEqualTo(Reason.INVALID_REQUEST);
        assertThat(reasonOf(List.of(""))).isEqualTo(Reason.INVALID_REQUEST);
        assertThat(reasonOf(List.of("Bearer a.b.c d.e.f"))).isEqualTo(Reason.INVALID_REQUEST);
        assertThat(reasonOf(List.of("Bearer a.b.\u00e9"))).isEqualTo(Reason.INVALID_REQUEST);
    }

    @Test
    void errorBodyInTheReferenceApiStyleWithEscapedMessage() {
        assertThat(BearerHeader.errorBody(BearerError.of(Reason.EXPIRED, "token expired")))
                .isEqualTo("{\"type\":\"error\",\"code\":\"unauthorized\",\"status\":401,\"message\":\"token expired\"}");
        assertThat(BearerHeader.errorBody(503, "replay store \"down\""))
                .isEqualTo("{\"type\":\"error\",\"code\":\"service_unavailable\",\"status\":503,\"message\":\"replay store \\\"down\\\"\"}");
        assertThat(BearerHeader.errorBody(BearerError.of(Reason.NO_CREDENTIALS, ""))).contains("bearer token required");
    }

    @Test
    void rejectionLogStringNamesOnlyKidJtiIssAndReason() {
        TokenRejectedException e = new TokenRejectedException(BearerError.of(Reason.REPLAYED, "token was already used"),
                "kid1", "jti\n1\u2028\u0085", null);
        assertThat(e.toLogString()).isEqualTo("reason=replayed kid=kid1 jti=jti\\u000a1\\u2028\\u0085 iss=-");
        assertThatThrownBy(() -> new TokenRejectedException(null)).isInstanceOf(NullPointerException.class);
    }

    static String descriptionOf(List<String> values) {
        try {
            BearerHeader.extract(values);
            return null;
        } catch (TokenRejectedException e) {
            return e.error().description();
        }
    }

    @Test
    void extractWhenTheTokenHoldsASpaceOrDelOrNonAsciiThenInvalidRequest() {
        assertThat(descriptionOf(List.of("Bearer a b"))).isEqualTo("Authorization header holds more than one token or illegal characters");
        assertThat(descriptionOf(List.of("Bearer a\u007fb"))).isEqualTo("Authorization header holds more than one token or illegal characters");
        assertThat(descriptionOf(List.of("Bearer a\u0080b"))).isEqualTo("Authorization header holds more than one token or illegal characters");
        assertThat(descriptionOf(List.of("Bearer a\u001fb"))).isEqualTo("Authorization header holds more than one token or illegal characters");
    }

    @Test
    void extractWhenTheTokenIsAllVisibleAsciiThenTakenWhole() throws Exception {
        String visible = "!~" + "abc-._~+/=" + "\u0021\u007e";
        assertThat(BearerHeader.extract(List.of("Bearer " + visible))).isEqualTo(visible);
    }

    @Test
    void extractWhenTheSchemeStandsAloneOrTheHeaderIsBlankThenTheDescriptionSaysWhich() {
        assertThat(descriptionOf(List.of("Bearer"))).isEqualTo("Authorization header carries no token");
        assertThat(descriptionOf(List.of("Bearer \t "))).isEqualTo("Authorization header carries no token");
        assertThat(descriptionOf(List.of("  "))).isEqualTo("Authorization header is empty");
        assertThat(descriptionOf(List.of("Bearer x", "Bearer y"))).isEqualTo("more than one Authorization header");
    }
}
