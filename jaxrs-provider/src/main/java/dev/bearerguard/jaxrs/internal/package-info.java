/**
 * The feature's filters, mappers and annotation reading. Not API: types here may change in any
 * release; depend on {@code dev.bearerguard.jaxrs} only.
 */
package dev.bearerguard.jaxrs.internal;
