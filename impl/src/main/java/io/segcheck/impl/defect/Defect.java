package io.segcheck.impl.defect;

/**
 * The historic defects of the segment-owning system, each of which can be switched back on.
 *
 * <p>Every defect branch in {@code impl} is small and marked with a comment
 * {@code // DEFECT(NAME)} at the place the bug lived, so {@code grep -rn "DEFECT("} lists them all.
 * The production default ({@link Defects#none()}) enables none.
 */
public enum Defect {
    PREALLOCATED_POOL_LEAK(
            "pool init pre-allocates 7 classes x 100 pages x 2 segments that are never used or returned"),
    RESIZE_SHARED_DANGLING(
            "resize of a shared slot/DeweyID segment updates only one field; the other dangles and is released twice"),
    EVICTION_SKIPS_RETURN(
            "the cache removal listener clears the page but never returns its segments"),
    RETURN_NOT_IDEMPOTENT(
            "returnSegmentsToAllocator has no returned-flag and no lock, so repeated or racing calls release twice"),
    CLEAR_ZEROES_RETURNED(
            "clear() zero-fills the page's segments even after they were returned and possibly leased again"),
    EXHAUSTION_SKIPS_UNMAP(
            "the allocator reports exhaustion without first unmapping the fully free regions of other classes");

    private final String description;

    Defect(String description) {
        this.description = description;
    }

    /** One line: what the system does wrong when this defect is on. */
    public String description() {
        return description;
    }
}
