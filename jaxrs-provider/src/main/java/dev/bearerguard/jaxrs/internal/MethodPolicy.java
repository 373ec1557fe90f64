package dev.bearerguard.jaxrs.internal;

import dev.bearerguard.core.DurationSyntax;
import dev.bearerguard.core.limit.RateLimit;
import dev.bearerguard.core.scope.ScopeRequirement;
import dev.bearerguard.core.scope.ScopeVocabulary;
import dev.bearerguard.jaxrs.BindClaim;
import dev.bearerguard.jaxrs.RateLimited;
import dev.bearerguard.jaxrs.RequiresScope;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one resource method needs, read from its annotations once at deployment.
 *
 * <p>Immutable and thread-safe.
 *
 * @param access       whether a token is needed, not looked at, or never enough
 * @param requirements scope requirements that must all hold (from {@code @RequiresScope} and
 *                     {@code @RolesAllowed}); never empty for {@link Access#AUTHENTICATED}: at
 *                     least {@link ScopeRequirement#none()}, so the merchant check always runs
 * @param bindings     claim bindings, class's then method's
 * @param rateLimit    the per-token limit ({@code @RateLimited}), if any
 * @param where        {@code Class#method}, for messages and as the rate-limit bucket's operation
 */
public record MethodPolicy(Access access, List<ScopeRequirement> requirements, List<ClaimBinding> bindings,
        Optional<RateLimit> rateLimit, String where) {

    /** Whether the method needs a token. */
    public enum Access {
        /** A valid token is needed (the default for a method without a security annotation). */
        AUTHENTICATED,
        /** {@code @PermitAll}: no token is needed and none is looked at. */
        PERMIT_ALL,
        /** {@code @DenyAll}: every request is refused with 403. */
        DENY_ALL
    }

    /**
     * One {@link BindClaim}.
     *
     * @param claim     the token's claim
     * @param pathParam the path parameter that must equal it
     * @param required  whether a token without the claim is refused
     */
    public record ClaimBinding(String claim, String pathParam, boolean required) {
        /** @throws NullPointerException if a member is null */
        public ClaimBinding {
            Objects.requireNonNull(claim, "claim");
            Objects.requireNonNull(pathParam, "pathParam");
        }
    }

    /** @throws NullPointerException if a member is null */
    public MethodPolicy {
        Objects.requireNonNull(access, "access");
        requirements = List.copyOf(requirements);
        bindings = List.copyOf(bindings);
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(where, "where");
    }

    /** The operation the core's request guard decides requests of this method by. */
    public dev.bearerguard.core.http.Operation operation() {
        dev.bearerguard.core.http.Operation.Access a = switch (access) {
            case AUTHENTICATED -> dev.bearerguard.core.http.Operation.Access.TOKEN;
            case PERMIT_ALL -> dev.bearerguard.core.http.Operation.Access.PUBLIC;
            case DENY_ALL -> dev.bearerguard.core.http.Operation.Access.NOBODY;
        };
        return new dev.bearerguard.core.http.Operation(where, a, requirements,
                bindings.stream().map(b -> new dev.bearerguard.core.http.Operation.ClaimBinding(b.claim(), b.pathParam(),
                        b.required())).toList(), rateLimit);
    }

    /** The policy the safety-net filter applies where no method policy was bound: a valid token. */
    public static MethodPolicy authenticated(String where) {
        return new MethodPolicy(Access.AUTHENTICATED, List.of(ScopeRequirement.none()), List.of(), Optional.empty(), where);
    }

    /**
     * Reads the security annotations of a resource method and its class (see {@code RequiresScope}
     * for the precedence rules).
     *
     * @param type       the resource class
     * @param method     the resource method
     * @param vocabulary the verifier's scope vocabulary, if any
     * @return the policy
     * @throws IllegalStateException with a message naming the method, when the annotations
     *     contradict each other, name an unknown scope, or bind a claim to a path parameter the
     *     resource does not declare
     */
    public static MethodPolicy read(Class<?> type, Method method, Optional<ScopeVocabulary> vocabulary) {
        String where = type.getName() + "#" + method.getName();
        List<Method> methods = methodChain(type, method);
        List<Class<?>> types = typeChain(type);
        AnnotatedElement decisive = methods.stream().filter(MethodPolicy::hasSecurityAnnotation)
                .<AnnotatedElement>map(m -> m).findFirst()
                .or(() -> types.stream().filter(MethodPolicy::hasSecurityAnnotation).<AnnotatedElement>map(c -> c).findFirst())
                .orElse(null);

        Access access = Access.AUTHENTICATED;
        List<ScopeRequirement> requirements = new ArrayList<>();
        if (decisive != null) {
            boolean permit = decisive.isAnnotationPresent(PermitAll.class);
            boolean deny = decisive.isAnnotationPresent(DenyAll.class);
            RequiresScope scopes = decisive.getAnnotation(RequiresScope.class);
            RolesAllowed roles = decisive.getAnnotation(RolesAllowed.class);
            int count = (permit ? 1 : 0) + (deny ? 1 : 0) + (scopes != null ? 1 : 0) + (roles != null ? 1 : 0);
            if ((permit || deny) && count > 1) {
                throw fail(where, "@" + (permit ? "PermitAll" : "DenyAll")
                        + " cannot stand next to another security annotation on the same element");
            }
            if (permit) {
                access = Access.PERMIT_ALL;
            } else if (deny) {
                access = Access.DENY_ALL;
            }
            if (scopes != null) {
                if (scopes.value().length > 0 || scopes.anyOf().length == 0) {
                    requirements.add(requirement(where, "@RequiresScope", ScopeRequirement.Mode.ALL_OF, scopes.value(),
                            vocabulary));
                }
                if (scopes.anyOf().length > 0) {
                    requirements.add(requirement(where, "@RequiresScope(anyOf)", ScopeRequirement.Mode.ANY_OF,
                            scopes.anyOf(), vocabulary));
                }
            }
            if (roles != null) {
                if (roles.value().length == 0) {
                    throw fail(where, "@RolesAllowed({}) names no scope; use @DenyAll to refuse everyone");
                }
                requirements.add(requirement(where, "@RolesAllowed", ScopeRequirement.Mode.ANY_OF, roles.value(),
                        vocabulary));
            }
        }
        if (access == Access.AUTHENTICATED && requirements.isEmpty()) {
            requirements.add(ScopeRequirement.none());
        }

        // Claim bindings only ever narrow access, so every one found in the hierarchy applies.
        List<ClaimBinding> bindings = new ArrayList<>();
        List<AnnotatedElement> bindingSources = new ArrayList<>(types);
        bindingSources.addAll(methods);
        for (AnnotatedElement e : bindingSources) {
            for (BindClaim b : e.getAnnotationsByType(BindClaim.class)) {
                if (b.claim().isEmpty() || b.pathParam().isEmpty()) {
                    throw fail(where, "@BindClaim needs a claim and a path parameter");
                }
                if (!declaresPathParam(type, methods, b.pathParam())) {
                    throw fail(where, "@BindClaim names path parameter `" + b.pathParam()
                            + "` but the resource's @Path templates do not declare {" + b.pathParam() + "}");
                }
                ClaimBinding binding = new ClaimBinding(b.claim(), b.pathParam(), b.required());
                if (!bindings.contains(binding)) {
                    bindings.add(binding);
                }
            }
        }
        if (access == Access.PERMIT_ALL && !bindings.isEmpty()) {
            throw fail(where, "@BindClaim cannot be enforced on a @PermitAll method, which looks at no token");
        }
        Optional<RateLimit> limit = rateLimit(where, methods, types);
        if (limit.isPresent() && access != Access.AUTHENTICATED) {
            throw fail(where, "@RateLimited counts tokens; a " + (access == Access.PERMIT_ALL ? "@PermitAll" : "@DenyAll")
                    + " method has none to count");
        }
        return new MethodPolicy(access, access == Access.AUTHENTICATED ? requirements : List.of(), bindings, limit, where);
    }

    /** The nearest {@code @RateLimited}: on the method chain first, then the type chain. */
    private static Optional<RateLimit> rateLimit(String where, List<Method> methods, List<Class<?>> types) {
        List<AnnotatedElement> order = new ArrayList<>(methods);
        order.addAll(types);
        for (AnnotatedElement e : order) {
            RateLimited r = e.getAnnotation(RateLimited.class);
            if (r != null) {
                try {
                    return Optional.of(new RateLimit(r.requests(), DurationSyntax.parse(r.per())));
                } catch (IllegalArgumentException ex) {
                    throw fail(where, "@RateLimited: " + ex.getMessage());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code method} is an HTTP method of a sub-resource class (no {@code @Path} on the
     * class) that carries no security annotation, on itself or its class: the locator's
     * annotations do not reach it, which deserves a warning at deployment.
     */
    public static boolean isUnannotatedSubResource(Class<?> type, Method method) {
        List<Method> methods = methodChain(type, method);
        if (type.isAnnotationPresent(Path.class) || typeChain(type).stream().anyMatch(MethodPolicy::hasSecurityAnnotation)
                || methods.stream().anyMatch(MethodPolicy::hasSecurityAnnotation)) {
            return false;
        }
        for (Method m : methods) {
            for (java.lang.annotation.Annotation a : m.getAnnotations()) {
                if (a.annotationType().isAnnotationPresent(jakarta.ws.rs.HttpMethod.class)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The method and the methods it overrides or implements, nearest first: as declared in the
     * resource class, its superclasses, then its interfaces (the JAX-RS annotation-inheritance
     * order), so an annotation on an interface or a base class is not lost.
     */
    static List<Method> methodChain(Class<?> type, Method method) {
        Map<TypeVariable<?>, Type> arguments = typeArguments(type);
        List<Method> out = new ArrayList<>();
        for (Class<?> c : typeChain(type)) {
            for (Method m : c.getDeclaredMethods()) {
                if (!m.isBridge() && !m.isSynthetic() && m.getName().equals(method.getName())
                        && overrides(m, method, arguments)) {
                    out.add(m);
                }
            }
        }
        // The runtime may hand over the declaration it matched (an interface's, say); the most
        // derived declaration still comes first. A method outside the hierarchy goes last.
        if (!out.contains(method)) {
            out.add(method);
        }
        return out;
    }

    /**
     * Whether {@code candidate} (declared somewhere in the hierarchy) has the parameter types of
     * {@code method} once the hierarchy's type arguments are put in: {@code create(T)} of {@code
     * Api<Foo>} matches {@code create(Foo)}, not {@code create(Bar)}.
     */
    private static boolean overrides(Method candidate, Method method, Map<TypeVariable<?>, Type> arguments) {
        Type[] generic = candidate.getGenericParameterTypes();
        Class<?>[] actual = method.getParameterTypes();
        if (generic.length != actual.length) {
            return false;
        }
        for (int i = 0; i < generic.length; i++) {
            if (erase(generic[i], arguments) != actual[i]) {
                return false;
            }
        }
        return true;
    }

    /** The type arguments the class gives to the type variables of its superclasses and interfaces. */
    private static Map<TypeVariable<?>, Type> typeArguments(Class<?> type) {
        Map<TypeVariable<?>, Type> map = new HashMap<>();
        java.util.ArrayDeque<Type> queue = new java.util.ArrayDeque<>();
        queue.add(type);
        java.util.Set<Type> seen = new java.util.HashSet<>();
        while (!queue.isEmpty()) {
            Type t = queue.poll();
            if (!seen.add(t)) {
                continue;
            }
            Class<?> raw = t instanceof ParameterizedType p ? (Class<?>) p.getRawType() : t instanceof Class<?> c ? c : null;
            if (raw == null) {
                continue;
            }
            if (t instanceof ParameterizedType p) {
                TypeVariable<?>[] vars = raw.getTypeParameters();
                Type[] args = p.getActualTypeArguments();
                for (int i = 0; i < vars.length && i < args.length; i++) {
                    map.put(vars[i], args[i]);
                }
            }
            if (raw.getGenericSuperclass() != null) {
                queue.add(raw.getGenericSuperclass());
            }
            queue.addAll(List.of(raw.getGenericInterfaces()));
        }
        return map;
    }

    private static Class<?> erase(Type t, Map<TypeVariable<?>, Type> arguments) {
        for (int guard = 0; t instanceof TypeVariable<?> v && arguments.containsKey(v) && guard < 64; guard++) {
            t = arguments.get(v);
        }
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (t instanceof GenericArrayType a) {
            return java.lang.reflect.Array.newInstance(erase(a.getGenericComponentType(), arguments), 0).getClass();
        }
        if (t instanceof TypeVariable<?> v) {
            return erase(v.getBounds()[0], arguments);
        }
        if (t instanceof WildcardType w) {
            return erase(w.getUpperBounds()[0], arguments);
        }
        return Object.class;
    }

    /** The class, its superclasses (without {@code Object}), then every interface, breadth first. */
    static List<Class<?>> typeChain(Class<?> type) {
        List<Class<?>> out = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            out.add(c);
        }
        java.util.ArrayDeque<Class<?>> queue = new java.util.ArrayDeque<>();
        for (Class<?> c : List.copyOf(out)) {
            queue.addAll(List.of(c.getInterfaces()));
        }
        while (!queue.isEmpty()) {
            Class<?> i = queue.poll();
            if (!out.contains(i)) {
                out.add(i);
                queue.addAll(List.of(i.getInterfaces()));
            }
        }
        return out;
    }

    private static boolean hasSecurityAnnotation(AnnotatedElement e) {
        return e.isAnnotationPresent(RequiresScope.class) || e.isAnnotationPresent(RolesAllowed.class)
                || e.isAnnotationPresent(PermitAll.class) || e.isAnnotationPresent(DenyAll.class);
    }

    private static ScopeRequirement requirement(String where, String annotation, ScopeRequirement.Mode mode,
            String[] scopes, Optional<ScopeVocabulary> vocabulary) {
        ScopeRequirement r;
        try {
            r = new ScopeRequirement(mode, List.of(scopes));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw fail(where, annotation + ": " + e.getMessage());
        }
        for (String s : r.scopes()) {
            if (s.indexOf('|') >= 0) {
                throw fail(where, annotation + ": `" + s + "` holds `|`; write alternatives as @RequiresScope(anyOf = {…})");
            }
        }
        if (vocabulary.isPresent()) {
            List<String> problems = vocabulary.get().problems(r);
            if (!problems.isEmpty()) {
                throw fail(where, annotation + ": " + problems.get(0));
            }
        }
        return r;
    }

    /**
     * Whether {@code {name}} (or {@code {name: regex}}) occurs in the class's or the method's
     * {@code @Path}. A class without {@code @Path} is a sub-resource whose locator's template is
     * unknown here: then the binding is accepted, and a missing parameter is refused per request.
     */
    private static boolean declaresPathParam(Class<?> type, List<Method> methods, String name) {
        Path typePath = type.getAnnotation(Path.class);
        if (typePath == null) {
            return true;
        }
        Pattern p = Pattern.compile("\\{\\s*" + Pattern.quote(name) + "\\s*[:}]");
        if (p.matcher(typePath.value()).find()) {
            return true;
        }
        for (Method m : methods) {
            Path methodPath = m.getAnnotation(Path.class);
            if (methodPath != null && p.matcher(methodPath.value()).find()) {
                return true;
            }
        }
        return false;
    }

    private static IllegalStateException fail(String where, String message) {
        return new IllegalStateException("bearerguard: " + where + ": " + message);
    }
}
