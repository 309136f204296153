package io.segcheck.sim.world;

import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import io.segcheck.model.Violation;
import io.segcheck.sim.runner.Checking;
import io.segcheck.sim.runner.RunConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.segcheck.sim.world.Stories.MIB;
import static io.segcheck.sim.world.Stories.config;
import static io.segcheck.sim.world.Stories.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hand-written stories on the fixed system: bad inputs, budget pressure, expiry, orphans, reuse
 * and quiesce (page, guard and raw-segment arguments count from the newest: {@code 0} is the most
 * recent). Each must run clean (the model predicted every result and error) and the trace
 * shows the results that prove the story went where it was meant to.
 */
class WorldStoriesTest {

    /** Runs the story clean and returns its trace, one line per step and one for quiesce. */
    private static List<String> clean(RunConfig config, String... steps) {
        List<String> trace = new ArrayList<>();
        Optional<Violation> violation = run(config, trace, steps);
        assertTrue(violation.isEmpty(), () -> violation.get().sentence() + "\ntrace:\n" + String.join("\n", trace));
        assertEquals(steps.length + 1, trace.size());
        return trace;
    }

    private static void assertResult(List<String> trace, int step, String result) {
        assertTrue(trace.get(step).contains("-> " + result), "step " + step + " expected " + result + ": " + trace.get(step));
    }

    @Test
    void badRawReleasesAndBadSizesArePredictedAndChangeNothing() {
        List<String> trace = clean(config(true, 64 * MIB), "allocate 4096", "release 0", "release 0",
                "allocate 100", "releaseForeign 0 0", "releaseForeign 1 0", "releaseForeign 2 0", "allocate 0",
                "allocate 262145", "release 0");
        assertResult(trace, 1, "ok");
        assertResult(trace, 2, "err:DOUBLE_RELEASE");
        assertResult(trace, 4, "err:FOREIGN");
        assertResult(trace, 5, "err:FOREIGN");
        assertResult(trace, 6, "err:FOREIGN");
        assertResult(trace, 7, "err:ILLEGAL_ARGUMENT");
        assertResult(trace, 8, "err:ILLEGAL_ARGUMENT");
        assertResult(trace, 9, "ok");
    }

    @Test
    void releaseOfStaleInstanceIsPredictedStaleAfterReuse() {
        List<String> trace = clean(config(false, 64 * MIB), "allocate 4096", "release 0", "allocate 4096", "release 1");
        assertResult(trace, 3, "err:STALE");
    }

    @Test
    void slotErrorsComeInTheAgreedOrderAndAFullPageStaysIntact() {
        List<String> trace = clean(config(true, 64 * MIB), "borrow 4096 0", "setSlot 0 -1 4 1", "setSlot 0 3 -1 1",
                "setSlot 0 3 262141 1", "setSlot 0 3 262140 1", "setSlot 0 4 0 1", "getSlot 0 3", "getDeweyId 0 0",
                "getSlot 0 1024");
        assertResult(trace, 1, "err:INDEX_OUT_OF_BOUNDS");
        assertResult(trace, 2, "err:NULL_POINTER");
        assertResult(trace, 3, "err:ILLEGAL_ARGUMENT");
        assertResult(trace, 4, "ok");
        assertResult(trace, 5, "err:PAGE_FULL");
        assertResult(trace, 6, "ok:byte[262140]");
        assertResult(trace, 7, "err:ILLEGAL_STATE");
        assertResult(trace, 8, "err:INDEX_OUT_OF_BOUNDS");
    }

    @Test
    void separateDeweyIdsResizeOnTheirOwnAndReadBack() {
        List<String> trace = clean(config(true, 64 * MIB), "borrow 100 1", "setDeweyId 0 0 5000 7",
                "setSlot 0 0 9000 8", "getDeweyId 0 0", "getSlot 0 0", "setDeweyId 0 0 3 9", "getDeweyId 0 0");
        assertResult(trace, 3, "ok:byte[5000]");
        assertResult(trace, 4, "ok:byte[9000]");
        assertResult(trace, 6, "ok:byte[3]");
    }

    @Test
    void exhaustionUnderATightBudgetIsPredictedAndLeaksNothing() {
        // 2 MiB of 256 KiB regions: eight 256 KiB segments, then nothing; a returned one makes room again
        // (without guard mode: in guard mode the returned slice waits in quarantine and keeps its region).
        String[] steps = new String[12];
        for (int i = 0; i < 9; i++) {
            steps[i] = "borrow 262144 0";
        }
        steps[9] = "borrow 4096 1";
        steps[10] = "returnPage 0";
        steps[11] = "borrow 4096 1";
        List<String> trace = clean(config(false, 2 * MIB), steps);
        assertResult(trace, 7, "ok");
        assertResult(trace, 8, "err:EXHAUSTED");
        assertResult(trace, 9, "err:EXHAUSTED");
        assertResult(trace, 11, "ok");
    }

    @Test
    void aResizeThatRunsOutOfBudgetLeavesThePageIntact() {
        String[] steps = {"borrow 262144 0", "borrow 262144 0", "borrow 262144 0", "borrow 262144 0",
            "borrow 262144 0", "borrow 262144 0", "borrow 262144 0", "borrow 4096 0", "setSlot 0 0 100 1",
            "setSlot 0 1 5000 2", "getSlot 0 0", "getSlot 0 1"};
        List<String> trace = clean(config(true, 2 * MIB), steps);
        assertResult(trace, 9, "err:EXHAUSTED");
        assertResult(trace, 10, "ok:byte[100]");
        assertResult(trace, 11, "ok:null");
    }

    @Test
    void expiryHappensAtATickAndRetiresTheCachedPage() {
        List<String> trace = clean(config(true, 64 * MIB), "borrow 4096 0", "put 1 5 0", "tick 10", "getAndGuard 1 5",
                "closeGuard 0", "tick 31", "getSlot 0 0", "getAndGuard 1 5");
        assertResult(trace, 3, "ok:guard");
        assertTrue(trace.get(5).contains("evicted:EXPIRED@cache#1/key=5"), trace.get(5));
        assertResult(trace, 6, "err:ILLEGAL_STATE");
        assertResult(trace, 7, "ok:empty");
    }

    @Test
    void aGuardedPageRemovedFromItsCacheStaysReadableUntilItsLastGuardCloses() {
        List<String> trace = clean(config(true, 64 * MIB), "borrow 4096 0", "setSlot 0 0 10 1", "put 0 1 0",
                "getAndGuard 0 1", "invalidate 0 1", "getSlot 0 0", "guard 0", "closeGuard 0", "getSlot 0 0");
        assertResult(trace, 5, "ok:byte[10]");
        assertResult(trace, 6, "err:ILLEGAL_STATE");
        assertResult(trace, 8, "err:ILLEGAL_STATE");
    }

    @Test
    void replacingACachedPageRetiresTheOldOneAndRePuttingTheSameOneDoesNot() {
        List<String> trace = clean(config(true, 64 * MIB), "borrow 4096 0", "borrow 4096 0", "put 0 1 0", "put 0 1 0",
                "getSlot 0 0", "put 0 1 1", "getSlot 0 0", "put 0 2 0");
        assertResult(trace, 4, "ok:null");
        assertResult(trace, 6, "err:ILLEGAL_STATE");
        assertResult(trace, 7, "err:ILLEGAL_STATE");
    }

    @Test
    void resetForReuseWithFreshSegmentsMakesAReturnedPageLiveAgain() {
        List<String> trace = clean(config(true, 64 * MIB), "borrow 4096 0", "setSlot 0 0 10 1", "resetForReuse 0 8192 1",
                "returnSegments 0", "resetForReuse 0 8192 1", "setDeweyId 0 0 10 2", "getDeweyId 0 0", "getSlot 0 0");
        assertResult(trace, 2, "ok ok err:ILLEGAL_STATE");
        assertResult(trace, 4, "ok ok ok");
        assertResult(trace, 6, "ok:byte[10]");
        assertResult(trace, 7, "ok:null");
    }

    @Test
    void quiesceBringsBackGuardedCachedOrphanedAndRawSegments() {
        List<String> trace = clean(config(false, 64 * MIB), "borrow 4096 0", "borrow 9000 1", "borrow 100 1",
                "put 0 1 0", "put 1 2 1", "getAndGuard 0 1", "guard 2", "returnPage 2", "allocate 70000", "allocate 10",
                "setSlot 1 0 20000 3");
        assertTrue(trace.get(trace.size() - 1).contains("leased=0"), trace.get(trace.size() - 1));
    }

    @Test
    void theSameStepsGiveTheSameTrace() {
        String[] steps = {"borrow 4096 0", "setSlot 0 0 5000 1", "put 0 1 0", "allocate 3000", "release 0", "release 0",
            "getAndGuard 0 1", "tick 40", "closeGuard 0", "borrow 70000 1"};
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        run(config(true, 16 * MIB), first, steps);
        run(config(true, 16 * MIB), second, steps);
        assertEquals(first, second);
        assertTrue(first.stream().noneMatch(line -> line.contains("0x")), "no addresses in the trace");
    }

    @Test
    void realOnlyCheckingRunsTheRealSystemAndNeverReportsAViolation() {
        RunConfig realOnly = new RunConfig(1, 0, DefectSwitches.of(Defects.of(Defect.RETURN_NOT_IDEMPOTENT)), true, 64, 64 * MIB, 256 * 1024,
                MIB, Checking.REAL_ONLY);
        List<String> trace = new ArrayList<>();
        assertTrue(run(realOnly, trace, "borrow 4096 0", "returnSegments 0", "returnSegments 0").isEmpty());
        assertResult(trace, 2, "err:DOUBLE_RELEASE");
    }

    @Test
    void ownershipNamesEveryLeaseItsHolderAndItsState() {
        try (io.segcheck.sim.runner.Subject subject = new WorldFactory().create(config(false, 64 * MIB))) {
            subject.apply(0, io.segcheck.sim.runner.Step.parse("borrow 4096 1"));
            subject.apply(1, io.segcheck.sim.runner.Step.parse("setSlot 0 0 5000 1"));
            List<String> owners = List.copyOf(subject.ownership().values());
            assertEquals(List.of("page#0 as SLOT FREE", "page#0 as DEWEY LEASED", "page#0 as SLOT LEASED"), owners);
            assertTrue(subject.ownership().keySet().iterator().next().startsWith("4096@0x"));
        }
    }

    /**
     * A finding of this binding in the page layer, now fixed: a guard opened before
     * {@code resetForReuse} and closed after it decremented the reused page's guard count
     * (AssertionError "guardCount=0" with assertions on; without them an orphan could be returned
     * while a guard of its new life was still open). A reset page is LIVE with 0 guards and close
     * is idempotent per guard, so the old guard must not count against the new life.
     */
    @Test
    void aGuardOpenedBeforeResetForReuseDoesNotCountAgainstTheReusedPage() {
        clean(config(true, 64 * MIB), "borrow 4096 0", "guard 0", "returnSegments 0", "resetForReuse 0 4096 0",
                "guard 0", "closeGuard 1", "getSlot 0 0");
    }
}
