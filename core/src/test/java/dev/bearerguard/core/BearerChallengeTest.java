package dev.bearerguard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BearerChallengeTest {

    @Test
    void formatWhenNoCredentialsThenRealmOnlyWithoutErrorCode() {
        assertThat(BearerChallenge.format("payments", BearerError.of(Reason.NO_CREDENTIALS, "")))
                .isEqualTo("Bearer realm=\"payments\"");
    }

    @Test
    void formatWhenInvalidTokenThenErrorAndDescription() {
        assertThat(BearerChallenge.format("payments", BearerError.of(Reason.EXPIRED, "token expired")))
                .isEqualTo("Bearer realm=\"payments\", error=\"invalid_token\", error_description=\"token expired\"");
    }

    @Test
    void formatWhenInvalidRequestThen400Code() {
        BearerError e = BearerError.of(Reason.INVALID_REQUEST, "more than one Authorization header");
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(BearerChallenge.format("", e)).isEqualTo(
                "Bearer error=\"invalid_request\", error_description=\"more than one Authorization header\"");
    }

    @Test
    void formatWhenInsufficientScopeThenScopeAttribute() {
        BearerError e = new BearerError(Reason.INSUFFICIENT_SCOPE, "the token lacks a scope this request needs",
                List.of("transactions.read", "buyers.read"));
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(BearerChallenge.format("r", e)).isEqualTo("Bearer realm=\"r\", error=\"insufficient_scope\", "
                + "error_description=\"the token lacks a scope this request needs\", scope=\"transactions.read buyers.read\"");
    }

    @Test
    void errorWhenDescriptionOrRealmHoldsForbiddenCharactersThenRefused() {
        assertThatThrownBy(() -> BearerError.of(Reason.EXPIRED, "say \"hi\"")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BearerError.of(Reason.EXPIRED, "back\\slash")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BearerError.of(Reason.EXPIRED, "new\nline")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BearerError.of(Reason.EXPIRED, "caf\u00e9")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BearerChallenge.format("a\"b", BearerError.of(Reason.EXPIRED, "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyReasonMapsToTheContractStatus() {
        assertThat(Reason.NO_CREDENTIALS.errorCode().httpStatus()).isEqualTo(401);
        assertThat(Reason.INVALID_REQUEST.errorCode().httpStatus()).isEqualTo(400);
        for (Reason r : new Reason[] {Reason.EXPIRED, Reason.REPLAYED, Reason.UNKNOWN_KEY, Reason.BAD_SIGNATURE,
                Reason.MALFORMED, Reason.TIMESTAMP_IN_MILLISECONDS}) {
            assertThat(r.errorCode()).isEqualTo(ErrorCode.INVALID_TOKEN);
        }
        for (Reason r : new Reason[] {Reason.INSUFFICIENT_SCOPE, Reason.MERCHANT_NOT_ALLOWED, Reason.PIN_MISMATCH,
                Reason.ACCESS_LEVEL, Reason.CLAIM_MISMATCH}) {
            assertThat(r.errorCode().httpStatus()).isEqualTo(403);
            assertThat(r.errorCode().value()).isEqualTo("insufficient_scope");
        }
        assertThat(Reason.TIMESTAMP_IN_MILLISECONDS.value()).isEqualTo("timestamp_in_milliseconds");
    }
}
