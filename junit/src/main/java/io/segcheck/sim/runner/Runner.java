package io.segcheck.sim.runner;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The engine's front door: runs a seed (generate, execute, shrink on failure) or a given list of
 * steps (replay, no generation).
 */
public final class Runner {

    private final SubjectFactory factory;
    private final Lockstep lockstep;
    private final Shrinker shrinker;
    private final Set<String> actionsOff;

    /**
     * A runner whose swarm always switches {@code actionsOff} off on top of the seed's own draw.
     *
     * @throws IllegalArgumentException naming an action the catalog does not have
     */
    public Runner(SubjectFactory factory, int shrinkAttemptBudget, Set<String> actionsOff) {
        this.factory = factory;
        this.actionsOff = Set.copyOf(actionsOff);
        this.lockstep = new Lockstep(factory);
        this.shrinker = new Shrinker(lockstep, factory.catalog(), shrinkAttemptBudget);
        weights(0); // checks the action names now, not at the first seed
    }

    public Runner(SubjectFactory factory, int shrinkAttemptBudget) {
        this(factory, shrinkAttemptBudget, Set.of());
    }

    public Runner(SubjectFactory factory) {
        this(factory, Shrinker.DEFAULT_ATTEMPT_BUDGET, Set.of());
    }

    /** The swarm weights of {@code seed} for this runner's catalog. */
    public SwarmWeights weights(long seed) {
        return SwarmWeights.draw(seed, factory.catalog().actionNames()).without(actionsOff);
    }

    /** The steps {@code config} generates; the same list every time for the same config. */
    public List<Step> generate(RunConfig config) {
        return Generator.generate(config, factory.catalog(), weights(config.seed()));
    }

    /** Generates and runs {@code config}'s seed; shrinks when it fails. */
    public RunReport run(RunConfig config, boolean keepTrace) {
        SwarmWeights weights = weights(config.seed());
        List<Step> steps = Generator.generate(config, factory.catalog(), weights);
        RunOutcome outcome = lockstep.execute(config, steps, keepTrace);
        return finish(config, Optional.of(weights), steps.size(), outcome, true);
    }

    /**
     * Runs exactly {@code steps} (no generation) in a world built from {@code config}; shrinks a
     * failure only when asked, because a replay usually is already shrunk.
     */
    public RunReport replay(RunConfig config, List<Step> steps, boolean shrinkFailure) {
        RunConfig exact = config.withSteps(steps.size());
        RunOutcome outcome = lockstep.execute(exact, steps, true);
        return finish(exact, Optional.empty(), steps.size(), outcome, shrinkFailure);
    }

    /** Runs {@code steps} once with nothing else: no shrinking, no trace kept. For sweeps' inner loop. */
    public RunOutcome execute(RunConfig config, List<Step> steps) {
        return lockstep.execute(config, steps, false);
    }

    /** As {@link #execute(RunConfig, List)}, adding the world's rare-path marks to {@code marks}. */
    public RunOutcome execute(RunConfig config, List<Step> steps, MarkTally marks) {
        return lockstep.execute(config, steps, false, marks);
    }

    /** A tally of every mark this runner's worlds count, all at 0. */
    public MarkTally newMarkTally() {
        return new MarkTally(factory.markNames());
    }

    /** What followed from the first violation of {@code steps} (see {@link Lockstep#consequence}). */
    public Optional<io.segcheck.model.Violation> consequence(RunConfig config, List<Step> steps) {
        return lockstep.consequence(config, steps);
    }

    private RunReport finish(RunConfig config, Optional<SwarmWeights> weights, int generated, RunOutcome outcome,
            boolean shrinkFailure) {
        if (outcome.clean() || !shrinkFailure) {
            return new RunReport(config, weights, generated, outcome, Optional.empty(), Optional.empty());
        }
        ShrinkResult shrink = shrinker.shrink(config, outcome);
        List<Step> shrunkSteps = shrink.shrunk().steps();
        RunOutcome again = lockstep.execute(config.withSteps(shrunkSteps.size()), shrunkSteps, true);
        return new RunReport(config, weights, generated, outcome, Optional.of(shrink), Optional.of(again));
    }
}
