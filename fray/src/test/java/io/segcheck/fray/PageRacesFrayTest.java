package io.segcheck.fray;

import io.segcheck.impl.defect.Defect;
import io.segcheck.model.ViolationKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import static io.segcheck.fray.RaceAssertions.assertBothOrdersOnOneThreadStayClean;
import static io.segcheck.fray.RaceAssertions.assertExploredClean;
import static io.segcheck.fray.RaceAssertions.assertTwinFails;

/**
 * Page races under Fray: the fixed page explored clean over {@code fray.iterations} schedules, and
 * each red twin (the same race with a defect on) seen failing within {@code fray.twinIterations}
 * with its exact symptom.
 *
 * <p>Run one: {@code ./segcheck mvn -o -pl fray -am test -Dsurefire.failIfNoSpecifiedTests=false
 * -Dtest='PageRacesFrayTest#retireRacingAGuardNeverLeavesAGuardedPageReturned'}.
 */
class PageRacesFrayTest {

    @Test
    void twoReturnsOfOnePageReleaseEachSegmentOnce(TestInfo test) {
        assertExploredClean(test, PageRaces.ReturnVsReturn::new);
    }

    /** Fails in every order (a second return releases again): proves the wiring, not the interleaving. */
    @Test
    void redTwinReturnWithoutFlagOrLockIsFound(TestInfo test) {
        assertTwinFails(test, PageRaces.ReturnVsReturn::new, Defect.RETURN_NOT_IDEMPOTENT, ViolationKind.DOUBLE_RELEASE);
    }

    @Test
    void resizeRacingReturnNeitherLeaksNorReleasesTwice(TestInfo test) {
        assertExploredClean(test, PageRaces.ResizeVsReturn::new);
    }

    /** Fails whenever the write completes before the return, also on one thread. */
    @Test
    void redTwinResizeLeavingTheSharedFieldDanglingIsFound(TestInfo test) {
        assertTwinFails(test, PageRaces.ResizeVsReturn::new, Defect.RESIZE_SHARED_DANGLING, ViolationKind.DOUBLE_RELEASE);
    }

    @Test
    void resizeRacingAGuardedReaderNeverShowsItReleasedMemory(TestInfo test) {
        assertExploredClean(test, PageRaces.ResizeVsGuardedReader::new);
    }

    @Test
    void retireRacingAGuardNeverLeavesAGuardedPageReturned(TestInfo test) {
        assertExploredClean(test, PageRaces.RetireVsGuard::new);
    }

    /** Needs a switch inside returnPage: after its guard check unlocks, before its release locks. */
    @Test
    void redTwinRetireReleasingOutsideThePageLockIsFound(TestInfo test) {
        assertTwinFails(test, PageRaces.RetireVsGuard::new, Defect.RETIRE_RELEASES_OUTSIDE_LOCK,
                ViolationKind.USE_AFTER_RELEASE);
    }

    @Test
    void retireReleasingOutsideThePageLockStaysHiddenInEveryOrderOfWholeCalls() {
        assertBothOrdersOnOneThreadStayClean(PageRaces.RetireVsGuard::new, Defect.RETIRE_RELEASES_OUTSIDE_LOCK);
    }

    @Test
    void evictionRacingAGuardReturnsThePageOnceAndNeverUnderTheGuard(TestInfo test) {
        assertExploredClean(test, PageRaces.EvictVsGuard::new);
    }

    /** Fails in every order (the listener never returns): proves the wiring. */
    @Test
    void redTwinEvictionThatSkipsTheReturnIsFound(TestInfo test) {
        assertTwinFails(test, PageRaces.EvictVsGuard::new, Defect.EVICTION_SKIPS_RETURN, ViolationKind.LEAK);
    }

    @Test
    void clearOfAReturnedPageNeverTouchesTheSliceItsNextOwnerHolds(TestInfo test) {
        assertExploredClean(test, PageRaces.ClearVsReuse::new);
    }

    /** Fails in every order (clear zeroes the next owner's record whenever it runs). */
    @Test
    void redTwinClearZeroingReturnedMemoryIsFound(TestInfo test) {
        assertTwinFails(test, PageRaces.ClearVsReuse::new, Defect.CLEAR_ZEROES_RETURNED, ViolationKind.LOST_DATA);
    }
}
