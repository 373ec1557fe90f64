package dev.bearerguard.servlet;

import dev.bearerguard.core.BearerPrincipal;
import dev.bearerguard.core.VerifiedToken;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The contract test's resource: answers the verified token's {@code jti} (on {@code
 * /contract/merchant}, the principal's merchant account, or {@code -}; on {@code /contract/roles},
 * {@code isUserInRole} for each of the contract's roles), after checking that the principal and the
 * request attribute carry the same token.
 */
public final class JtiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        answer(req, resp);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        answer(req, resp);
    }

    private static void answer(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Object attribute = req.getAttribute(BearerTokenFilter.TOKEN_ATTRIBUTE);
        if (!(attribute instanceof VerifiedToken token)
                || !(req.getUserPrincipal() instanceof BearerPrincipal principal)
                || principal.token() != token
                || !"Bearer".equals(req.getAuthType())) {
            resp.sendError(500, "the filter did not hand the token over consistently");
            return;
        }
        resp.setContentType("text/plain;charset=UTF-8");
        if ("/roles".equals(req.getPathInfo())) {
            StringBuilder sb = new StringBuilder();
            for (String role : dev.bearerguard.contract.BearerContractTest.ROLES) {
                sb.append(sb.length() == 0 ? "" : ",").append(role).append('=').append(req.isUserInRole(role));
            }
            resp.getWriter().write(sb.toString());
            return;
        }
        if ("/merchant".equals(req.getPathInfo())) {
            resp.getWriter().write(principal.merchantAccount().orElse("-"));
            return;
        }
        resp.getWriter().write(token.jti().orElse(""));
    }
}
