package io.segcheck.fray;

import io.segcheck.kit.fray.FrayExplorer.Strategy;
import io.segcheck.impl.defect.Defect;
import io.segcheck.model.ViolationKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import static io.segcheck.fray.RaceAssertions.assertBothOrdersOnOneThreadStayClean;
import static io.segcheck.fray.RaceAssertions.assertExploredClean;
import static io.segcheck.fray.RaceAssertions.assertTwinFails;

/**
 * Allocator races under Fray: the lock-free free stack (ABA), lease racing the unmapping of free
 * regions under budget pressure, and lease racing close. Both allocator twins need a thread switch
 * inside a call; each has a test that runs its two calls in both orders on one thread and stays clean.
 */
class AllocatorRacesFrayTest {

    /**
     * The free-stack race explores ten times the usual schedules, fixed and twin alike: allocate's
     * fast path carries enough scheduling points (each field read is one) that PCT's few priority
     * change points land in the pop's read-to-CAS window rarely; with seed 0 the twin first failed
     * at schedule 333 of 1,000 (about 3.5 s), and the fixed stack stays clean over the same 1,000.
     */
    private static final int FREE_STACK_BUDGET_FACTOR = 10;

    @Test
    void popRacingPopsAndAPushNeverHandsOutALeasedSlice(TestInfo test) {
        assertExploredClean(test, Strategy.PCT, AllocatorRaces.PopVsPopPush::new, FREE_STACK_BUDGET_FACTOR);
    }

    /**
     * Needs a switch inside allocate's pop: between its read of the head and its CAS, while the
     * other thread runs its whole call. PCT, because under POS the preempting thread's next step
     * (a read of the head) does not race with the read just done, so POS rarely switches there.
     */
    @Test
    void redTwinFreeStackWithoutItsAbaTagIsFound(TestInfo test) {
        assertTwinFails(test, Strategy.PCT, AllocatorRaces.PopVsPopPush::new, Defect.FREE_STACK_WITHOUT_ABA_TAG,
                ViolationKind.ALIAS, FREE_STACK_BUDGET_FACTOR);
    }

    @Test
    void freeStackWithoutItsAbaTagStaysHiddenInEveryOrderOfWholeCalls() {
        assertBothOrdersOnOneThreadStayClean(AllocatorRaces.PopVsPopPush::new, Defect.FREE_STACK_WITHOUT_ABA_TAG);
    }

    @Test
    void leaseRacingTheUnmapOfFreeRegionsNeverLosesItsRegion(TestInfo test) {
        assertExploredClean(test, AllocatorRaces.LeaseVsUnmap::new);
    }

    /**
     * Needs two switches: the unmapping allocate preempted between its look at the stack and its
     * drain, and the small lease preempted after its pop, before it touches the slice. PCT, whose
     * priority change points make such a pair of preemptions likely.
     */
    @Test
    void redTwinUnmapCountingBeforeItDrainsIsFound(TestInfo test) {
        assertTwinFails(test, AllocatorRaces.LeaseVsUnmap::new, Defect.UNMAP_COUNTS_BEFORE_DRAIN,
                ViolationKind.UNMAP_IN_USE);
    }

    @Test
    void unmapCountingBeforeItDrainsStaysHiddenInEveryOrderOfWholeCalls() {
        assertBothOrdersOnOneThreadStayClean(AllocatorRaces.LeaseVsUnmap::new, Defect.UNMAP_COUNTS_BEFORE_DRAIN);
    }

    @Test
    void leaseRacingCloseIsRefusedOrCompletesAndNeverTouchesUnmappedMemory(TestInfo test) {
        assertExploredClean(test, AllocatorRaces.LeaseVsClose::new);
    }
}
