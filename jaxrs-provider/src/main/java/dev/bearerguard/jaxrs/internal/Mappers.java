package dev.bearerguard.jaxrs.internal;

import dev.bearerguard.core.PinMismatchException;
import dev.bearerguard.core.TokenRejectedException;
import dev.bearerguard.core.VerifierUnavailableException;
import dev.bearerguard.core.http.RequestGuard;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * The exception mappers the feature installs, so that resource code may throw the core's
 * exceptions and get the contract's answers — the guard's, logged as the guard logs. Each mapper
 * is immutable and thread-safe.
 */
public final class Mappers {

    private Mappers() {
    }

    /** {@link TokenRejectedException} → its 400, 401 or 403 answer. */
    public static final class TokenRejected implements ExceptionMapper<TokenRejectedException> {
        private final RequestGuard guard;

        /** @param guard the feature's guard */
        public TokenRejected(RequestGuard guard) {
            this.guard = guard;
        }

        @Override
        public Response toResponse(TokenRejectedException e) {
            return Answers.of(guard.refusal(e.error()));
        }
    }

    /** {@link PinMismatchException} → 403 naming the pinned field or bound claim. */
    public static final class PinMismatch implements ExceptionMapper<PinMismatchException> {
        private final RequestGuard guard;

        /** @param guard the feature's guard */
        public PinMismatch(RequestGuard guard) {
            this.guard = guard;
        }

        @Override
        public Response toResponse(PinMismatchException e) {
            return Answers.of(guard.refusal(e.error()));
        }
    }

    /** {@link VerifierUnavailableException} → 503, never 401. */
    public static final class VerifierUnavailable implements ExceptionMapper<VerifierUnavailableException> {
        private final RequestGuard guard;

        /** @param guard the feature's guard */
        public VerifierUnavailable(RequestGuard guard) {
            this.guard = guard;
        }

        @Override
        public Response toResponse(VerifierUnavailableException e) {
            return Answers.of(guard.unavailable(e));
        }
    }
}
