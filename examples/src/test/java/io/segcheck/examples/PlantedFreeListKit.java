package io.segcheck.examples;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.examples.freelist.FreeListPoolFactory;
import io.segcheck.kit.OffHeapAllocatorContract;

/** The kit against the free-list pool with its planted bug; run by {@link PlantedBugsTest}, not by surefire. */
class PlantedFreeListKit extends OffHeapAllocatorContract {

    @Override
    protected AllocatorFactory factory() {
        return new FreeListPoolFactory.PlantedBug();
    }
}
