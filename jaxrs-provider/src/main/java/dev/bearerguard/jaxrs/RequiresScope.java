package dev.bearerguard.jaxrs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scopes a resource method needs, checked against the verified bearer token by the filters
 * that {@link BearerguardFeature} binds at deployment.
 *
 * <pre>{@code
 * @Path("/transactions")
 * @RequiresScope("transactions.read")                  // every method of the class …
 * public class Transactions {
 *     @GET public List<Tx> list() { … }                 // … needs transactions.read
 *
 *     @POST @RequiresScope(anyOf = {"transactions.write", "embed"})   // method wins: either one
 *     public Tx create(NewTx tx) { … }
 *
 *     @PUT @Path("{id}") @RequiresScope({"transactions.write", "buyers.read"})   // both needed
 *     public Tx update(@PathParam("id") String id, NewTx tx) { … }
 * }
 * }</pre>
 *
 * <h2>Precedence</h2>
 * The security annotations are {@code @RequiresScope}, {@code @RolesAllowed}, {@code @PermitAll}
 * and {@code @DenyAll}. When a method carries any of them, the class's are ignored for that method
 * (JSR 250 rule: the method wins). On one element, {@code @RequiresScope} and {@code @RolesAllowed}
 * must both hold; {@code @PermitAll} or {@code @DenyAll} next to any other security annotation is
 * refused at deployment. A method with no security annotation (on itself or its class) needs a
 * valid token and nothing more.
 *
 * <p>Annotations are inherited the JAX-RS way: a method without a security annotation takes those
 * of the method it overrides or implements (superclasses first, then interfaces), and a class
 * without one takes its superclass's, then its interfaces'. An annotated interface method
 * therefore protects every implementation that does not say otherwise.
 *
 * <p>Scopes compare exactly, as the contract says ({@code *.read} grants every {@code x.read};
 * {@code embed} grants only {@code embed}, so an embed token reaches a method only where {@link
 * #anyOf()} or {@link #value()} names {@code embed}). When the verifier has a scope vocabulary, a
 * scope outside it fails the deployment with a message naming the method and the nearest known
 * scope, and so does {@code embed} required next to another scope ({@code {"transactions.write",
 * "embed"}} in {@link #value()}, which no embed token can meet: {@code anyOf} was meant).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresScope {

    /**
     * Scopes that are all needed, e.g. {@code "transactions.read"}. Empty (and {@link #anyOf()}
     * empty) needs only a valid token. A scope here cannot hold {@code |}: alternatives go in
     * {@link #anyOf()}.
     */
    String[] value() default {};

    /**
     * Alternatives, one of which suffices, e.g. {@code {"transactions.write", "embed"}}: the way
     * an operation accepts an embed token. Next to a non-empty {@link #value()}, both hold.
     */
    String[] anyOf() default {};
}
