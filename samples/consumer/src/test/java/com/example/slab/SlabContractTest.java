package com.example.slab;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.kit.OffHeapAllocatorContract;

/** segcheck's contract kit: every promise of the seam, one test each, against the slab allocator. */
class SlabContractTest extends OffHeapAllocatorContract {

    @Override
    protected AllocatorFactory factory() {
        return new SlabAllocatorFactory();
    }
}
