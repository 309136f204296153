package io.segcheck.examples;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.PageFactory;
import io.segcheck.impl.alloc.SegcheckAllocatorFactory;
import io.segcheck.impl.page.KeyValueLeafPageFactory;
import io.segcheck.kit.PageContract;

/** segcheck's own page and allocator through the same page seam and contract as any team's. */
class SegcheckPageContractTest extends PageContract {

    @Override
    protected PageFactory pageFactory() {
        return new KeyValueLeafPageFactory();
    }

    @Override
    protected AllocatorFactory allocatorFactory() {
        return new SegcheckAllocatorFactory();
    }
}
