package io.segcheck.impl.alloc;

import io.segcheck.model.fault.Faults;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.defect.Defects;

/** Picks the allocator for this platform: mmap on Linux, the arena fallback elsewhere. */
public final class SegmentAllocators {

    private SegmentAllocators() {
    }

    /** A new allocator with {@code config}: {@link MmapSegmentAllocator} where supported, else {@link ArenaSegmentAllocator}. */
    public static OffHeapAllocator create(AllocatorConfig config) {
        return create(config, Defects.none());
    }

    /** As {@link #create(AllocatorConfig)} with historic defects switched back on. */
    public static OffHeapAllocator create(AllocatorConfig config, Defects defects) {
        if (MmapSegmentAllocator.isSupported()) {
            return new MmapSegmentAllocator(config, defects);
        }
        return new ArenaSegmentAllocator(config, defects);
    }

    /** Like {@link #create(AllocatorConfig)}, with the fault sites asking {@code faults} (simulation). */
    public static OffHeapAllocator create(AllocatorConfig config, Faults faults) {
        return create(config, Defects.none(), faults);
    }

    /** Defects and fault sites both: the simulator's allocator. */
    public static OffHeapAllocator create(AllocatorConfig config, Defects defects, Faults faults) {
        if (MmapSegmentAllocator.isSupported()) {
            return new MmapSegmentAllocator(config, defects, faults);
        }
        return new ArenaSegmentAllocator(config, defects, faults);
    }

    /** A new allocator with {@link AllocatorConfig#defaults()}. */
    public static OffHeapAllocator create() {
        return create(AllocatorConfig.defaults());
    }
}
