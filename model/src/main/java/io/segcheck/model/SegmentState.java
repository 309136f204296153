package io.segcheck.model;

/** Where one slice (one address of one size class) of the allocator is in its life. */
public enum SegmentState implements Lifecycle {
    /** Mapped (or never seen) and ready to lease. */
    FREE,
    /** Handed out by {@code allocate} and not yet released; exactly one owner. */
    LEASED,
    /** Released in guard mode and waiting in the FIFO quarantine; must not be leased again yet. */
    QUARANTINED
}
