package io.segcheck.impl.alloc;

import io.segcheck.impl.fault.FaultSite;
import io.segcheck.impl.fault.Faults;
import io.segcheck.impl.fault.InjectedFault;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The portable allocator: each region is one {@code Arena.ofShared().allocate(regionBytes)}, so it
 * runs wherever the JDK does. Same contract, same pooling and validation as
 * {@link MmapSegmentAllocator} (both extend one base); only where region memory comes from differs.
 */
public final class ArenaSegmentAllocator extends PooledSegmentAllocator {

    public ArenaSegmentAllocator(AllocatorConfig config) {
        this(config, Faults.none());
    }

    /** An allocator whose fault sites ask {@code faults} (simulation); see {@link FaultSite}. */
    public ArenaSegmentAllocator(AllocatorConfig config, Faults faults) {
        super(config, faults);
    }

    @Override
    MemorySegment mapRegion(Arena arena, long bytes) {
        if (faults().fire(FaultSite.MAP)) {
            // What Arena.allocate throws when malloc fails.
            throw new OutOfMemoryError("Cannot allocate bytes=" + bytes + InjectedFault.MARKER);
        }
        return arena.allocate(bytes, REGION_ALIGNMENT_BYTES);
    }

    @Override
    void unmapRegion(MemorySegment memory) {
        // Closing the region's arena already freed the memory.
    }
}
