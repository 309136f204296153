package io.segcheck.sim.world;

import io.segcheck.impl.fault.FaultSite;
import io.segcheck.api.AllocatorExhaustedException;
import io.segcheck.api.AllocatorStats;
import io.segcheck.api.OffHeapAllocator;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Wraps the real allocator and records what it did during one call: every allocate (the segment
 * handed out, or the exception with the stats right after it) and every rejected release. The
 * model learns the allocator's nondeterministic choices from these records, so nothing about
 * addresses or exhaustion is guessed.
 *
 * <p>Single-threaded like the rest of the sequence world: the runner drives one call at a time.
 */
final class ObservingAllocator implements OffHeapAllocator {

    /**
     * One allocate: the request and either the segment or the failure (with stats at the failure),
     * and the regions mapped per class right after it (allocate is the only call that unmaps).
     */
    record Allocation(long requestBytes, MemorySegment segment, Throwable failure, AllocatorStats statsAtFailure,
                      long[] mappedRegionsAfter, FaultSite injected) {
    }

    private final OffHeapAllocator delegate;
    private final List<Allocation> allocations = new ArrayList<>();
    private final List<RuntimeException> rejectedReleases = new ArrayList<>();
    private final List<Long> releasedAddresses = new ArrayList<>();

    private final RecordingFaults faults;

    ObservingAllocator(OffHeapAllocator delegate, RecordingFaults faults) {
        this.delegate = delegate;
        this.faults = faults;
    }

    @Override
    public MemorySegment allocate(long bytes) {
        int mark = faults.firedCount();
        try {
            MemorySegment segment = delegate.allocate(bytes);
            allocations.add(new Allocation(bytes, segment, null, null, mappedRegions(delegate.stats()), null));
            return segment;
        } catch (AllocatorExhaustedException exhausted) {
            AllocatorStats stats = delegate.stats();
            allocations.add(new Allocation(bytes, null, exhausted, stats, mappedRegions(stats),
                    faults.firedSince(mark, FaultSite.BUDGET) ? FaultSite.BUDGET : null));
            throw exhausted;
        } catch (RuntimeException | OutOfMemoryError failure) {
            FaultSite injected = faults.firedSince(mark, FaultSite.MAP) ? FaultSite.MAP : null;
            if (injected == null && failure instanceof OutOfMemoryError) {
                throw failure; // a real one: nothing to observe
            }
            allocations.add(new Allocation(bytes, null, failure, null, mappedRegions(delegate.stats()), injected));
            throw failure;
        }
    }

    /** The allocator this one observes. */
    OffHeapAllocator delegate() {
        return delegate;
    }

    private static long[] mappedRegions(AllocatorStats stats) {
        long[] regions = new long[stats.classes().size()];
        for (int index = 0; index < regions.length; index++) {
            regions[index] = stats.classes().get(index).mappedRegions();
        }
        return regions;
    }

    @Override
    public void release(MemorySegment segment) {
        try {
            delegate.release(segment);
            releasedAddresses.add(segment.address());
        } catch (RuntimeException rejected) {
            rejectedReleases.add(rejected);
            throw rejected;
        }
    }

    @Override
    public AllocatorStats stats() {
        return delegate.stats();
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** The allocations since the last {@link #forget()}, in call order. */
    List<Allocation> allocations() {
        return allocations;
    }

    /** The releases the allocator refused since the last {@link #forget()}. */
    List<RuntimeException> rejectedReleases() {
        return rejectedReleases;
    }

    /** The addresses of the accepted releases since the last {@link #forget()}, in call order. */
    List<Long> releasedAddresses() {
        return releasedAddresses;
    }

    /** Starts a new observation window (one real call). */
    void forget() {
        allocations.clear();
        rejectedReleases.clear();
        releasedAddresses.clear();
    }
}
