package io.segcheck.sim.world;

import io.segcheck.model.AllocatorModel;
import io.segcheck.model.Lease;

import java.util.LinkedHashMap;
import java.util.Map;

/** Renders who owns each segment right now, for the HTML ownership timeline of a failing run. */
final class OwnershipView {

    private OwnershipView() {
    }

    /**
     * Every lease the model knows: {@code "4096@0x7f00..#12"} to {@code "page#3 as SLOT LEASED"},
     * {@code "a raw lease RELEASED"}; empty without the model.
     */
    static Map<String, String> of(World world) {
        Map<String, String> owners = new LinkedHashMap<>();
        if (!world.lockstep()) {
            return owners;
        }
        AllocatorModel allocator = world.model.allocator();
        for (Lease lease : allocator.leases()) {
            String state = !lease.isReleased() ? "LEASED"
                    : allocator.lastLeaseAt(lease.address()) == lease
                            ? allocator.stateOf(lease.address()).name() : "RELEASED";
            owners.put(lease.classBytes() + "@0x" + Long.toHexString(lease.address()) + "#" + lease.id(),
                    lease.owner() + " " + state);
        }
        return owners;
    }
}
