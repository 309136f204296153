package io.segcheck.impl.defect;

import io.segcheck.api.SegmentOwnershipException;

/**
 * The rare paths of the system under test, each named where it happens (FoundationDB's
 * {@code CODE_PROBE}). A path that a test suite never reaches is a path it cannot have checked, so
 * the build demands that its seed set reaches every one of these (see {@link Marks}).
 *
 * <p>Only paths of the fixed system are listed: a path that only a defect opens (a poison
 * violation, say) is the defect's symptom, which the detectors already demand.
 */
public enum Mark {
    RELEASE_REJECTED_DOUBLE("a second release of a slice was rejected"),
    RELEASE_REJECTED_STALE("a stale instance of an earlier lease (ABA) was rejected"),
    RELEASE_REJECTED_FOREIGN("a segment that is not a whole slice of this allocator was rejected"),
    REGION_UNMAPPED_UNDER_PRESSURE("a fully free region was unmapped to make room under the budget"),
    ALLOCATOR_EXHAUSTED("allocate threw AllocatorExhaustedException"),
    EXHAUSTION_RECOVERED("a region was mapped again after an exhaustion"),
    QUARANTINE_POISON_VERIFIED("a slice left the quarantine with its poison intact"),
    BORROW_ROLLED_BACK("a borrow's second allocation failed and its first segment went back"),
    RESIZE_SHARED_SEGMENT("a resize moved a segment shared by the slot and DeweyID fields"),
    RESIZE_EXHAUSTED_PAGE_INTACT("a resize could not allocate and left the page unchanged"),
    PAGE_FULL("a write needed more than the largest segment and was refused"),
    RETURN_REPEATED_IGNORED("a return of an already returned page did nothing"),
    RETIRE_ORPHANED_GUARDED_PAGE("retiring a guarded page orphaned it"),
    ORPHAN_RETURNED_BY_LAST_GUARD("the last guard of an orphaned page returned its segments"),
    GUARD_OF_EARLIER_LIFE_IGNORED("closing a guard opened before a reset left the new life's guards alone"),
    PAGE_REUSED("a returned page was made live again by resetForReuse"),
    CACHE_REMOVED_SIZE("the removal listener ran for a size eviction"),
    CACHE_REMOVED_EXPIRED("the removal listener ran for an expiry"),
    CACHE_REMOVED_EXPLICIT("the removal listener ran for invalidate or invalidateAll"),
    CACHE_REMOVED_REPLACED("the removal listener ran for a replacement");

    private final String description;

    Mark(String description) {
        this.description = description;
    }

    /** True for the allocator's own paths (the first seven); false for pages, pool and caches. */
    public boolean inAllocator() {
        return ordinal() <= QUARANTINE_POISON_VERIFIED.ordinal();
    }

    /** One line: what happened when this mark was hit. */
    public String description() {
        return description;
    }

    /** The mark of a rejected release of {@code kind}. */
    public static Mark releaseRejected(SegmentOwnershipException.Kind kind) {
        return switch (kind) {
            case DOUBLE_RELEASE -> RELEASE_REJECTED_DOUBLE;
            case STALE -> RELEASE_REJECTED_STALE;
            case FOREIGN -> RELEASE_REJECTED_FOREIGN;
        };
    }

    /** The mark of a cache removal of Caffeine's cause {@code causeName}, or null for causes the caches do not use. */
    public static Mark cacheRemoved(String causeName) {
        return switch (causeName) {
            case "SIZE" -> CACHE_REMOVED_SIZE;
            case "EXPIRED" -> CACHE_REMOVED_EXPIRED;
            case "EXPLICIT" -> CACHE_REMOVED_EXPLICIT;
            case "REPLACED" -> CACHE_REMOVED_REPLACED;
            default -> null;
        };
    }
}
