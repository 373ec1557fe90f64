package dev.bearerguard.jaxrs;

import dev.bearerguard.core.scope.ScopeRequirement;
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
 *     @POST @RequiresScope({"transactions.write", "buyers.read"})   // method wins: both needed
 *     public Tx create(NewTx tx) { … }
 *
 *     @GET @Path("{id}") @RequiresScope(value = {"transactions.read", "embed"}, mode = ANY_OF)
 *     public Tx one(@PathParam("id") String id) { … }
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
 * {@code embed} grants its bundle). When the verifier has a scope vocabulary, a scope outside it
 * fails the deployment with a message naming the method and the nearest known scope.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresScope {

    /**
     * The scopes, e.g. {@code "transactions.read"}. An empty array with {@link
     * ScopeRequirement.Mode#ALL_OF} needs only a valid token.
     */
    String[] value();

    /**
     * Whether every scope is needed (default) or one suffices.
     */
    ScopeRequirement.Mode mode() default ScopeRequirement.Mode.ALL_OF;
}
