package io.segcheck.impl.page;

/**
 * Lifecycle of a {@link KeyValueLeafPage}, named by where its segments are.
 *
 * <pre>
 *   borrow / resetForReuse           retire while guarded            last guard closes
 *  ------------------------> LIVE ---------------------> ORPHANED ----------------------> RETURNED
 *                             |  return (unguarded) or returnSegmentsToAllocator            ^
 *                             +--------------------------------------------------------------+
 *   RETURNED --resetForReuse--> LIVE
 * </pre>
 *
 * <p>Whether a cache maps the page is a separate fact and not a state here.
 */
public enum PageStatus {
    /** Owns its segments; may carry any number of guards (zero or more). */
    LIVE,
    /** Removed or retired while guarded: still owns its segments until the last guard closes; cannot be guarded again. */
    ORPHANED,
    /** Its segments went back to the allocator; slot access throws. */
    RETURNED
}
