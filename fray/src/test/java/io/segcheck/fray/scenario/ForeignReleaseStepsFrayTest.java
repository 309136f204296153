package io.segcheck.fray.scenario;

import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.SegmentOwnershipException;
import io.segcheck.impl.alloc.AllocatorConfig;
import io.segcheck.impl.alloc.SegmentAllocators;
import io.segcheck.impl.defect.Defects;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Refusing a foreign segment takes the same scheduling steps wherever its memory lies, below the
 * allocator's regions or above them: where another arena's memory lies is the OS's choice, so a
 * step more for one side made the same schedule take other switches in another process (seed 12's
 * {@code releaseForeign}, measured in docs/evidence/races.md).
 */
@SuppressWarnings("restricted") // memory at a chosen address, never accessed: only refused
class ForeignReleaseStepsFrayTest {

    private static final long REGION_BYTES = 256 * 1024;

    @Test
    void aForeignAddressBelowTheRegionsTakesTheStepsOfOneAbove() {
        assertEquals(stepsToRefuse(4096), stepsToRefuse(Long.MAX_VALUE - 2 * REGION_BYTES));
    }

    /** Scheduling steps of one run: an allocator, one lease (a region mapped), then the refusal of memory at {@code address}. */
    private static long stepsToRefuse(long address) {
        MemorySegment foreign = MemorySegment.ofAddress(address).reinterpret(4096);
        FraySchedule schedule = new FraySchedule(FraySchedule.Strategy.RANDOM, 0, 0);
        schedule.run(() -> refuse(foreign)); // the first run of a JVM links call sites; not counted
        String[] refused = new String[1];
        FraySchedule.Ran ran = schedule.run(() -> refused[0] = refuse(foreign));
        assertEquals("FOREIGN", refused[0]);
        return ran.steps();
    }

    private static String refuse(MemorySegment foreign) {
        try (OffHeapAllocator allocator = SegmentAllocators.create(new AllocatorConfig(2 * REGION_BYTES, REGION_BYTES,
                true, 0).withStripeCount(1), Defects.none())) {
            allocator.allocate(4096);
            try {
                allocator.release(foreign);
                return "accepted";
            } catch (SegmentOwnershipException refusal) {
                return refusal.kind().name();
            }
        }
    }
}
