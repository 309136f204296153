package io.segcheck.sim.world;

import io.segcheck.model.Lease;

import java.lang.foreign.MemorySegment;

/** A segment a step leased directly from the allocator, kept (also after release) for late and repeated releases. */
final class RawSegment {

    private final MemorySegment segment;
    private final Lease lease;
    private boolean released;

    RawSegment(MemorySegment segment, Lease lease) {
        this.segment = segment;
        this.lease = lease;
    }

    MemorySegment segment() {
        return segment;
    }

    /** The model's lease of this instance; null when the model does not run. */
    Lease lease() {
        return lease;
    }

    boolean isReleased() {
        return released;
    }

    void markReleased() {
        released = true;
    }
}
