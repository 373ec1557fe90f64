package com.example.payments;

import dev.bearerguard.jaxrs.BearerSecurity;
import dev.bearerguard.jaxrs.RequiresScope;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** The README example's resource: user code, written against the public API only. */
@Path("/transactions")
@RequiresScope("transactions.read")
public class Transactions {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String list(@Context SecurityContext security) {
        return "transactions for " + BearerSecurity.requireToken(security).jti().orElseThrow();
    }
}
