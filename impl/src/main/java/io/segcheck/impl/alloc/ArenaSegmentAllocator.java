package io.segcheck.impl.alloc;

import io.segcheck.impl.defect.Defects;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The portable allocator: each region is one {@code Arena.ofShared().allocate(regionBytes)}, so it
 * runs wherever the JDK does. Same contract, same pooling and validation as
 * {@link MmapSegmentAllocator} (both extend one base); only where region memory comes from differs.
 */
public final class ArenaSegmentAllocator extends PooledSegmentAllocator {

    public ArenaSegmentAllocator(AllocatorConfig config) {
        this(config, Defects.none());
    }

    /** With historic defects switched back on, for segcheck's own checks; production passes none. */
    public ArenaSegmentAllocator(AllocatorConfig config, Defects defects) {
        super(config, defects);
    }

    @Override
    MemorySegment mapRegion(Arena arena, long bytes) {
        return arena.allocate(bytes, REGION_ALIGNMENT_BYTES);
    }

    @Override
    void unmapRegion(MemorySegment memory) {
        // Closing the region's arena already freed the memory.
    }
}
