package io.segcheck.sim.simulation;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.sim.runner.Switches;
import io.segcheck.sim.runner.Checking;
import io.segcheck.sim.runner.ChildSeeds;
import io.segcheck.sim.runner.RunLine;
import io.segcheck.sim.runner.MarkTally;
import io.segcheck.sim.runner.RunOutcome;
import io.segcheck.sim.runner.ParallelSeeds;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.SeedRange;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The simulator over a range of seeds: runs seed after seed (up to {@code jobs} at once, each in a
 * simulated world of its own) until one fails, then shrinks that one on the calling thread. The
 * result, the marks and the progress calls are in seed order, so they are the same for every
 * {@code jobs}: the failure is the lowest failing seed, not the first to finish. A sweep with child
 * JVMs ({@link #inChildren}) keeps them from its first run to {@link #close}.
 */
public final class SimulationSweep implements AutoCloseable {

    /** Told of each seed in seed order, on the calling thread. */
    @FunctionalInterface
    public interface Progress {
        void seedDone(long seed, RunOutcome outcome, long seedsDone, long stepsDone);
    }

    /**
     * @param seedsRun seeds run up to and including the failing one
     * @param stepsRun steps of those seeds' first executions
     * @param failure the lowest failing seed, shrunk; empty when every seed was clean
     */
    public record Result(long seedsRun, long stepsRun, Optional<Simulator.Result> failure) {
    }

    /**
     * A failing seed met in seed order while the sweep keeps going (as {@code --max-findings} does):
     * {@code shrink} shrinks it on the calling thread; answer true to stop the sweep there.
     */
    @FunctionalInterface
    public interface Failures {
        boolean failed(long seed, RunOutcome outcome, java.util.function.Supplier<Simulator.Result> shrink);
    }

    /**
     * What every seed of the sweep shares: steps, workers, faults, defects and checking; whether an
     * outside allocator runs alone (without segcheck's pages), and the actions switched off.
     */
    public record Plan(int steps, int workers, boolean faults, Switches defects, Checking checking, boolean alone,
                       Set<String> without) {
        public Plan {
            without = Set.copyOf(without);
        }

        /** A plan for segcheck's own system, with every action on. */
        public Plan(int steps, int workers, boolean faults, Switches defects, Checking checking) {
            this(steps, workers, faults, defects, checking, false, Set.of());
        }

        RunConfig config(long seed) {
            return Simulator.config(seed, steps, defects, checking);
        }

        SimulationSettings settings(long seed, AllocatorFactory allocator) {
            return Simulator.settings(seed, workers, faults, allocator, alone);
        }
    }

    private final int shrinkBudget;
    /** Another project's allocators; null for segcheck's own. */
    private final AllocatorFactory allocator;
    private final int jobs;
    /** The command that starts a child JVM serving this sweep's seeds; empty: every job is a thread here. */
    private final List<String> childCommand;
    private ChildSeeds<SeedRun> children;
    private Plan childrenPlan;

    public SimulationSweep(int shrinkBudget, AllocatorFactory allocator, int jobs) {
        this(shrinkBudget, allocator, jobs, List.of());
    }

    private SimulationSweep(int shrinkBudget, AllocatorFactory allocator, int jobs, List<String> childCommand) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs=" + jobs + " must be >= 1");
        }
        this.shrinkBudget = shrinkBudget;
        this.allocator = allocator;
        this.jobs = jobs;
        this.childCommand = List.copyOf(childCommand);
    }

    /**
     * This sweep with all jobs but one in child JVMs started by {@code command}, each of which
     * must {@link #serve} the same plan's seeds (see {@link ChildSeeds}); the results are the same.
     * The children are started by the first run and ended by {@link #close}.
     */
    public SimulationSweep inChildren(List<String> command) {
        return new SimulationSweep(shrinkBudget, allocator, jobs, command);
    }

    /** A child JVM's side of {@link #inChildren}: runs each seed read from {@code seeds} under {@code plan}. */
    public void serve(BufferedReader seeds, PrintStream answers, Plan plan) throws IOException {
        ParallelSeeds.Work<SeedRun> here = seed -> firstExecution(seed, plan);
        ChildSeeds.serve(seeds, answers, here, new Codec(plan));
    }

    /** Runs {@code seeds} under {@code plan}, adding each seed's marks to {@code marks} up to the failing seed. */
    public Result run(SeedRange seeds, Plan plan, MarkTally marks, Progress progress) {
        long[] failingSeed = {-1};
        long[] counts = runSeeds(seeds, plan, marks, progress, (seed, outcome, shrink) -> {
            failingSeed[0] = seed;
            return true;
        });
        if (failingSeed[0] < 0) {
            return new Result(counts[0], counts[1], Optional.empty());
        }
        return new Result(counts[0], counts[1], Optional.of(shrink(plan, failingSeed[0])));
    }

    /**
     * Runs {@code seeds} under {@code plan} past failures: each failing seed goes to {@code failures}
     * in seed order, which decides whether to stop; answers the seeds and steps run.
     */
    public long[] runPastFailures(SeedRange seeds, Plan plan, MarkTally marks, Progress progress, Failures failures) {
        return runSeeds(seeds, plan, marks, progress, failures);
    }

    private long[] runSeeds(SeedRange seeds, Plan plan, MarkTally marks, Progress progress, Failures failures) {
        long[] counts = new long[2]; // seeds run, steps run
        ParallelSeeds.Sink<SeedRun> sink = (seed, done) -> {
            marks.addAll(done.marks());
            counts[0]++;
            counts[1] += done.steps();
            progress.seedDone(seed, done.outcome(), counts[0], counts[1]);
            return done.outcome().clean() || !failures.failed(seed, done.outcome(), () -> shrink(plan, seed));
        };
        ParallelSeeds.Work<SeedRun> here = seed -> firstExecution(seed, plan);
        if (childCommand.isEmpty() || jobs == 1) {
            ParallelSeeds.run(seeds, jobs, here, sink);
            return counts;
        }
        ParallelSeeds.run(seeds, jobs, children(plan, here), sink);
        return counts;
    }

    /** The child JVMs, started at the first run that needs them and kept, warm, for the next runs of the same plan. */
    private synchronized ChildSeeds<SeedRun> children(Plan plan, ParallelSeeds.Work<SeedRun> here) {
        if (children == null) {
            children = new ChildSeeds<>(here, childCommand, new Codec(plan));
            childrenPlan = plan;
        } else if (!childrenPlan.equals(plan)) {
            throw new IllegalArgumentException("this sweep's child JVMs serve the plan of its first run, " + childrenPlan
                    + "; a run asked for " + plan);
        }
        return children;
    }

    /** Ends the child JVMs, if any were started; a later run starts new ones. */
    @Override
    public synchronized void close() {
        if (children != null) {
            children.close();
            children = null;
            childrenPlan = null;
        }
    }

    private Simulator.Result shrink(Plan plan, long seed) {
        return new Simulator(shrinkBudget, allocator, plan.without()).run(plan.config(seed),
                plan.settings(seed, allocator));
    }

    /**
     * One seed's first execution and the marks it reached; a clean seed run in a child JVM has a
     * summary outcome (no steps or trace, its trace hash), so its step count is kept apart.
     */
    private record SeedRun(RunOutcome outcome, MarkTally marks, int steps) {
    }

    /** A seed's run as its {@link RunLine}. */
    private final class Codec implements ChildSeeds.Codec<SeedRun> {
        private final Plan plan;

        Codec(Plan plan) {
            this.plan = plan;
        }

        @Override
        public String encode(SeedRun run) {
            return RunLine.of(run.outcome(), run.steps(), run.marks());
        }

        @Override
        public Optional<SeedRun> decode(long seed, String line) {
            MarkTally marks = Simulator.newMarkTally(allocator, plan.alone());
            return RunLine.clean(line, marks).map(clean -> new SeedRun(clean.summary(), marks, clean.steps()));
        }

        @Override
        public boolean failed(SeedRun run) {
            return !run.outcome().clean();
        }

        @Override
        public SeedRun notReproduced(long seed, String line, SeedRun passedHere) {
            return new SeedRun(RunLine.notReproduced(seed, line, passedHere.outcome(), "the simulator's JVM"),
                    passedHere.marks(), passedHere.steps());
        }
    }

    private SeedRun firstExecution(long seed, Plan plan) {
        RunConfig config = plan.config(seed);
        SimulationSettings settings = plan.settings(seed, allocator);
        MarkTally marks = Simulator.newMarkTally(allocator, plan.alone());
        RunOutcome outcome = Simulator.execute(config, settings, Simulator.schedule(config, settings, plan.without()),
                false, marks, allocator);
        return new SeedRun(outcome, marks, outcome.steps().size());
    }
}
