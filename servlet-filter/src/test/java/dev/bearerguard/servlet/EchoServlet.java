package dev.bearerguard.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Answers every method with what the filter told the application: principal, auth type, a few
 * role checks and the token attribute.
 */
public final class EchoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Object token = req.getAttribute(BearerTokenFilter.TOKEN_ATTRIBUTE);
        String body = "principal=" + (req.getUserPrincipal() == null ? "-" : req.getUserPrincipal().getName())
                + " remoteUser=" + req.getRemoteUser()
                + " authType=" + req.getAuthType()
                + " read=" + req.isUserInRole("transactions.read")
                + " write=" + req.isUserInRole("transactions.write")
                + " embed=" + req.isUserInRole("embed")
                + " pay=" + req.isUserInRole("transactions.write|embed")
                + " any=" + req.isUserInRole("**")
                + " token=" + (token == null ? "-" : token.getClass().getSimpleName());
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().write(body);
    }
}
