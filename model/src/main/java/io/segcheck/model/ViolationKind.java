package io.segcheck.model;

/**
 * The kinds of disagreement between the real system and the ownership model, one per bug class.
 *
 * <p>Shrinking keeps a failing run failing "with the same kind", so the kinds are coarse on
 * purpose: they name what went wrong with ownership, not where in the code.
 */
public enum ViolationKind {
    /** A segment was released while it was not leased (released twice). */
    DOUBLE_RELEASE("a segment was released twice"),
    /** A segment the allocator never leased (another arena, a slice, a wrong size) was released. */
    FOREIGN_RELEASE("a segment that was never leased was released"),
    /** An old instance of an address that has been leased again was released (the ABA case). */
    STALE_RELEASE("an old instance of a re-leased address was released"),
    /** Memory was read, written or referenced after its lease ended. */
    USE_AFTER_RELEASE("a segment was used after it was released"),
    /** One address was leased to two owners at once. */
    ALIAS("one segment was leased to two owners"),
    /** A leased segment that no live page and no explicit lease owns. */
    LEAK("a leased segment has no owner"),
    /** A slot or DeweyID read returned something other than what was last written. */
    LOST_DATA("stored data differs from what was written"),
    /** A region was unmapped while one of its slices was leased. */
    UNMAP_IN_USE("memory was unmapped while in use"),
    /** The allocator broke its byte budget, or reported exhaustion while it still had room. */
    BUDGET("the byte budget was broken or misreported"),
    /** A new owner could read bytes a previous owner left: the allocator did not zero a lease. */
    NOT_ZEROED("a new lease held a previous owner's bytes"),
    /** A free segment was handed out out of the declared reuse order (LIFO or FIFO). */
    REUSE_ORDER("a free segment was reused out of the declared order"),
    /** A counter of {@code stats()} differs from what the model knows exactly. */
    STATS("an allocator counter differs from the model"),
    /** A cache holds more weight than its bound, or an entry's weight differs from its page's memory. */
    CACHE_WEIGHT("a cache's weight is over its bound or misstated"),
    /** The system threw an exception the model did not predict. */
    UNEXPECTED_ERROR("an unexpected exception was thrown"),
    /** The model predicted an exception and the system did not throw it. */
    MISSING_ERROR("an expected exception was not thrown");

    private final String summary;

    ViolationKind(String summary) {
        this.summary = summary;
    }

    /** One short clause describing the kind, for reports and the CLI. */
    public String summary() {
        return summary;
    }
}
