package io.segcheck.sim.world;

import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import io.segcheck.sim.runner.Outcome;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.RunReport;
import io.segcheck.sim.runner.Runner;
import io.segcheck.sim.runner.Step;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The binding under the real runner: generated runs on the fixed system are clean (no false
 * positives), and with each defect on some early seed fails and shrinks to a short story.
 */
class WorldSweepTest {

    private static final int SEEDS = 60;
    private static final int STEPS = 200;

    @ParameterizedTest(name = "guardMode={0}")
    @ValueSource(booleans = {true, false})
    void generatedRunsOnTheFixedSystemAreClean(boolean guardMode) {
        Runner runner = new Runner(new WorldFactory());
        for (long seed = 0; seed < SEEDS; seed++) {
            RunConfig config = RunConfig.forSeed(seed, STEPS, Defects.none(), guardMode);
            List<Step> steps = runner.generate(config);
            Outcome outcome = runner.execute(config, steps);
            if (!outcome.clean()) {
                fail("SEED=" + seed + " " + config.settings() + ": " + outcome.sentence());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    // Defects that need a thread switch inside a call are the Fray tests' job.
    @MethodSource("io.segcheck.impl.defect.Defect#visibleInOneThread")
    void everyDefectIsFoundInTheFirstSeedsAndShrinksToAtMostTenSteps(Defect defect) {
        Runner runner = new Runner(new WorldFactory());
        for (long seed = 0; seed < SEEDS; seed++) {
            RunReport report = runner.run(RunConfig.forSeed(seed, STEPS, Defects.of(defect), true), false);
            if (!report.clean()) {
                assertTrue(report.shrunkRunReproduces(), "SEED=" + seed + " shrunk run does not reproduce");
                assertTrue(report.finalSteps().size() <= 10, "SEED=" + seed + " shrunk to "
                        + report.finalSteps().size() + " steps: " + report.finalSteps());
                return;
            }
        }
        fail(defect + " escaped " + SEEDS + " seeds");
    }
}
