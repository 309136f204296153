package io.segcheck.fray;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.impl.alloc.SegcheckAllocatorFactory;
import io.segcheck.kit.fray.AllocatorFrayBase;

/** The kit's Fray base against segcheck's own allocator, bound like any other through its factory. */
class SegcheckAllocatorFrayTest extends AllocatorFrayBase {

    @Override
    protected AllocatorFactory factory() {
        return new SegcheckAllocatorFactory();
    }
}
