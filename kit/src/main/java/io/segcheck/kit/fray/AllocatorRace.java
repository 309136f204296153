package io.segcheck.kit.fray;

/**
 * The allocator races of {@link AllocatorFrayBase}, each two calls on two real threads against one
 * allocator, then the ownership checks of a quiet moment ({@link io.segcheck.kit.LeaseWorld}).
 * Every lease is of the largest class and stamped with its owner's mark.
 */
public enum AllocatorRace {

    /** One thread leases; the other leases two and releases the first of them. */
    ALLOCATE_VS_ALLOCATE_AND_RELEASE,
    /** Both threads release the same lease: one release is accepted, the other refused as declared. */
    DOUBLE_RELEASE,
    /** One thread releases its lease while the other leases (and may be handed the same bytes). */
    RELEASE_VS_REUSE,
    /**
     * One thread releases its lease and then releases it again, while the other leases: the second
     * release is an old instance (a double release, or a stale one once the bytes were handed to
     * the other thread) and must change nothing.
     */
    STALE_RELEASE_VS_REUSE,
    /**
     * One thread leases, checks and releases a segment and releases an older one; the other closes
     * the allocator. Only for a design with a closed state.
     */
    CLOSE_VS_USE
}
