package io.segcheck.sim.runner;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One seed's run from start to end.
 *
 * @param config the world and run settings
 * @param weights the swarm weights drawn for the seed (empty for a replay, which does not generate)
 * @param generated how many steps were generated (for a replay: how many the file lists)
 * @param outcome the first execution
 * @param shrink the shrink of a failing first execution; empty when clean
 * @param shrunkReplay the shrunk steps run once more with their trace kept: proof that the shrunk
 *     run fails on its own, and the trace for reports; empty when clean
 */
public record RunReport(RunConfig config, Optional<SwarmWeights> weights, int generated, RunOutcome outcome,
        Optional<ShrinkResult> shrink, Optional<RunOutcome> shrunkReplay) {

    public RunReport {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(shrink, "shrink");
        Objects.requireNonNull(shrunkReplay, "shrunkReplay");
    }

    public boolean clean() {
        return outcome.clean();
    }

    /** The run to show and to write as a replay: the shrunk one when there is one, else the first. */
    public RunOutcome finalOutcome() {
        return shrunkReplay.orElse(outcome);
    }

    /** The steps of {@link #finalOutcome()}. */
    public List<Step> finalSteps() {
        return finalOutcome().steps();
    }

    /**
     * True when the shrunk run, executed again from scratch, failed with the original signature.
     * False would mean the run depends on something other than its steps and settings.
     */
    public boolean shrunkRunReproduces() {
        return shrunkReplay.map(replay -> replay.signature().equals(outcome.signature())).orElse(true);
    }
}
