package io.segcheck.model.fault;

/**
 * The places in {@code impl} where a real failure can happen and a simulator may make it happen
 * on purpose (FoundationDB's BUGGIFY): each site is a line at the spot of the real failure,
 * asking the world's {@link Faults} hook whether to fail now. With {@link Faults#none()} (every
 * production constructor) a site is one call of an empty method that the JIT inlines away.
 */
public enum FaultSite {
    /** {@code mmap} fails as the downcall reports it: an {@link OutOfMemoryError} naming errno 12 (ENOMEM). */
    MAP("mmap fails with ENOMEM (OutOfMemoryError, as the downcall wrapper reports it)"),
    /** {@code munmap} fails: an {@link IllegalStateException} naming errno 22 (EINVAL). */
    UNMAP("munmap fails with EINVAL (IllegalStateException)"),
    /**
     * Closing a shared arena fails because another thread's access holds it: the JDK's
     * {@link IllegalStateException}. Fires at a guard view's close on release and a region's
     * close on unmap and {@code close()}.
     */
    ARENA_CLOSE("a shared arena's close throws because another thread has it acquired"),
    /**
     * {@code allocate} reports budget exhaustion at this call ({@code AllocatorExhaustedException}),
     * where a real one is decided: on the slow path, when no free slice is left and a region would
     * have to be mapped.
     */
    BUDGET("allocate reports budget exhaustion at this call"),
    /** A resize fails after its new segment was allocated, before the copy. */
    RESIZE_AFTER_ALLOCATE("a resize throws after allocating the new segment"),
    /** A resize fails after the copy, before the new segment is published. */
    RESIZE_AFTER_COPY("a resize throws after copying into the new segment"),
    /** The cache's removal observer (a user callback) throws after the page was handled. */
    LISTENER_THROWS("the removal listener's observer throws"),
    /** The simulator holds a queued removal listener back past later operations. */
    LISTENER_DELAYED("a queued removal listener is held back past later operations"),
    /** The simulator lowers a cache's maximum weight for a while. */
    EVICTION_STORM("a cache's maximum weight is lowered for a while"),
    /** The simulator closes the allocator while workers are mid-operation. */
    CLOSE_MID_OPERATION("the allocator is closed while workers are mid-operation");

    private final String description;

    FaultSite(String description) {
        this.description = description;
    }

    /** One line: what fails when this site fires. */
    public String description() {
        return description;
    }
}
