package io.segcheck.sim.runner;

import io.segcheck.impl.defect.Defects;

import java.util.PrimitiveIterator;
import java.util.Optional;

/**
 * Runs seed after seed until one fails; that one is shrunk.
 *
 * <p>A clean seed costs one execution; only the first failing seed pays for shrinking, which is
 * why a sweep stops there: one readable failure is worth more than a thousand unshrunk ones.
 */
public final class Sweep {

    /** Told after each seed, so a long sweep can show progress. */
    @FunctionalInterface
    public interface Progress {
        void seedDone(long seed, long seedsDone, long seedsTotal, long stepsDone);
    }

    /**
     * The result of a sweep.
     *
     * @param seedsRun how many seeds ran, the failing one included
     * @param stepsRun how many steps were applied in first executions (shrinking not counted)
     * @param failure the first failing seed's report, shrunk; empty when every seed was clean
     */
    public record Result(long seedsRun, long stepsRun, Optional<RunReport> failure) {
    }

    private final Runner runner;

    public Sweep(Runner runner) {
        this.runner = runner;
    }

    /**
     * Runs every seed of {@code seeds} with {@code steps} steps each.
     *
     * @param checking {@link Checking#REAL_ONLY} runs the real system alone, to measure throughput
     */
    public Result run(SeedRange seeds, int steps, Defects defects, boolean guardMode, Checking checking,
            Progress progress) {
        return run(seeds, steps, defects, guardMode, checking, progress, runner.newMarkTally());
    }

    /** As above, adding every seed's rare-path marks (first executions only) to {@code marks}. */
    public Result run(SeedRange seeds, int steps, Defects defects, boolean guardMode, Checking checking,
            Progress progress, MarkTally marks) {
        long total = seeds.size();
        long seedsRun = 0;
        long stepsRun = 0;
        for (PrimitiveIterator.OfLong iterator = seeds.iterator(); iterator.hasNext(); ) {
            long seed = iterator.nextLong();
            RunConfig config = RunConfig.forSeed(seed, steps, defects, guardMode).withChecking(checking);
            Outcome outcome = generateAndExecute(config, marks);
            seedsRun++;
            stepsRun += outcome.steps().size();
            progress.seedDone(seed, seedsRun, total, stepsRun);
            if (!outcome.clean()) {
                // Run the seed again through the front door so the report is shrunk and complete.
                return new Result(seedsRun, stepsRun, Optional.of(runner.run(config, false)));
            }
        }
        return new Result(seedsRun, stepsRun, Optional.empty());
    }

    /** The subject's own exceptions are outcomes; one escaping here is the engine's, so it names the seed. */
    private Outcome generateAndExecute(RunConfig config, MarkTally marks) {
        try {
            return runner.execute(config, runner.generate(config), marks);
        } catch (RuntimeException engineFailure) {
            throw new IllegalStateException("seed=" + config.seed() + ": " + engineFailure.getMessage(), engineFailure);
        }
    }
}
