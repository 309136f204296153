package io.segcheck.impl.alloc;

import io.segcheck.impl.defect.Defects;
import io.segcheck.model.fault.FaultSite;
import io.segcheck.model.fault.Faults;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The production allocator on Linux: regions are anonymous private {@code mmap}s, given back with
 * {@code munmap} when fully free under budget pressure and on close. Each region's segment is
 * bound to an arena (shared; confined with {@link AllocatorConfig#oneThread}) that is closed
 * before {@code munmap}, so a segment used afterwards throws {@link IllegalStateException} instead
 * of faulting. Pooling, validation and guard mode are the shared base's.
 */
public final class MmapSegmentAllocator extends PooledSegmentAllocator {

    private final LinuxMmap mmap;

    /**
     * @throws UnsupportedOperationException when not on Linux or the downcalls cannot be linked;
     *     {@link SegmentAllocators#create} falls back to {@link ArenaSegmentAllocator} then
     */
    public MmapSegmentAllocator(AllocatorConfig config) {
        this(config, Defects.none(), Faults.none());
    }

    /** With historic defects switched back on, for segcheck's own checks; production passes none. */
    public MmapSegmentAllocator(AllocatorConfig config, Defects defects) {
        this(config, defects, Faults.none());
    }

    /** An allocator whose fault sites ask {@code faults} (simulation); see {@link FaultSite}. */
    public MmapSegmentAllocator(AllocatorConfig config, Faults faults) {
        this(config, Defects.none(), faults);
    }

    /** Defects and fault sites both: the simulator's allocator. */
    public MmapSegmentAllocator(AllocatorConfig config, Defects defects, Faults faults) {
        super(config, defects, faults);
        this.mmap = LinuxMmap.load().orElseThrow(() -> new UnsupportedOperationException(
                "mmap allocator needs Linux and native access: os.name=" + System.getProperty("os.name")));
    }

    /** True where {@link MmapSegmentAllocator} can be built. */
    public static boolean isSupported() {
        return LinuxMmap.load().isPresent();
    }

    @Override
    MemorySegment mapRegion(Arena arena, long bytes) {
        return mmap.map(arena, bytes, config().hugePages(), faults());
    }

    @Override
    void unmapRegion(MemorySegment memory) {
        mmap.unmap(memory, faults());
    }
}
