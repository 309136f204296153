package io.segcheck.impl.alloc;

import io.segcheck.api.OffHeapAllocator;

/** The allocator contract against the portable arena-backed allocator. */
class ArenaSegmentAllocatorTest extends SegmentAllocatorContract {

    @Override
    OffHeapAllocator newAllocator(AllocatorConfig config) {
        return new ArenaSegmentAllocator(config);
    }
}
