/**
 * The strict JSON reader and writer the verifier reads tokens with, public so that tools built on
 * core (the CLI's {@code mint} and {@code --json} output, tests) read and write JSON exactly as the
 * verifier does instead of through a second parser. {@link dev.bearerguard.core.json.StrictJson}
 * refuses what RFC 8259 refuses and what a lenient parser would let through (duplicate names,
 * lone surrogates, numbers past fixed bounds, deep nesting); {@link
 * dev.bearerguard.core.json.JsonWriter} writes its values back. Both are stateless and
 * thread-safe.
 */
package dev.bearerguard.core.json;
