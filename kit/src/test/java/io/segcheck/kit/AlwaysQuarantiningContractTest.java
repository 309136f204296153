package io.segcheck.kit;

import io.segcheck.api.AllocatorFactory;

/** The kit's whole contract against a correct allocator whose quarantine is always on: it must pass. */
class AlwaysQuarantiningContractTest extends OffHeapAllocatorContract {

    @Override
    protected AllocatorFactory factory() {
        return new AlwaysQuarantiningAllocatorFactory();
    }
}
