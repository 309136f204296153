package io.segcheck.fray.scenario;

import io.segcheck.impl.defect.Defects;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A system bug the nightly-size run found (seed 572, POS seed=572001717, at schedule 2): three
 * threads each invalidateAll() twice, then getAndGuard(0). t0's removal of key 0 had retired
 * Caffeine's node but not yet taken it out of the map; t2's invalidateAll() did not see the key
 * (Caffeine's key iteration skips a retired node), returned, and t2's getAndGuard(0) then found the
 * retired node (Caffeine's getIfPresent does not skip it) and answered a guard: a key its own
 * finished invalidateAll() had no longer seen was mapped again. Memory-safe (the page was orphaned
 * until the guard closed), but no order of whole calls explains it.
 */
class GetAndGuardOfAKeyBeingRemovedFrayTest {

    @Test
    void aGetAndGuardAfterAnInvalidateAllNeverFindsTheKeyAnotherRemovalIsTakingOut() {
        String threadCalls = "invalidateAll(); invalidateAll(); getAndGuard(0)";
        Scenario scenario = Scenario.parse(572, "settings budget=262144 region=262144 quarantine=0\n"
                + "init: borrow(65536,0); put(0,0); borrow(8192,0); put(1,1)\n"
                + "t0: " + threadCalls + "\nt1: " + threadCalls + "\nt2: " + threadCalls + "\n");
        ScenarioExplorer.Outcome outcome = new ScenarioExplorer(scenario, Defects.none()).explore(60);
        assertNull(outcome.finding(), () -> FindingReport.of(outcome.finding()));
    }
}
