package io.segcheck.impl.alloc;

import io.segcheck.impl.defect.Defects;
import io.segcheck.model.fault.FaultSite;
import io.segcheck.model.fault.Faults;
import io.segcheck.model.fault.InjectedFault;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The portable allocator: each region is one {@code Arena.ofShared().allocate(regionBytes)}, so it
 * runs wherever the JDK does. Same contract, same pooling and validation as
 * {@link MmapSegmentAllocator} (both extend one base); only where region memory comes from differs.
 */
public final class ArenaSegmentAllocator extends PooledSegmentAllocator {

    public ArenaSegmentAllocator(AllocatorConfig config) {
        this(config, Defects.none(), Faults.none());
    }

    /** With historic defects switched back on, for segcheck's own checks; production passes none. */
    public ArenaSegmentAllocator(AllocatorConfig config, Defects defects) {
        this(config, defects, Faults.none());
    }

    /** An allocator whose fault sites ask {@code faults} (simulation); see {@link FaultSite}. */
    public ArenaSegmentAllocator(AllocatorConfig config, Faults faults) {
        this(config, Defects.none(), faults);
    }

    /** Defects and fault sites both: the simulator's allocator. */
    public ArenaSegmentAllocator(AllocatorConfig config, Defects defects, Faults faults) {
        super(config, defects, faults);
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
