package io.segcheck.sim.simulation;

import io.segcheck.sim.world.DefectSwitches;
import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import io.segcheck.sim.runner.Checking;
import io.segcheck.sim.runner.RunOutcome;
import io.segcheck.sim.runner.RunConfig;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every defect, switched on, is found by the simulator within a bounded number of seeds (faults
 * off, so the finding is the defect's, not a fault's), and the shrunk run fails the same way.
 */
class SimulatorFindsDefectsTest {

    /** The most seeds any defect may need; the slowest needed 156 when this was written. */
    static final int SEED_LIMIT = 400;

    @TestFactory
    Stream<DynamicTest> simulatorFindsEveryDefect() {
        // Defects that need a thread switch inside a call are Fray's: the simulator interleaves whole calls.
        return Arrays.stream(Defect.values()).filter(defect -> !defect.needsInterleaving()).map(defect -> DynamicTest.dynamicTest(defect.name(), () -> {
            for (long seed = 0; seed < SEED_LIMIT; seed++) {
                RunConfig config = Simulator.config(seed, Simulator.DEFAULT_STEPS, DefectSwitches.of(Defects.of(defect)), Checking.LOCKSTEP);
                SimulationSettings settings = SimulationSettings.forSeed(seed, SimulationSettings.DEFAULT_WORKERS, false);
                RunOutcome outcome = Simulator.execute(config, settings, Simulator.schedule(config, settings), false);
                if (!outcome.clean()) {
                    Simulator.Result shrunk = new Simulator(2000).run(config, settings);
                    assertTrue(shrunk.report().shrunkRunReproduces(), defect + " seed=" + seed
                            + ": the shrunk run does not fail the same way");
                    assertTrue(outcome.violation().isPresent(), defect + " seed=" + seed + ": " + outcome.sentence());
                    return;
                }
            }
            fail(defect + " was not found in " + SEED_LIMIT + " simulator seeds");
        }));
    }
}
