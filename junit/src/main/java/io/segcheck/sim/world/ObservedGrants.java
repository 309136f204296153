package io.segcheck.sim.world;

import io.segcheck.model.fault.FaultSite;
import io.segcheck.api.AllocatorStats;
import io.segcheck.model.AllocatorModel;
import io.segcheck.model.Grant;
import io.segcheck.model.GrantSource;
import io.segcheck.model.Lease;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Answers the model's predicted allocations, in order, from what the real allocator did during
 * the same call, and afterwards tells which real segment instance became which model lease.
 */
final class ObservedGrants implements GrantSource {

    private final List<ObservingAllocator.Allocation> allocations;
    private final AllocatorModel allocatorModel;
    private final List<MemorySegment> grantedSegments = new ArrayList<>();
    private final List<Integer> grantedLeaseIds = new ArrayList<>();
    private int next;

    private final boolean resizeFailed;

    ObservedGrants(List<ObservingAllocator.Allocation> allocations, AllocatorModel allocatorModel, boolean resizeFailed) {
        this.allocations = List.copyOf(allocations);
        this.allocatorModel = allocatorModel;
        this.resizeFailed = resizeFailed;
    }

    /** A resize fault site fired during this call (one resize per call at most). */
    @Override
    public boolean resizeFailed() {
        return resizeFailed;
    }

    @Override
    public Grant next(int classBytes) {
        if (next >= allocations.size()) {
            return Grant.notAsked();
        }
        ObservingAllocator.Allocation allocation = allocations.get(next++);
        if (allocation.segment() != null) {
            grantedSegments.add(allocation.segment());
            grantedLeaseIds.add(allocatorModel.leaseCount()); // the model numbers leases densely, in grant order
            return Grant.granted(allocation.segment().address(), Math.toIntExact(allocation.segment().byteSize()));
        }
        if (allocation.injected() == FaultSite.MAP || allocation.failure() instanceof SystemUnderCheckError) {
            // An Error out of the allocator (SystemUnderCheckError) leased nothing, like a failed map; the
            // call's comparison then reports it as UNEXPECTED_ERROR, naming the Error, since no
            // fault site fired.
            return Grant.injected(Grant.Kind.INJECTED_FAILURE);
        }
        if (allocation.injected() != null) { // an exhaustion a fault made legal (ObservingAllocator)
            return Grant.injected(Grant.Kind.INJECTED_EXHAUSTED);
        }
        AllocatorStats stats = allocation.statsAtFailure();
        if (stats == null) {
            return Grant.notAsked(); // the real system asked with a size the model would not have
        }
        long freeSlices = AllocatorStats.UNKNOWN;
        long[] regions = new long[allocatorModel.design().sizeClassesBytes().size()];
        java.util.Arrays.fill(regions, AllocatorStats.UNKNOWN);
        for (AllocatorStats.ClassStats classStats : stats.classes()) {
            if (classStats.sizeBytes() == classBytes) {
                freeSlices = classStats.freeSlices();
            }
            int index = allocatorModel.design().classIndexOfSize(classStats.sizeBytes());
            if (index >= 0) {
                regions[index] = classStats.mappedRegions();
            }
        }
        long[][] bases = allocation.regionBasesAtFailure() == null ? null
                : new long[allocatorModel.design().sizeClassesBytes().size()][];
        for (int real = 0; bases != null && real < stats.classes().size(); real++) {
            int index = allocatorModel.design().classIndexOfSize(stats.classes().get(real).sizeBytes());
            if (index >= 0) {
                bases[index] = allocation.regionBasesAtFailure()[real];
            }
        }
        return Grant.exhausted(freeSlices, stats.mappedBytes(), regions, bases, allocation.regionsThatWouldNotUnmap());
    }

    /** Records which real instance is which model lease, for every grant the model consumed. */
    void bind(IdentityHashMap<MemorySegment, Lease> leaseOf, IdentityHashMap<Lease, MemorySegment> instanceOf) {
        for (int i = 0; i < grantedSegments.size(); i++) {
            Lease lease = allocatorModel.lease(grantedLeaseIds.get(i));
            leaseOf.put(grantedSegments.get(i), lease);
            instanceOf.put(lease, grantedSegments.get(i));
        }
    }

    /** Successful real allocations the model did not predict (each is a lease nobody owns). */
    int unconsumedGrants() {
        int count = 0;
        for (int i = next; i < allocations.size(); i++) {
            if (allocations.get(i).segment() != null) {
                count++;
            }
        }
        return count;
    }
}
