package io.segcheck.sim.world;

import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import io.segcheck.model.Violation;
import io.segcheck.sim.runner.Checking;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.Step;
import io.segcheck.sim.runner.Subject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs a hand-written list of steps through a fresh world, like the runner's lockstep loop does. */
final class Stories {

    static final long MIB = 1L << 20;

    private Stories() {
    }

    static RunConfig config(boolean guardMode, long budgetBytes, Defect... defects) {
        return new RunConfig(1, 0, DefectSwitches.of(Defects.of(defects)), guardMode, 64, budgetBytes, 256 * 1024, 1 * MIB, Checking.LOCKSTEP);
    }

    /** The first violation of the steps followed by quiesce, or empty when the run is clean. */
    static Optional<Violation> run(RunConfig config, String... lines) {
        return run(config, new ArrayList<>(), lines);
    }

    /** Like {@link #run(RunConfig, String...)}, collecting every trace line. */
    static Optional<Violation> run(RunConfig config, List<String> trace, String... lines) {
        try (Subject subject = new WorldFactory().create(config)) {
            for (int i = 0; i < lines.length; i++) {
                Optional<Violation> violation = subject.apply(i, Step.parse(lines[i]));
                trace.add(subject.traceLine());
                if (violation.isPresent()) {
                    return violation;
                }
            }
            Optional<Violation> atQuiesce = subject.quiesce(lines.length);
            trace.add(subject.traceLine());
            return atQuiesce;
        }
    }
}
