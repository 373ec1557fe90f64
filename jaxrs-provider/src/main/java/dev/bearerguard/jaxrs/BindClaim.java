package dev.bearerguard.jaxrs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Claim binding: the request's path parameter must equal one of the token's string claims, so a
 * token issued for one customer or invoice cannot be used for another.
 *
 * <pre>{@code
 * @GET @Path("/customers/{customerId}/invoices/{invoiceId}")
 * @BindClaim(claim = "customer_id", pathParam = "customerId")
 * @BindClaim(claim = "invoice_id", pathParam = "invoiceId")
 * public Invoice invoice(@PathParam("customerId") String c, @PathParam("invoiceId") String i) { … }
 * }</pre>
 *
 * <p>A token without the claim, a claim that is not a string, or a path parameter with another
 * (decoded) value is answered 403 {@code insufficient_scope} with a description naming the claim,
 * never its value. With {@link #required()} false, a token that does not carry the claim at all
 * passes the binding (the method decides), while a token carrying it is still held to it:
 * {@code @BindClaim(claim = "checkout_session_id", pathParam = "id", required = false)} lets a token
 * of checkout session B read session B only, and a token without a session id reach the method. Bindings on the class and on the method all apply. A binding on a method that
 * needs no token ({@code @PermitAll}) is refused at deployment, as is a binding naming a path
 * parameter that the resource's {@code @Path} templates do not declare.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Repeatable(BindClaim.List.class)
public @interface BindClaim {

    /** The token's claim, e.g. {@code invoice_id}. */
    String claim();

    /** The path parameter (the name in the {@code @Path} template), e.g. {@code invoiceId}. */
    String pathParam();

    /** Whether a token without the claim is refused (default); false lets it through to the method. */
    boolean required() default true;

    /** Holds repeated {@link BindClaim}s; written by the compiler. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @interface List {
        /** The bindings. */
        BindClaim[] value();
    }
}
