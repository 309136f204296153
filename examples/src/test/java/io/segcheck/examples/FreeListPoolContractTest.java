package io.segcheck.examples;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.examples.freelist.FreeListPoolFactory;
import io.segcheck.kit.OffHeapAllocatorContract;

/** The contract kit against the free-list pool, exactly as a user's build would run it. */
class FreeListPoolContractTest extends OffHeapAllocatorContract {

    @Override
    protected AllocatorFactory factory() {
        return new FreeListPoolFactory();
    }
}
