package dev.bearerguard.sample;

import com.fasterxml.jackson.core.JacksonException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * {@code POST /merchant/checkout-token}: plays the merchant's back end for the checkout page. It
 * holds an OAuth client of the sample (the demo client, or the first {@code --oauth-client}) and
 * asks for a checkout token for the body's {@code customer_id} and {@code invoice_id}. The page calls
 * it at start and whenever the API says the checkout token expired. It answers only in demo mode
 * or with {@code --merchant-backend} ({@link SampleServer.Builder#merchantBackend()}): it mints
 * checkout tokens for anyone who asks, as a mock of a back end that would check its own session.
 */
public final class MerchantBackendServlet extends JsonServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!context().merchantBackend()) {
            // Off outside demo mode unless asked for: it hands checkout tokens to anyone.
            write(response, 404, Problems.body(404, "not_found", "not found"));
            return;
        }
        if (context().oauthClients().isEmpty()) {
            write(response, 503, Problems.body(503, "service_unavailable",
                    "the merchant back end has no OAuth client (start the sample with --oauth-client ID:SECRET)"));
            return;
        }
        Map<?, ?> body;
        try {
            body = JSON.readValue(request.getInputStream(), Map.class);
        } catch (JacksonException e) {
            write(response, 400, Problems.body(400, "bad_request", "a JSON object is required"));
            return;
        }
        String clientId = context().oauthClients().keySet().iterator().next();
        CheckoutTokens.Result r = CheckoutTokens.mint(context(), clientId, body == null ? null : body.get("customer_id"),
                body == null ? null : body.get("invoice_id"));
        if (r.refusal().isPresent()) {
            int status = r.refusal().get().status();
            write(response, status, Problems.body(status, status == 404 ? "not_found" : "bad_request",
                    r.refusal().get().message()));
            return;
        }
        write(response, 200, r.body().get());
    }
}
