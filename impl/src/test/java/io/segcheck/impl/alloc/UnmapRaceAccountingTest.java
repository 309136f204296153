package io.segcheck.impl.alloc;

import io.segcheck.api.AllocatorExhaustedException;
import io.segcheck.api.AllocatorStats;
import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import io.segcheck.model.fault.FaultSite;
import io.segcheck.model.fault.Faults;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unmapping under budget pressure, seen from inside: the ARENA_CLOSE fault site is asked between
 * the drain of a class's stacks and the region's removal, the window in which another thread's
 * look at the counters used to see every drained free slice as leased, and the place where one
 * region that will not unmap used to make the allocator give up on its class. The fault hook
 * looks (or fails) from that point on one thread, so both are deterministic.
 */
class UnmapRaceAccountingTest {

    private static final long KIB = 1024;
    private static final long REGION_BYTES = 256 * KIB;
    private static final long SMALL = 4096;

    /** A fault hook that runs {@code look} each time ARENA_CLOSE is asked, and fails the first {@code failures} of them. */
    private static final class LookingFaults implements Faults {
        private final List<AllocatorStats> looks = new ArrayList<>();
        private Supplier<AllocatorStats> look = () -> null;
        private int failures;

        @Override
        public boolean fire(FaultSite site) {
            if (site != FaultSite.ARENA_CLOSE) {
                return false;
            }
            AllocatorStats seen = look.get();
            if (seen != null) {
                looks.add(seen);
            }
            return failures-- > 0;
        }
    }

    private static MmapSegmentAllocator open(long budgetBytes, Defects defects, Faults faults) {
        return new MmapSegmentAllocator(new AllocatorConfig(budgetBytes, REGION_BYTES, false, 1), defects, faults);
    }

    /** Leases {@code count} 4 KiB slices and gives them all back. */
    private static void leaseAndFree(MmapSegmentAllocator allocator, long count) {
        List<MemorySegment> leased = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leased.add(allocator.allocate(SMALL));
        }
        leased.forEach(allocator::release);
    }

    @Test
    void aLookWhileUnmapHasDrainedAClassSeesItsFreeSlicesFreeAndLeavesTheMarkAtThePeak() {
        LookingFaults faults = new LookingFaults();
        try (MmapSegmentAllocator allocator = open(REGION_BYTES, Defects.none(), faults)) {
            long halfRegion = REGION_BYTES / SMALL / 2;
            leaseAndFree(allocator, halfRegion); // true peak: half a region of 4 KiB slices
            faults.look = allocator::stats;
            MemorySegment eight = allocator.allocate(8192); // unmaps the free 4 KiB region to make room
            faults.look = () -> null;
            assertEquals(1, faults.looks.size(), "the look ran inside the unmap");
            AllocatorStats during = faults.looks.getFirst();
            assertEquals(0, during.leasedBytes(), "nothing was leased while the stacks were drained: " + during);
            assertEquals(halfRegion * SMALL, during.highWaterBytes(), during::toString);
            allocator.release(eight);
            assertEquals(halfRegion * SMALL, allocator.stats().highWaterBytes(), "the mark is the true peak");
            MemorySegment small = allocator.allocate(SMALL); // unmaps the 8 KiB region, maps a 4 KiB one again
            assertEquals(1, allocator.stats().classes().getFirst().leasedSegments(),
                    "the slices parked by the first unmap are not counted against the new region");
            allocator.release(small);
        }
    }

    @Test
    void withTheDefectOnTheSameLookCountsTheDrainedSlicesAsLeased() {
        LookingFaults faults = new LookingFaults();
        try (MmapSegmentAllocator allocator = open(REGION_BYTES, Defects.of(Defect.HIGH_WATER_COUNTS_DRAINED),
                faults)) {
            leaseAndFree(allocator, 1);
            faults.look = allocator::stats;
            allocator.allocate(8192);
            faults.look = () -> null;
            assertEquals(REGION_BYTES, faults.looks.getFirst().leasedBytes(), faults.looks::toString);
        }
    }

    @Test
    void aRegionThatWillNotUnmapDoesNotStopTheNextFullyFreeRegionOfItsClassFromMakingRoom() {
        LookingFaults faults = new LookingFaults();
        try (MmapSegmentAllocator allocator = open(2 * REGION_BYTES, Defects.none(), faults)) {
            leaseAndFree(allocator, 2 * REGION_BYTES / SMALL); // two fully free 4 KiB regions fill the budget
            faults.failures = 1; // the first region chosen will not unmap
            MemorySegment eight = allocator.allocate(8192);
            assertEquals(8192, eight.byteSize(), "the second fully free region made room");
            assertEquals(2 * REGION_BYTES, allocator.mappedBytes());
            AllocatorStats.ClassStats small = allocator.stats().classes().getFirst();
            assertEquals(1, small.mappedRegions(), small::toString);
            assertEquals(REGION_BYTES / SMALL, small.freeSlices(), "the region kept is whole: " + small);
        }
    }

    @Test
    void exhaustionIsReportedOnlyWhenEveryFullyFreeRegionFailedToUnmap() {
        LookingFaults faults = new LookingFaults();
        try (MmapSegmentAllocator allocator = open(2 * REGION_BYTES, Defects.none(), faults)) {
            leaseAndFree(allocator, 2 * REGION_BYTES / SMALL);
            faults.failures = 2;
            AllocatorExhaustedException exhausted = org.junit.jupiter.api.Assertions.assertThrows(
                    AllocatorExhaustedException.class, () -> allocator.allocate(8192));
            assertTrue(Faults.isInjected(exhausted.getSuppressed()[0]), exhausted::toString);
            assertEquals(1, exhausted.getSuppressed()[0].getSuppressed().length, "both failures are reported");
            assertEquals(2 * REGION_BYTES / SMALL, allocator.stats().classes().getFirst().freeSlices());
        }
    }
}
