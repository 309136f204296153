package io.segcheck.impl.alloc;

import io.segcheck.impl.fault.Faults;
import io.segcheck.api.OffHeapAllocator;

/** Picks the allocator for this platform: mmap on Linux, the arena fallback elsewhere. */
public final class SegmentAllocators {

    private SegmentAllocators() {
    }

    /** A new allocator with {@code config}: {@link MmapSegmentAllocator} where supported, else {@link ArenaSegmentAllocator}. */
    public static OffHeapAllocator create(AllocatorConfig config) {
        if (MmapSegmentAllocator.isSupported()) {
            return new MmapSegmentAllocator(config);
        }
        return new ArenaSegmentAllocator(config);
    }

    /** Like {@link #create(AllocatorConfig)}, with the fault sites asking {@code faults} (simulation). */
    public static OffHeapAllocator create(AllocatorConfig config, Faults faults) {
        if (MmapSegmentAllocator.isSupported()) {
            return new MmapSegmentAllocator(config, faults);
        }
        return new ArenaSegmentAllocator(config, faults);
    }

    /** A new allocator with {@link AllocatorConfig#defaults()}. */
    public static OffHeapAllocator create() {
        return create(AllocatorConfig.defaults());
    }
}
