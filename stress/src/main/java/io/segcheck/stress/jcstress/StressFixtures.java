package io.segcheck.stress.jcstress;

import io.segcheck.impl.alloc.AllocatorConfig;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.alloc.SegmentAllocators;
import io.segcheck.api.SegmentOwnershipException;

import java.lang.foreign.MemorySegment;

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
        return SegmentAllocators.create(AllocatorConfig.defaults());
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
