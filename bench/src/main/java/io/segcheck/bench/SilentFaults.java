package io.segcheck.bench;

import io.segcheck.model.fault.FaultSite;
import io.segcheck.model.fault.Faults;

/**
 * A fault hook that is armed but never fires: each site really asks it (a field load and a test
 * the JIT cannot fold, since the field is not final), and the answer is always no. The benchmark's
 * allocator with this hook measures what a live fault site costs on the allocate/release path,
 * against the production hook {@link Faults#none()} that the JIT folds away.
 */
final class SilentFaults implements Faults {

    /** Never set; a plain field so every {@link #fire} loads it. */
    private boolean firing;

    @Override
    public boolean fire(FaultSite site) {
        return firing;
    }
}
