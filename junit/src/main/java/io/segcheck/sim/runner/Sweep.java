package io.segcheck.sim.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final int jobs;
    /** The command that starts a child JVM serving this sweep's seeds; empty: every job is a thread here. */
    private final List<String> childCommand;

    /** A sweep that runs one seed at a time. */
    public Sweep(Runner runner) {
        this(runner, 1);
    }

    /**
     * A sweep that runs up to {@code jobs} seeds at once, each in its own world; its results, marks
     * and progress calls are those of one seed at a time (see {@link ParallelSeeds}). Shrinking runs
     * on the calling thread, one failure at a time.
     */
    public Sweep(Runner runner, int jobs) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs=" + jobs + " must be >= 1");
        }
        this(runner, jobs, List.of());
    }

    private Sweep(Runner runner, int jobs, List<String> childCommand) {
        this.runner = runner;
        this.jobs = jobs;
        this.childCommand = List.copyOf(childCommand);
    }

    /**
     * This sweep with all jobs but one in child JVMs started by {@code command}, each of which
     * must {@link #serve} the same sweep's seeds (see {@link ChildSeeds}); the results are the same.
     */
    public Sweep inChildren(List<String> command) {
        return new Sweep(runner, jobs, command);
    }

    /**
     * One seed's first execution, with the marks its world reached and its step count; the steps
     * are kept only when it failed, and a clean seed run in a child JVM has a summary outcome (no
     * steps or trace, its trace hash) and no config (only a failing seed's is read).
     */
    private record SeedRun(RunConfig config, List<Step> generated, RunOutcome outcome, MarkTally marks, int steps) {
    }

    /** The seeds taken in so far, in seed order: counted, their marks added, progress told. */
    private static final class Taken {
        private final long total;
        private final MarkTally marks;
        private final Progress progress;
        private long seeds;
        private long steps;

        Taken(long total, MarkTally marks, Progress progress) {
            this.total = total;
            this.marks = marks;
            this.progress = progress;
        }

        void add(long seed, SeedRun done) {
            marks.addAll(done.marks());
            seeds++;
            steps += done.steps();
            progress.seedDone(seed, seeds, total, steps);
        }
    }

    /**
     * Runs every seed of {@code seeds} with {@code steps} steps each.
     *
     * @param guardMode guard mode forced on or off for every seed; empty: each seed draws its own
     * @param checking {@link Checking#REAL_ONLY} runs the real system alone, to measure throughput
     */
    public Result run(SeedRange seeds, int steps, Switches defects, Optional<Boolean> guardMode, Checking checking,
            Progress progress) {
        return run(seeds, steps, defects, guardMode, checking, progress, runner.newMarkTally());
    }

    /** As above, adding every seed's rare-path marks (first executions only) to {@code marks}. */
    public Result run(SeedRange seeds, int steps, Switches defects, Optional<Boolean> guardMode, Checking checking,
            Progress progress, MarkTally marks) {
        Taken taken = new Taken(seeds.size(), marks, progress);
        RunConfig[] failed = new RunConfig[1];
        runSeeds(seeds, seed -> firstExecution(seed, steps, defects, guardMode, checking),
                (seed, done) -> {
                    taken.add(seed, done);
                    if (done.outcome().clean()) {
                        return true;
                    }
                    failed[0] = done.config();
                    return false;
                });
        if (failed[0] == null) {
            return new Result(taken.seeds, taken.steps, Optional.empty());
        }
        // Run the seed again through the front door so the report is shrunk and complete.
        return new Result(taken.seeds, taken.steps, Optional.of(runner.run(failed[0], false)));
    }

    /**
     * One kind of finding of a sweep that keeps going: failures with the same violation kind at the
     * same action are one finding, shrunk once (its first seed).
     *
     * @param kind the outcome signature (violation kind, or {@code internal:...})
     * @param action the action of the failing step, or {@code quiesce}
     * @param seeds every seed that failed this way, in sweep order
     * @param report the first seed's report, shrunk
     * @param consequence what followed from the violation when the first seed's run went on past it
     */
    public record Finding(String kind, String action, List<Long> seeds, RunReport report,
                          Optional<io.segcheck.model.Violation> consequence) {
    }

    /**
     * The result of a sweep that keeps going.
     *
     * @param seedsRun how many seeds ran
     * @param stepsRun how many steps were applied in first executions
     * @param findings the distinct findings, in the order they were first seen
     */
    public record Findings(long seedsRun, long stepsRun, List<Finding> findings) {
    }

    /**
     * Runs the seeds of {@code seeds} past failures, grouping failures by violation kind and action
     * and shrinking the first of each group; stops after the seed that brings the number of
     * distinct findings to {@code maxFindings}.
     */
    public Findings collect(SeedRange seeds, int steps, Switches defects, Optional<Boolean> guardMode,
            Checking checking, int maxFindings, Progress progress) {
        return collect(seeds, steps, defects, guardMode, checking, maxFindings, progress, runner.newMarkTally());
    }

    /** As above, adding every seed's rare-path marks (first executions only) to {@code marks}. */
    public Findings collect(SeedRange seeds, int steps, Switches defects, Optional<Boolean> guardMode,
            Checking checking, int maxFindings, Progress progress, MarkTally marks) {
        if (maxFindings < 1) {
            throw new IllegalArgumentException("maxFindings=" + maxFindings + " must be >= 1");
        }
        Map<String, Integer> groupOf = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        Taken taken = new Taken(seeds.size(), marks, progress);
        runSeeds(seeds, seed -> firstExecution(seed, steps, defects, guardMode, checking),
                (seed, done) -> {
                    taken.add(seed, done);
                    if (!done.outcome().clean()) {
                        group(done, groupOf, findings);
                    }
                    return findings.size() < maxFindings;
                });
        return new Findings(taken.seeds, taken.steps, findings);
    }

    /** Adds a failing seed to its finding, or makes it a new finding, shrunk here on the calling thread. */
    private void group(SeedRun failing, Map<String, Integer> groupOf, List<Finding> findings) {
        RunOutcome outcome = failing.outcome();
        String key = outcome.signature().orElse("?") + "@" + failingAction(outcome);
        Integer group = groupOf.get(key);
        if (group != null) {
            findings.get(group).seeds().add(failing.config().seed());
            return;
        }
        groupOf.put(key, findings.size());
        List<Long> seedsOfFinding = new ArrayList<>();
        seedsOfFinding.add(failing.config().seed());
        findings.add(new Finding(outcome.signature().orElse("?"), failingAction(outcome), seedsOfFinding,
                runner.run(failing.config(), false), runner.consequence(failing.config(), failing.generated())));
    }

    /** Runs the seeds on this JVM's threads, or on this JVM and child JVMs when the sweep has them. */
    private void runSeeds(SeedRange seeds, ParallelSeeds.Work<SeedRun> here, ParallelSeeds.Sink<SeedRun> sink) {
        if (childCommand.isEmpty() || jobs == 1) {
            ParallelSeeds.run(seeds, jobs, here, sink);
            return;
        }
        try (ChildSeeds<SeedRun> spread = new ChildSeeds<>(here, childCommand, new Codec())) {
            ParallelSeeds.run(seeds, jobs, spread, sink);
        }
    }

    /**
     * A child JVM's side of {@link #inChildren}: runs each seed read from {@code seeds} as the
     * sweep with the same arguments would, and answers it on {@code answers}.
     */
    public void serve(java.io.BufferedReader seeds, java.io.PrintStream answers, int steps, Switches defects,
            Optional<Boolean> guardMode, Checking checking) throws java.io.IOException {
        ParallelSeeds.Work<SeedRun> here = seed -> firstExecution(seed, steps, defects, guardMode, checking);
        ChildSeeds.serve(seeds, answers, here, new Codec());
    }

    /** A seed's run as its {@link RunLine}. */
    private final class Codec implements ChildSeeds.Codec<SeedRun> {

        @Override
        public String encode(SeedRun run) {
            return RunLine.of(run.outcome(), run.steps(), run.marks());
        }

        @Override
        public Optional<SeedRun> decode(long seed, String line) {
            MarkTally marks = runner.newMarkTally();
            return RunLine.clean(line, marks).map(clean -> new SeedRun(null, List.of(), clean.summary(), marks,
                    clean.steps()));
        }

        @Override
        public boolean failed(SeedRun run) {
            return !run.outcome().clean();
        }

        @Override
        public SeedRun notReproduced(long seed, String line, SeedRun passedHere) {
            return new SeedRun(passedHere.config(), runner.generate(passedHere.config()),
                    RunLine.notReproduced(seed, line, passedHere.outcome(), "the sweep's JVM"), passedHere.marks(),
                    passedHere.steps());
        }
    }

    /** Generates and runs one seed in a world of its own, counting its marks in a tally of its own. */
    private SeedRun firstExecution(long seed, int steps, Switches defects, Optional<Boolean> guardMode,
            Checking checking) {
        RunConfig drawn = RunConfig.forSeed(seed, steps, defects).withChecking(checking);
        RunConfig config = guardMode.map(drawn::withGuardMode).orElse(drawn);
        MarkTally marks = runner.newMarkTally();
        List<Step> generated = runner.generate(config);
        RunOutcome outcome = execute(config, generated, marks);
        return new SeedRun(config, outcome.clean() ? List.of() : generated, outcome, marks, outcome.steps().size());
    }

    /** The action of the step the outcome failed at; {@code quiesce} when every step passed. */
    public static String failingAction(RunOutcome outcome) {
        int index = outcome.violation().map(io.segcheck.model.Violation::stepIndex)
                .orElse(outcome.steps().size() - 1);
        if (index < 0) {
            return "start";
        }
        if (index >= outcome.steps().size()) {
            return "quiesce";
        }
        return outcome.steps().get(index).action();
    }

    /** The subject's own exceptions are outcomes; one escaping here is the engine's, so it names the seed. */
    private RunOutcome execute(RunConfig config, List<Step> generated, MarkTally marks) {
        try {
            return runner.execute(config, generated, marks);
        } catch (RuntimeException engineFailure) {
            throw new IllegalStateException("seed=" + config.seed() + ": " + engineFailure.getMessage(), engineFailure);
        }
    }
}
