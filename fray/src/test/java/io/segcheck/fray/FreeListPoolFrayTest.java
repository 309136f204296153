package io.segcheck.fray;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.examples.freelist.FreeListPoolFactory;
import io.segcheck.kit.fray.AllocatorFrayBase;

/** The kit's Fray base against the example free-list pool (oldest first, no zeroing, silent refusals). */
class FreeListPoolFrayTest extends AllocatorFrayBase {

    @Override
    protected AllocatorFactory factory() {
        return new FreeListPoolFactory();
    }
}
