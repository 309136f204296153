package io.segcheck.model;

/** Every operation that moves a segment or a page along an edge of the {@link TransitionTable}. */
public enum Operation {
    // Segment operations (one slice).
    /** The allocator hands the slice out. */
    ALLOCATE,
    /** The owner gives the slice back. */
    RELEASE,
    /** The slice leaves the FIFO quarantine (guard mode) and may be leased again. */
    LEAVE_QUARANTINE,

    // Page operations.
    /** {@code getSlot} / {@code getDeweyId}. */
    READ,
    /** {@code setSlot} / {@code setDeweyId}, including a resize. */
    WRITE,
    /** {@code clear()}: directories reset, memory untouched. */
    CLEAR,
    /** {@code guard()} or a successful {@code getAndGuard}. */
    GUARD,
    /** Closing an open guard. */
    UNGUARD,
    /** A cache maps a key to the page. */
    CACHE_PUT,
    /** A cache entry mapping the page is removed (replaced, invalidated, evicted, expired). */
    CACHE_REMOVE,
    /** The entry left the cache but its removal listener is still queued (listeners run later). */
    CACHE_UNMAP,
    /** {@code pool.returnPage(page)}: guard-aware return. */
    RETIRE,
    /** {@code returnSegmentsToAllocator()}: the low-level return, regardless of guards. */
    RETURN_SEGMENTS,
    /** {@code resetForReuse(...)} with fresh segments. */
    RESET_FOR_REUSE
}
