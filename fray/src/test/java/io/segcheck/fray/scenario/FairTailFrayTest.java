package io.segcheck.fray.scenario;

import io.segcheck.impl.defect.Defects;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A schedule whose own scheduler starves the thread another one spins for ends under the fair tail
 * ({@link StepCountingScheduler}) and is judged, instead of stopping at the step budget unjudged.
 * Three threads invalidate and put back the same key: under this PCT schedule one thread spins in
 * Caffeine's lock-free write buffer for a step of a thread PCT never runs again. Without the fair
 * tail this schedule stopped at the step budget (seen with the tail switched off: the probe over
 * this scenario's 200 schedules reported it as its one step-budget run).
 */
class FairTailFrayTest {

    private static final String SPINNING = "settings budget=524288 region=262144 quarantine=1"
            + "|init: borrow(65536,1); put(0,0); allocate(262144)"
            + "|t0: invalidate(0); put(0,0); invalidate(0); put(0,0)"
            + "|t1: invalidate(0); put(0,0); invalidate(0); put(0,0)"
            + "|t2: invalidate(0); put(0,0); invalidate(0); put(0,0)";

    @Test
    void aRunPctStarvesEndsUnderTheFairTailAndIsJudgedClean() {
        ScenarioExplorer explorer = new ScenarioExplorer(Scenario.parse(0, SPINNING.replace("|", "\n")), Defects.none());
        FraySchedule schedule = new FraySchedule(FraySchedule.Strategy.PCT, 156, 1665, false);
        String signature = explorer.signatureOf(schedule);
        assertFalse(signature.startsWith("stopped"), "the run did not end: " + signature);
        long steps = Long.parseLong(signature.substring(signature.indexOf('/') + 1));
        assertTrue(steps > FraySchedule.MAX_STEPS / 2 && steps < FraySchedule.MAX_STEPS,
                "the run should need the fair tail (past " + FraySchedule.MAX_STEPS / 2 + " steps) and end: " + signature);
        assertTrue(explorer.replay(schedule).isEmpty(), "the fixed system failed this schedule");
    }
}
