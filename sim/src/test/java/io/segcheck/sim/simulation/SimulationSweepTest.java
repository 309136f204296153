package io.segcheck.sim.simulation;

import io.segcheck.sim.runner.Switches;
import io.segcheck.impl.defect.Defects;
import io.segcheck.sim.runner.Checking;
import io.segcheck.sim.runner.RunOutcome;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.Step;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small sweep of simulator seeds in every build, faults on: each seed must reach quiesce with
 * nothing leased and no listener pending. The CLI runs the long sweeps ({@code ./segcheck sim}).
 */
class SimulationSweepTest {

    /** Seeds per build: about 3 s on 2 busy shared cores; {@code -Dsegcheck.simSeeds=N} for more. */
    static final int SEEDS = Integer.getInteger("segcheck.simSeeds", 200);

    @TestFactory
    Stream<DynamicTest> everySimulatedSeedIsClean() {
        return LongStream.range(0, SEEDS).mapToObj(seed -> DynamicTest.dynamicTest("sim seed " + seed, () -> {
            RunConfig config = Simulator.config(seed, Simulator.DEFAULT_STEPS, Switches.none(), Checking.LOCKSTEP);
            SimulationSettings settings = SimulationSettings.forSeed(seed, SimulationSettings.DEFAULT_WORKERS, true);
            List<Step> steps = Simulator.schedule(config, settings);
            RunOutcome outcome = Simulator.execute(config, settings, steps, false);
            assertTrue(outcome.clean(), "seed=" + seed + " " + settings.describe() + ": " + outcome.sentence()
                    + "\nreproduce: ./segcheck sim --seeds " + seed + ".." + (seed + 1));
        }));
    }
}
