/**
 * The bearer-token contract for JAX-RS 3.1: register {@link dev.bearerguard.jaxrs.BearerguardFeature},
 * annotate resources with {@link dev.bearerguard.jaxrs.RequiresScope} (or {@code @RolesAllowed},
 * {@code @PermitAll}, {@code @DenyAll}) and {@link dev.bearerguard.jaxrs.BindClaim}, and read the
 * verified token through {@link dev.bearerguard.jaxrs.BearerSecurity}. Runtime-neutral: only the
 * JAX-RS and {@code jakarta.annotation} APIs are used.
 */
package dev.bearerguard.jaxrs;
