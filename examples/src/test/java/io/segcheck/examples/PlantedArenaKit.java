package io.segcheck.examples;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.examples.arena.ArenaPerLeaseFactory;
import io.segcheck.kit.OffHeapAllocatorContract;

/** The kit against the arena allocator with its planted bug; run by {@link PlantedBugsTest}, not by surefire. */
class PlantedArenaKit extends OffHeapAllocatorContract {

    @Override
    protected AllocatorFactory factory() {
        return new ArenaPerLeaseFactory.PlantedBug();
    }
}
