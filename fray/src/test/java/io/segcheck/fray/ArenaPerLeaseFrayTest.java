package io.segcheck.fray;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.examples.arena.ArenaPerLeaseFactory;
import io.segcheck.kit.fray.AllocatorFrayBase;

/** The kit's Fray base against the example allocator with one {@code Arena} per lease. */
class ArenaPerLeaseFrayTest extends AllocatorFrayBase {

    @Override
    protected AllocatorFactory factory() {
        return new ArenaPerLeaseFactory();
    }
}
