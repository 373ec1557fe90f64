package dev.bearerguard.jaxrs.internal;

import dev.bearerguard.core.PinMismatchException;
import dev.bearerguard.core.TokenRejectedException;
import dev.bearerguard.core.VerifierUnavailableException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * The exception mappers the feature installs, so that resource code may throw the core's
 * exceptions and get the contract's answers. Each mapper is immutable and thread-safe.
 */
public final class Mappers {

    private static final System.Logger LOG = System.getLogger("dev.bearerguard.jaxrs");

    private Mappers() {
    }

    /** {@link TokenRejectedException} → its 400, 401 or 403 answer. */
    public static final class TokenRejected implements ExceptionMapper<TokenRejectedException> {
        private final String realm;

        /** @param realm the realm for challenges */
        public TokenRejected(String realm) {
            this.realm = realm;
        }

        @Override
        public Response toResponse(TokenRejectedException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "bearer token refused: " + e.toLogString());
            return Answers.of(realm, e.error());
        }
    }

    /** {@link PinMismatchException} → 403 naming the pinned field or bound claim. */
    public static final class PinMismatch implements ExceptionMapper<PinMismatchException> {
        private final String realm;

        /** @param realm the realm for challenges */
        public PinMismatch(String realm) {
            this.realm = realm;
        }

        @Override
        public Response toResponse(PinMismatchException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "request refused: reason=" + e.error().reason().value());
            return Answers.of(realm, e.error());
        }
    }

    /** {@link VerifierUnavailableException} → 503, never 401. */
    public static final class VerifierUnavailable implements ExceptionMapper<VerifierUnavailableException> {
        @Override
        public Response toResponse(VerifierUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "token verifier unavailable: " + e.getMessage());
            return Answers.unavailable();
        }
    }
}
