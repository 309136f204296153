package io.segcheck.sim.cli;

import io.segcheck.sim.runner.Switches;
import io.segcheck.sim.world.DefectSwitches;
import io.segcheck.sim.matrix.Summary;
import io.segcheck.sim.runner.Checking;
import io.segcheck.sim.runner.FailureReport;
import io.segcheck.sim.runner.MarkTally;
import io.segcheck.sim.runner.RunReport;
import io.segcheck.sim.runner.Runner;
import io.segcheck.sim.runner.SeedRange;
import io.segcheck.sim.runner.Sweep;
import io.segcheck.sim.world.WorldFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * {@code segcheck sweep}: runs a range of seeds, stops at the first failing one and shrinks it.
 *
 * <p>The wall clock is read here only to report throughput and progress; nothing a run does
 * depends on it.
 */
final class SweepCommand implements Command {

    /** Seeds of a sweep when {@code --seeds} is not given. */
    static final SeedRange DEFAULT_SEEDS = SeedRange.of(0, 1000);
    private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

    private final Target.Binder binder;
    private final PrintStream progress;
    private final LongSupplier nanoTime;

    SweepCommand(Target.Binder binder, PrintStream progress, LongSupplier nanoTime) {
        this.binder = binder;
        this.progress = progress;
        this.nanoTime = nanoTime;
    }

    @Override
    public String name() {
        return "sweep";
    }

    @Override
    public String usage() {
        return "sweep [--seeds A..B] [--steps N] [--defect NAME[,NAME]] [--shard i/n] [--guard-mode on|off]"
                + "\n        [--out DIR] [--shrink-budget N] [--without ACTION[,ACTION]] [--unchecked] [--quiet]"
                + " [--summary FILE]"
                + "\n                               seeds A to B-1 (default 0..1000); stops at the first failure,"
                + "\n                               shrinks it, writes DIR/seed-N.replay; --unchecked runs the real"
                + "\n                               system alone (throughput baseline); --without switches actions"
                + "\n                               off on top of each seed's swarm (e.g. to sweep past a known finding);"
                + "\n                               prints the rare-path marks reached; --summary FILE writes them"
                + "\n                               and the finding for segcheck merge"
                + RunCommand.RunSettings.MAX_FINDINGS_USAGE
                + "\n        [--jobs N]             seeds at once, each in its own world (default: the machine's"
                + "\n                               cores); the same findings, replays and output order as --jobs 1"
                + Spread.USAGE + "\n                               (default: threads)"
                + Target.USAGE;
    }

    @Override
    public ExitCode run(List<String> args, PrintStream out) throws UsageException, IOException {
        Options options = Options.parse(args, RunCommand.RunSettings.with(Set.of("--seeds", "--steps", "--defect",
                "--shard", "--guard-mode", "--out", "--shrink-budget", "--without", "--max-findings", "--summary", "--jobs",
                "--spread")), Set.of("--unchecked", "--quiet", Spread.SERVE));
        if (!options.positional().isEmpty()) {
            throw new UsageException("unexpected argument " + options.positional().getFirst());
        }
        SeedRange seeds = options.seeds("--seeds", "--shard", DEFAULT_SEEDS);
        int steps = RunCommand.RunSettings.steps(options);
        Switches defects = options.defects("--defect").map(DefectSwitches::of).orElse(Switches.none());
        Optional<Boolean> guardMode = RunCommand.RunSettings.guardMode(options);
        Checking checking = options.flag("--unchecked") ? Checking.REAL_ONLY : Checking.LOCKSTEP;
        Target binding = binder.bind(options, java.util.Map.of());
        if (!binding.designLine().isEmpty()) {
            out.println(binding.designLine());
        }
        out.println("sweep seeds=" + seeds + " (" + seeds.size() + " seeds) steps=" + steps + " defects="
                + (defects.isEmpty() ? "none" : defects) + " guardMode=" + guardMode.map(on -> on ? "on" : "off").orElse("per-seed")
                + " checking=" + checking + options.value("--without").map(names -> " without=" + names).orElse("")
                + (binding.describe().isEmpty() ? "" : " " + binding.describe()));
        Runner runner = RunCommand.RunSettings.runner(options, binding.factory());
        if (options.flag(Spread.SERVE)) {
            new Sweep(runner).serve(Spread.seedsAsked(), out, steps, defects, guardMode, checking);
            return ExitCode.CLEAN;
        }
        int jobs = binding.jobs(options.jobs(), out);
        Sweep sweep = Spread.of(options, jobs, Spread.THREADS) == Spread.PROCESSES
                ? new Sweep(runner, jobs).inChildren(Spread.childCommand(name(), args)) : new Sweep(runner, jobs);
        Clock clock = new Clock(nanoTime.getAsLong(), options.flag("--quiet"), jobs);
        int maxFindings = RunCommand.RunSettings.maxFindings(options);
        MarkTally marks = runner.newMarkTally();
        if (maxFindings > 1) {
            Sweep.Findings found = sweep.collect(seeds, steps, defects, guardMode, checking, maxFindings,
                    clock::seedDone, marks);
            printMarks(out, marks, binding);
            return FindingsReport.print(out, found, RunCommand.RunSettings.outDir(options), binding,
                    new Throughput(found.seedsRun(), found.stepsRun(), nanoTime.getAsLong() - clock.startNanos, jobs)
                            .summary());
        }
        Sweep.Result result = sweep.run(seeds, steps, defects, guardMode, checking, clock::seedDone,
                marks);
        long doneNanos = nanoTime.getAsLong();
        printMarks(out, marks, binding);
        Summary summary = new Summary();
        summary.marks(marks.counts());
        if (result.failure().isEmpty()) {
            writeSummary(options, summary);
            out.println("sweep CLEAN: " + throughput(result, doneNanos - clock.startNanos, jobs));
            return ExitCode.CLEAN;
        }
        RunReport failure = result.failure().get();
        if (failure.finalOutcome().clean()) {
            out.println(notReproducible("sweep", failure.config().seed(), jobs));
            return ExitCode.VIOLATION;
        }
        Path replay = RunCommand.RunSettings.outDir(options).resolve("seed-" + failure.config().seed() + ".replay");
        summary.finding(new Summary.Finding("sweep " + seeds + " defects=" + (defects.isEmpty() ? "none" : defects),
                failure.config().seed(), failure.finalOutcome().signature().orElse(""), replay.toString()));
        writeSummary(options, summary);
        FailureReport.printSettings(out, failure.config(), failure.weights(), binding.describe(),
                binding.unusedSettings());
        ExitCode exit = RunCommand.RunSettings.finish(out, failure, RunCommand.RunSettings.outDir(options), binding);
        out.println("sweep FAILED at seed=" + failure.config().seed() + " after " + result.seedsRun() + " seeds in "
                + seconds(clock.lastSeedNanos - clock.startNanos) + " s, shrunk in "
                + seconds(doneNanos - clock.lastSeedNanos) + " s; "
                + throughput(result, clock.lastSeedNanos - clock.startNanos, jobs));
        return exit;
    }

    /**
     * The verdict on a seed that failed in the sweep and passed when run again alone: a run that
     * depends on more than its seed, which no replay file could reproduce.
     */
    static String notReproducible(String command, long seed, int jobs) {
        return command + " NOT REPRODUCIBLE: seed " + seed + " failed in the " + command + " (" + jobs
                + (jobs == 1 ? " job" : " jobs") + ") and passed when run again alone, so no replay can show it:"
                + " its run depends on more than its seed (state shared with seeds running beside it, such"
                + " as a process-wide singleton a page or allocator reaches, or timing). Run it with --jobs 1;"
                + " a page factory whose pages reach process-wide state declares processWideState()";
    }

    /** {@code --summary FILE}: the marks and the finding, for {@code segcheck merge} of a sharded nightly sweep. */
    private static void writeSummary(Options options, Summary summary) throws IOException {
        if (options.value("--summary").isPresent()) {
            summary.write(Path.of(options.value("--summary").get()));
        }
    }

    private static String throughput(Sweep.Result result, long nanos, int jobs) {
        return new Throughput(result.seedsRun(), result.stepsRun(), nanos, jobs).summary();
    }

    private static String seconds(long nanos) {
        return String.format("%.2f", nanos / 1e9);
    }

    /** Progress lines on stderr, at most one every two seconds, so short sweeps print none. */
    private final class Clock {
        private final long startNanos;
        private final boolean quiet;
        private final int jobs;
        private long lastPrintNanos;
        private long lastSeedNanos;

        Clock(long startNanos, boolean quiet, int jobs) {
            this.startNanos = startNanos;
            this.quiet = quiet;
            this.jobs = jobs;
            this.lastPrintNanos = startNanos;
            this.lastSeedNanos = startNanos;
        }

        void seedDone(long seed, long seedsDone, long seedsTotal, long stepsDone) {
            lastSeedNanos = nanoTime.getAsLong();
            if (quiet || lastSeedNanos - lastPrintNanos < PROGRESS_EVERY_NANOS) {
                return;
            }
            lastPrintNanos = lastSeedNanos;
            Throughput throughput = new Throughput(seedsDone, stepsDone, lastSeedNanos - startNanos, jobs);
            progress.printf("sweep: %d/%d seeds (%d%%), seed=%d, %s, about %.0f s left%n", seedsDone, seedsTotal,
                    100 * seedsDone / Math.max(1, seedsTotal), seed, throughput.rates(),
                    (seedsTotal - seedsDone) / Math.max(1e-9, throughput.seedsPerSecond()));
        }
    }

    /** The marks; with another allocator checked alone there are none to count, and the line says why. */
    private static void printMarks(PrintStream out, MarkTally marks, Target binding) {
        if (marks.counts().isEmpty() && binding.factory() instanceof WorldFactory) {
            out.println("marks: none for this binding (marks count rare paths of segcheck's own allocator, and of"
                    + " its pages and caches under --coverage system)");
            return;
        }
        marks.print(out);
    }
}
