package io.segcheck.model;

/**
 * The typed errors the model predicts for calls of the real API. The binding maps each exception
 * of the real system onto one of these before comparing.
 */
public enum ErrorKind {
    /** {@code IllegalArgumentException}: a bad size or an entry that can never fit. */
    ILLEGAL_ARGUMENT,
    /** {@code IndexOutOfBoundsException}: a slot outside 0..1023. */
    INDEX_OUT_OF_BOUNDS,
    /** {@code NullPointerException}: null data. */
    NULL_POINTER,
    /** {@code IllegalStateException} (not a PageFull): the page or allocator is in the wrong state. */
    ILLEGAL_STATE,
    /** {@code PageFullException}: the page would need more than 262144 bytes. */
    PAGE_FULL,
    /** {@code AllocatorExhaustedException}: the byte budget is spent. */
    EXHAUSTED,
    /** {@code SegmentOwnershipException} kind DOUBLE_RELEASE. */
    DOUBLE_RELEASE,
    /** {@code SegmentOwnershipException} kind FOREIGN. */
    FOREIGN,
    /** {@code SegmentOwnershipException} kind STALE. */
    STALE,
    /** A failure a simulator's fault site made on purpose (a failed mmap, a resize failing part-way). */
    FAULT
}
