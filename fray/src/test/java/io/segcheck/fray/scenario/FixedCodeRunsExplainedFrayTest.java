package io.segcheck.fray.scenario;

import io.segcheck.impl.defect.Defects;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Runs of the fixed system that the oracle once refused, from the nightly-size run (seeds 0..299
 * x 30 schedules), each the oracle's mistake, not the system's: each scenario must now explore
 * clean over at least the schedules that found it.
 */
class FixedCodeRunsExplainedFrayTest {

    /**
     * Seed 162: the listener ran the removal of an invalidated entry while t0's put of the same page
     * under that key was in flight, so it deferred its decision to that put's end; another thread
     * invalidated the key in between, so the decision, on t0's thread, returned the page, and later
     * puts of it were refused. Recorded at the listener's own return, no order explained the
     * refusals (found at schedule 28, POS seed=162000513).
     */
    @Test
    void aRemovalDecidedAtAPutsEndIsPlacedThere() {
        assertCleanOver(60, Scenario.parse(162, "settings budget=524288 region=262144 quarantine=1\n"
                + "init: borrow(65536,1); put(0,0); allocate(262144)\n"
                + "t0: invalidate(0); put(0,0); invalidate(0); put(0,0)\n"
                + "t1: invalidate(0); put(0,0); invalidate(0); put(0,0)\n"
                + "t2: invalidate(0); put(0,0); invalidate(0); put(0,0)\n"));
    }

    /**
     * Seed 298: t1's allocate took the only region's slice, t2's close() closed the region's arena,
     * and t1's zeroing of the slice threw FFM's "Already closed" IllegalStateException: a refusal by
     * a concurrent close, in the segment API's words (found at schedule 12, POS seed=298000905).
     */
    @Test
    void anAllocateRefusedInTheSegmentApisWordsByAConcurrentClose() {
        assertCleanOver(30, Scenario.parse(298, "settings budget=262144 region=262144 quarantine=1\ninit: \n"
                + "t0: allocate(262144); allocate(262144); releaseForeign(1)\nt1: allocate(262144)\n"
                + "t2: stats(); close(); stats(); releaseForeign(1)\n"));
    }

    private static void assertCleanOver(int schedules, Scenario scenario) {
        ScenarioExplorer.Outcome outcome = new ScenarioExplorer(scenario, Defects.none()).explore(schedules);
        assertNull(outcome.finding(), () -> FindingReport.of(outcome.finding()));
    }
}
