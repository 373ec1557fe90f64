package dev.bearerguard.core.keys;

/** How much of the API a key may reach. */
public enum AccessLevel {
    /** Every resource its token's scopes grant. */
    FULL,
    /**
     * Only the resources used to take payments (see {@code Authorizer.withProcessingResources}; default {@code Authorizer.DEFAULT_PROCESSING_RESOURCES}),
     * whatever scopes its tokens carry.
     */
    PROCESSING_ONLY
}
