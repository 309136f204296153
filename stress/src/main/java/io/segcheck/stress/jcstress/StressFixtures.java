package io.segcheck.stress.jcstress;

import io.segcheck.impl.alloc.AllocatorConfig;
import io.segcheck.api.ForwardingOffHeapAllocator;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.alloc.SegmentAllocators;
import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.api.SegmentOwnershipException;

import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every JCStress test here shares besides {@link io.segcheck.stress.RaceOutcomes}: the
 * per-fork allocator and the leak probe its arbiter runs.
 */
final class StressFixtures {

    private StressFixtures() {
    }

    /**
     * One allocator for one test class in one fork JVM. Not in guard mode: jcstress states must be
     * cheap, and Page_03 needs a released slice to be reused at once (guard mode would quarantine it).
     * The fork's exit unmaps it.
     */
    static OffHeapAllocator forkAllocator() {
        return new LeaseRecorder(SegmentAllocators.create(AllocatorConfig.defaults()));
    }

    /**
     * The lease instance behind a page's read-only view ({@code page.slotMemory()}), as the fork
     * allocator handed it out: pages never give their lease away, so the leak probe looks it up by
     * address. Call it while the page still holds the lease (at setup, or in the arbiter for the
     * page's current field).
     */
    static MemorySegment leaseOf(MemorySegment view) {
        MemorySegment lease = LeaseRecorder.LATEST.get(view.address());
        return lease != null && lease.byteSize() == view.byteSize() ? lease : view;
    }

    /**
     * The lease instances {@code page}'s fields hold now, for a probe after the race: looked up by
     * address, then kept only if the page holds exactly that instance, since by then the address may
     * be leased to another sample's page (the fork allocator is shared). Null where the page holds
     * no current lease; the probe skips nulls.
     */
    static MemorySegment[] leasesHeldBy(KeyValueLeafPage page) {
        MemorySegment slot = LeaseRecorder.LATEST.get(page.slotMemory().address());
        MemorySegment dewey = LeaseRecorder.LATEST.get(page.deweyIdMemory().address());
        return new MemorySegment[] {page.holdsSlotMemory(slot) ? slot : null,
                page.holdsDeweyIdMemory(dewey) ? dewey : null};
    }

    /** Remembers the latest lease instance at every address, for {@link #leaseOf}. */
    private static final class LeaseRecorder extends ForwardingOffHeapAllocator {
        private static final Map<Long, MemorySegment> LATEST = new ConcurrentHashMap<>();

        LeaseRecorder(OffHeapAllocator delegate) {
            super(delegate);
        }

        @Override
        public MemorySegment allocate(long bytes) {
            MemorySegment lease = super.allocate(bytes);
            LATEST.put(lease.address(), lease);
            return lease;
        }
    }

    /**
     * Counts how many of {@code segments} are still leased, and ends those leases. Releasing is
     * the probe: the allocator accepts only the exact instance of a current lease and refuses a
     * released one (DOUBLE_RELEASE, or STALE once its slice was leased again) without changing
     * anything, so an accepted release is a segment nobody gave back: a leak. Distinct instances
     * are probed once each.
     */
    static int leakedSegments(OffHeapAllocator allocator, MemorySegment... segments) {
        int leaked = 0;
        for (int index = 0; index < segments.length; index++) {
            if (segments[index] == null || seenBefore(segments, index)) {
                continue;
            }
            try {
                allocator.release(segments[index]);
                leaked++;
            } catch (SegmentOwnershipException alreadyReleased) {
                // The expected case: the owner gave it back exactly once.
            }
        }
        return leaked;
    }

    private static boolean seenBefore(MemorySegment[] segments, int index) {
        for (int earlier = 0; earlier < index; earlier++) {
            if (segments[earlier] == segments[index]) {
                return true;
            }
        }
        return false;
    }
}
