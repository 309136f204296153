package io.segcheck.impl.alloc;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.kit.OffHeapAllocatorContract;

/** The contract kit against the portable arena-backed allocator. */
class ArenaSegmentAllocatorTest extends OffHeapAllocatorContract {

    @Override
    protected AllocatorFactory factory() {
        return new ArenaAllocatorFactory();
    }
}
