package io.segcheck.sim.world;

import io.segcheck.impl.defect.Defect;
import io.segcheck.model.Violation;
import io.segcheck.model.ViolationKind;
import io.segcheck.sim.runner.RunConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.segcheck.sim.world.Stories.MIB;
import static io.segcheck.sim.world.Stories.config;
import static io.segcheck.sim.world.Stories.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Page, guard and raw-segment arguments count from the newest: {@code 0} is the most recent.
 *
 * <p>For each historic defect, a short hand-written story that the world flags with the defect on
 * and runs clean with it off: proof that the binding's checks can see every defect in a handful
 * of steps, before any generator or shrinker is involved.
 */
class DefectStoriesTest {

    private static Violation flagged(RunConfig withDefect, ViolationKind kind, String... steps) {
        Optional<Violation> withoutDefect = run(config(withDefect.guardMode(), withDefect.budgetBytes()), steps);
        assertTrue(withoutDefect.isEmpty(), "clean without the defect, but: " + withoutDefect);
        Optional<Violation> found = run(withDefect, steps);
        assertTrue(found.isPresent(), "the defect " + withDefect.defects() + " went unnoticed");
        assertEquals(kind, found.get().kind(), found.get().sentence());
        return found.get();
    }

    @Test
    void preallocatedPoolLeakIsALeakBeforeTheFirstStep() {
        Violation leak = flagged(config(true, 256 * MIB, Defect.PREALLOCATED_POOL_LEAK), ViolationKind.LEAK,
                "borrow 100 0");
        assertEquals(-1, leak.stepIndex(), leak.sentence());
        assertTrue(leak.message().contains("segments of 4096 B leased"), leak.message());
    }

    @Test
    void preallocatedPoolLeakThatExhaustsASmallBudgetIsStillALeakNotACrash() {
        Violation leak = flagged(config(true, 4 * MIB, Defect.PREALLOCATED_POOL_LEAK), ViolationKind.LEAK);
        assertEquals(-1, leak.stepIndex());
    }

    @ParameterizedTest(name = "guardMode={0}")
    @ValueSource(booleans = {true, false})
    void resizeOfASharedSegmentThatLeavesTheOtherFieldDanglingIsUseAfterRelease(boolean guardMode) {
        Violation dangling = flagged(config(guardMode, 64 * MIB, Defect.RESIZE_SHARED_DANGLING),
                ViolationKind.USE_AFTER_RELEASE, "borrow 4096 0", "setSlot 0 0 5000 1");
        assertEquals(1, dangling.stepIndex());
        assertTrue(dangling.message().contains("deweyIdMemory references lease#0"), dangling.message());
        assertTrue(dangling.message().contains("released at step 1"), dangling.message());
    }

    @ParameterizedTest(name = "guardMode={0}")
    @ValueSource(booleans = {true, false})
    void evictionThatOnlyClearsThePageIsALeak(boolean guardMode) {
        Violation leak = flagged(config(guardMode, 64 * MIB, Defect.EVICTION_SKIPS_RETURN), ViolationKind.LEAK,
                "borrow 4096 1", "put 0 3 0", "invalidate 0 3");
        assertEquals(2, leak.stepIndex());
    }

    @Test
    void sizeEvictionThatOnlyClearsThePageIsALeak() {
        // Cache weight is 1 MiB: a 256 KiB page and then a 1 MiB... page of 5 x 256 KiB cannot all stay.
        String[] steps = {"borrow 262144 0", "borrow 262144 0", "borrow 262144 0", "borrow 262144 0",
            "borrow 262144 0", "put 0 0 0", "put 0 1 1", "put 0 2 2", "put 0 3 3", "put 0 4 4"};
        flagged(config(false, 64 * MIB, Defect.EVICTION_SKIPS_RETURN), ViolationKind.LEAK, steps);
    }

    @ParameterizedTest(name = "guardMode={0}")
    @ValueSource(booleans = {true, false})
    void returningTwiceWithoutTheReturnedFlagIsADoubleRelease(boolean guardMode) {
        Violation twice = flagged(config(guardMode, 64 * MIB, Defect.RETURN_NOT_IDEMPOTENT),
                ViolationKind.DOUBLE_RELEASE, "borrow 4096 0", "returnSegments 0", "returnSegments 0");
        assertEquals(2, twice.stepIndex());
        assertTrue(twice.message().contains("held by page#0 as SHARED since step 0, released at step 1"),
                twice.message());
    }

    @Test
    void returningTwiceAfterTheSliceWasLeasedAgainIsAStaleRelease() {
        flagged(config(false, 64 * MIB, Defect.RETURN_NOT_IDEMPOTENT), ViolationKind.STALE_RELEASE,
                "borrow 4096 0", "returnSegments 0", "borrow 4096 0", "returnPage 1");
    }

    @Test
    void clearingAReturnedPageInGuardModeTouchesReleasedMemory() {
        Violation touched = flagged(config(true, 64 * MIB, Defect.CLEAR_ZEROES_RETURNED),
                ViolationKind.USE_AFTER_RELEASE, "borrow 4096 0", "returnSegments 0", "clear 0");
        assertEquals(2, touched.stepIndex());
    }

    @Test
    void clearingAReturnedPageWithoutGuardModeZeroesTheNextOwnersData() {
        Violation lost = flagged(config(false, 64 * MIB, Defect.CLEAR_ZEROES_RETURNED), ViolationKind.LOST_DATA,
                "borrow 4096 0", "returnSegments 0", "borrow 4096 0", "setSlot 0 0 16 3", "clear 1");
        assertEquals(4, lost.stepIndex());
        assertTrue(lost.message().contains("page#1"), lost.message());
    }
}
