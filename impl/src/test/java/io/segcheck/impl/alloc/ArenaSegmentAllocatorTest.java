package io.segcheck.impl.alloc;

/** The allocator contract against the portable arena-backed allocator. */
class ArenaSegmentAllocatorTest extends SegmentAllocatorContract {

    @Override
    SegmentAllocator newAllocator(AllocatorConfig config) {
        return new ArenaSegmentAllocator(config);
    }
}
