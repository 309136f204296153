package io.segcheck.examples;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.examples.arena.ArenaPerLeaseFactory;
import io.segcheck.kit.OffHeapAllocatorContract;

/** The contract kit against the arena-per-lease allocator, exactly as a user's build would run it. */
class ArenaPerLeaseContractTest extends OffHeapAllocatorContract {

    @Override
    protected AllocatorFactory factory() {
        return new ArenaPerLeaseFactory();
    }
}
