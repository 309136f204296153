package io.segcheck.sim.matrix;

import io.segcheck.sim.world.DefectSwitches;
import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import io.segcheck.sim.runner.Checking;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.RunReport;
import io.segcheck.sim.runner.Runner;
import io.segcheck.sim.runner.SeedRange;
import io.segcheck.sim.runner.Sweep;
import io.segcheck.sim.runner.SubjectFactory;

import java.util.Optional;

/**
 * The seeded sequence runner ({@code segcheck sweep}): one thread, the model in lockstep after every
 * step, guard mode on; counts seeds to the first failure and the steps it shrinks to.
 */
final class SequenceRunnerDetector implements Detector {

    /** Seeds per defect: the quick set is the one {@code mvn verify}'s defect sweep ({@code WorldSweepTest}) uses. */
    static final SeedRange QUICK_SEEDS = SeedRange.of(0, 100);
    static final SeedRange FULL_SEEDS = SeedRange.of(0, 2000);

    private final SubjectFactory factory;
    private final int jobs;

    SequenceRunnerDetector(SubjectFactory factory) {
        this(factory, 1);
    }

    /** Runs {@code jobs} seeds at once; the cell (seeds to the failure, shrunk length) is that of one at a time. */
    SequenceRunnerDetector(SubjectFactory factory, int jobs) {
        this.factory = factory;
        this.jobs = jobs;
    }

    @Override
    public String name() {
        return "runner";
    }

    @Override
    public String technique() {
        return "seeded sequences on one thread, model in lockstep after every step, shrinking (sweep, "
                + RunConfig.DEFAULT_STEPS + " steps, allocator settings drawn per seed; quick " + QUICK_SEEDS.size() + " seeds, full "
                + FULL_SEEDS.size() + ")";
    }

    @Override
    public Optional<String> notApplicable(Defect defect) {
        return Optional.empty();
    }

    @Override
    public Cell detect(Defect defect, Depth depth) {
        SeedRange seeds = depth == Depth.QUICK ? QUICK_SEEDS : FULL_SEEDS;
        long startNanos = System.nanoTime();
        Sweep.Result result = new Sweep(new Runner(factory), jobs).run(seeds, RunConfig.DEFAULT_STEPS, DefectSwitches.of(Defects.of(defect)),
                Optional.empty(), Checking.LOCKSTEP, (seed, done, total, steps) -> { });
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        if (result.failure().isEmpty()) {
            return new Cell(defect.name(), name(), Verdict.MISSED, seconds, result.seedsRun(), "seeds", -1, "", "");
        }
        RunReport report = result.failure().get();
        return new Cell(defect.name(), name(), Verdict.CAUGHT, seconds, result.seedsRun(), "seeds",
                report.finalSteps().size(), report.finalOutcome().signature().orElse(""),
                "seed=" + report.config().seed() + " (time includes shrinking)");
    }
}
