package io.segcheck.sim.matrix;

import io.segcheck.sim.world.DefectSwitches;
import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import io.segcheck.sim.runner.Checking;
import io.segcheck.sim.runner.SeedRange;
import io.segcheck.sim.simulation.SimulationSettings;
import io.segcheck.sim.simulation.SimulationSweep;
import io.segcheck.sim.simulation.Simulator;

import java.util.Optional;

/**
 * The deterministic simulator ({@code segcheck sim}): logical workers interleaved at call
 * boundaries on one thread, cache listeners queued and run late, the model in lockstep; counts seeds
 * to the first failure and the steps the first failing seed shrinks to. Fault sites stay off, so a
 * cell measures the defect and not an injected failure.
 */
final class SimulatorDetector implements Detector {

    /**
     * Seeds per defect, the budget {@code SimulatorFindsDefectsTest} gives every defect: the slowest,
     * GET_AND_GUARD_IGNORES_LIFE with faults off, needs 357.
     */
    static final int QUICK_SEEDS = 400;
    static final int FULL_SEEDS = 2000;
    private static final int SHRINK_BUDGET = 2000;

    private final int jobs;

    SimulatorDetector() {
        this(1);
    }

    /** Runs {@code jobs} seeds at once; the cell (seeds to the failure, shrunk length) is that of one at a time. */
    SimulatorDetector(int jobs) {
        this.jobs = jobs;
    }

    @Override
    public String name() {
        return "simulator";
    }

    @Override
    public String technique() {
        return SimulationSettings.DEFAULT_WORKERS + " logical workers on one thread, seeded random or PCT "
                + "scheduling of whole calls, queued cache listeners, model in lockstep, shrinking (quick "
                + QUICK_SEEDS + " seeds, full " + FULL_SEEDS + ")";
    }

    @Override
    public Optional<String> notApplicable(Defect defect) {
        return defect.needsInterleaving()
                ? Optional.of("the simulator interleaves whole calls; this defect shows only on a thread switch inside one")
                : Optional.empty();
    }

    @Override
    public Cell detect(Defect defect, Depth depth) {
        int seeds = depth == Depth.QUICK ? QUICK_SEEDS : FULL_SEEDS;
        long startNanos = System.nanoTime();
        SimulationSweep.Result result = new SimulationSweep(SHRINK_BUDGET, null, jobs).run(SeedRange.of(0, seeds),
                new SimulationSweep.Plan(Simulator.DEFAULT_STEPS, SimulationSettings.DEFAULT_WORKERS, false,
                        DefectSwitches.of(Defects.of(defect)), Checking.LOCKSTEP), Simulator.newMarkTally(), (seed, outcome, done, steps) -> { });
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        if (result.failure().isEmpty()) {
            return new Cell(defect.name(), name(), Verdict.MISSED, seconds, seeds, "seeds", -1, "", "");
        }
        Simulator.Result shrunk = result.failure().get();
        return new Cell(defect.name(), name(), Verdict.CAUGHT, seconds, result.seedsRun(), "seeds",
                shrunk.report().finalSteps().size(), shrunk.report().finalOutcome().signature().orElse(""),
                "seed=" + shrunk.config().seed() + " (time includes shrinking)");
    }
}
