package io.segcheck.impl.alloc;

import io.segcheck.api.AllocatorExhaustedException;
import io.segcheck.api.AllocatorStats;
import io.segcheck.impl.defect.Defects;
import io.segcheck.model.fault.FaultSite;
import io.segcheck.model.fault.Faults;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A free region that will not unmap while an allocation makes room under the budget (its arena
 * will not close, or {@code munmap} fails) must not cost the allocator that region's slices nor fail
 * the allocation with the unmap's error: the allocation reports exhaustion (with the failure
 * suppressed, saying why), the region stays whole and reusable, and the next allocation that needs
 * room unmaps it. Before the fix the failure escaped the allocation with the region's slices taken
 * off the free stack and never pushed back (found by the simulator's ARENA_CLOSE site).
 */
class UnmapUnderPressureFaultsTest {

    private static final long KIB = 1024;
    private static final long REGION_BYTES = 256 * KIB;

    /** Fires each armed site exactly once. */
    private static final class OnceFaults implements Faults {
        private final Set<FaultSite> pending;

        OnceFaults(FaultSite... sites) {
            this.pending = EnumSet.copyOf(List.of(sites));
        }

        @Override
        public boolean fire(FaultSite site) {
            return pending.remove(site);
        }
    }

    private static MmapSegmentAllocator open(Faults faults) {
        return new MmapSegmentAllocator(new AllocatorConfig(REGION_BYTES, REGION_BYTES, false, 1), Defects.none(),
                faults);
    }

    /** Fills one 4 KiB region and gives every slice back: a fully free region that fills the budget. */
    private static void fillAndFree(MmapSegmentAllocator allocator) {
        List<MemorySegment> small = new ArrayList<>();
        for (int i = 0; i < REGION_BYTES / 4096; i++) {
            small.add(allocator.allocate(4096));
        }
        small.forEach(allocator::release);
    }

    @Test
    void aRegionWhoseArenaWillNotCloseStaysWholeAndIsUnmappedByTheNextAllocation() {
        try (MmapSegmentAllocator allocator = open(new OnceFaults(FaultSite.ARENA_CLOSE))) {
            fillAndFree(allocator);
            AllocatorExhaustedException exhausted = assertThrows(AllocatorExhaustedException.class,
                    () -> allocator.allocate(8192));
            assertEquals(1, exhausted.getSuppressed().length, "the arena failure says why the region stayed");
            assertTrue(Faults.isInjected(exhausted.getSuppressed()[0]), exhausted.getSuppressed()[0]::toString);
            AllocatorStats.ClassStats small = classStats(allocator.stats(), 4096);
            assertEquals(REGION_BYTES / 4096, small.freeSlices(), "every slice of the kept region is free: " + small);
            assertEquals(0, small.leasedSegments(), small::toString);
            MemorySegment again = allocator.allocate(4096); // the kept region still leases
            allocator.release(again);
            MemorySegment eight = allocator.allocate(8192); // now the arena closes: unmapped, room made
            assertEquals(8192, eight.byteSize());
            assertEquals(0, classStats(allocator.stats(), 4096).mappedRegions());
        }
    }

    @Test
    void aRegionWhoseMunmapFailedIsGivenBackByTheNextAllocationThatNeedsRoom() {
        try (MmapSegmentAllocator allocator = open(new OnceFaults(FaultSite.UNMAP))) {
            fillAndFree(allocator);
            AllocatorExhaustedException exhausted = assertThrows(AllocatorExhaustedException.class,
                    () -> allocator.allocate(8192));
            assertTrue(Faults.isInjected(exhausted.getSuppressed()[0]), exhausted::toString);
            assertEquals(REGION_BYTES, allocator.mappedBytes(), "memory whose munmap failed stays counted");
            assertEquals(0, classStats(allocator.stats(), 4096).mappedRegions(), "but its region is gone");
            MemorySegment eight = allocator.allocate(8192); // the retry gives it back: room for 8 KiB
            assertEquals(8192, eight.byteSize());
            assertEquals(REGION_BYTES, allocator.mappedBytes());
        }
    }

    private static AllocatorStats.ClassStats classStats(AllocatorStats stats, int sizeBytes) {
        return stats.classes().stream().filter(c -> c.sizeBytes() == sizeBytes).findFirst().orElseThrow();
    }
}
