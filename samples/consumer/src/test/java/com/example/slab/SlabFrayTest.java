package com.example.slab;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.kit.fray.AllocatorFrayBase;

/**
 * Fray through segcheck's base: the allocator races, and generated concurrent programs of leases and
 * releases, explored under Fray's controlled scheduler.
 */
class SlabFrayTest extends AllocatorFrayBase {

    @Override
    protected AllocatorFactory factory() {
        return new SlabAllocatorFactory();
    }
}
