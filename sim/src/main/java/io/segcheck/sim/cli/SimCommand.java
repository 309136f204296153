package io.segcheck.sim.cli;

import io.segcheck.sim.runner.Switches;
import io.segcheck.sim.world.DefectSwitches;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.sim.runner.Checking;
import io.segcheck.sim.runner.FailureReport;
import io.segcheck.sim.runner.MarkTally;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.SeedRange;
import io.segcheck.sim.runner.Shrinker;
import io.segcheck.sim.runner.Timeline;
import io.segcheck.sim.runner.TraceHash;
import io.segcheck.sim.simulation.SimulationSettings;
import io.segcheck.sim.simulation.SimulationSweep;
import io.segcheck.sim.simulation.Simulator;
import io.segcheck.sim.world.Coverage;
import io.segcheck.sim.world.WorldFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * {@code segcheck sim}: the deterministic simulator over a range of seeds, with the output
 * conventions of {@code sweep}: settings first, progress on stderr, and at the first failing seed
 * its SEED line and simulation settings, the violation, the shrunk steps, one replay line and a
 * timeline. The wall clock is read only to report progress and throughput.
 */
final class SimCommand implements Command {

    private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

    private final PrintStream progress;
    private final LongSupplier nanoTime;

    SimCommand(PrintStream progress, LongSupplier nanoTime) {
        this.progress = progress;
        this.nanoTime = nanoTime;
    }

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public String usage() {
        return "sim [--seeds A..B] [--workers N] [--faults on|off] [--defect NAME[,NAME]] [--shard i/n]"
                + "\n        [--steps N] [--out DIR] [--shrink-budget N] [--unchecked] [--quiet] [--hashes]"
                + "\n                               the simulator: N logical workers (default 4), queued cache"
                + "\n                               listeners, seeded faults (default on), a quiesce phase; stops at"
                + "\n                               the first failing seed, shrinks it, writes DIR/sim-seed-N.replay;"
                + "\n                               --hashes prints every seed's trace hash (determinism checks)"
                + RunCommand.RunSettings.WITHOUT_USAGE + RunCommand.RunSettings.MAX_FINDINGS_USAGE
                + "\n        [--jobs N]             seeds at once, each in its own world (default: the machine's"
                + "\n                               cores); the same results and output order as --jobs 1"
                + Spread.USAGE + String.format(Locale.ROOT,
                        "\n                               (default: processes from %,d seeds on, threads below)",
                        Spread.SIM_PROCESSES_FROM)
                + "\n        [--allocator FACTORY_CLASS] [--classpath JAR[:JAR]] [--ea PACKAGE[,PACKAGE]]"
                + "\n        [--coverage allocator|system] [--allocator-property NAME=VALUE[,NAME=VALUE]]"
                + "\n                               simulate another allocator: alone (workers lease, release, misuse"
                + "\n                               and call after a mid-run close; its named fault sites armed), or"
                + "\n                               under segcheck's pages and caches when it declares their size"
                + "\n                               classes, 4 KiB to 256 KiB; the replay file remembers it"
                + "\n        [--page PAGE_FACTORY_CLASS]  simulate a team's page on --allocator (or segcheck's): writers,"
                + "\n                               returners, clearers, resetters, guard holders, a pool user, and"
                + "\n                               failing allocations mid-resize, judged by the page oracle";
    }

    @Override
    public ExitCode run(List<String> args, PrintStream out) throws UsageException, IOException {
        Options options = Options.parse(args, RunCommand.RunSettings.with(Set.of("--seeds", "--workers", "--faults",
                "--defect", "--shard", "--steps", "--out", "--shrink-budget", "--without", "--max-findings", "--jobs",
                "--spread")),
                Set.of("--unchecked", "--quiet", "--hashes", Spread.SERVE));
        if (!options.positional().isEmpty()) {
            throw new UsageException("unexpected argument " + options.positional().getFirst());
        }
        SeedRange seeds = options.seeds("--seeds", "--shard", SweepCommand.DEFAULT_SEEDS);
        int workers = options.intValue("--workers", SimulationSettings.DEFAULT_WORKERS, 1, SimulationSettings.MAX_WORKERS);
        boolean faults = options.onOff("--faults", true);
        Switches defects = options.defects("--defect").map(DefectSwitches::of).orElse(Switches.none());
        int steps = options.intValue("--steps", Simulator.DEFAULT_STEPS, 0, RunConfig.MAX_STEPS);
        int shrinkBudget = options.intValue("--shrink-budget", Shrinker.DEFAULT_ATTEMPT_BUDGET, 0, 10_000_000);
        Checking checking = options.flag("--unchecked") ? Checking.REAL_ONLY : Checking.LOCKSTEP;
        boolean quiet = options.flag("--quiet");
        Path outDir = options.value("--out").map(Path::of).orElse(FailureReport.DEFAULT_FAILURE_DIR);
        Target binding = Target.forSimulation(options, Map.of());
        int jobs = binding.jobs(options.jobs(), out);
        if (binding.factory() instanceof io.segcheck.sim.pages.PageSimulationFactory pages) {
            for (String unused : List.of("--defect", "--without", "--max-findings")) {
                if (options.value(unused).isPresent()) {
                    throw new UsageException(unused + " does not apply to sim --page: the page is the subject");
                }
            }
            return new PageSimulationRun(progress, nanoTime, binding, seeds, options.value("--workers").isPresent()
                    ? workers : 0, faults, steps, shrinkBudget, outDir, quiet, options.flag("--hashes")).run(out, pages);
        }
        AllocatorFactory allocator = allocatorOf(binding);
        boolean alone = aloneOf(binding);
        Set<String> without = RunCommand.RunSettings.without(options, Simulator.actionNames());
        SimFindings findings = new SimFindings(RunCommand.RunSettings.maxFindings(options));
        if (!binding.designLine().isEmpty()) {
            out.println(binding.designLine());
        }
        out.println("sim seeds=" + seeds + " (" + seeds.size() + " seeds) steps=" + steps + " workers=" + workers
                + " faults=" + (faults ? "on" : "off") + " defects=" + (defects.isEmpty() ? "none" : defects)
                + " checking=" + checking + (without.isEmpty() ? "" : " without=" + String.join(",", without))
                + (allocator == null ? "" : " " + binding.describe()));
        long start = nanoTime.getAsLong();
        long[] lastPrint = {start};
        long[] lastSeed = {start};
        boolean hashes = options.flag("--hashes");
        MarkTally marks = Simulator.newMarkTally(allocator, alone);
        SimulationSweep.Plan plan = new SimulationSweep.Plan(steps, workers, faults, defects, checking, alone, without);
        if (options.flag(Spread.SERVE)) {
            new SimulationSweep(shrinkBudget, allocator, 1).serve(Spread.seedsAsked(), out, plan);
            return ExitCode.CLEAN;
        }
        Spread otherwise = seeds.size() >= Spread.SIM_PROCESSES_FROM ? Spread.PROCESSES : Spread.THREADS;
        try (SimulationSweep sweep = Spread.of(options, jobs, otherwise) == Spread.PROCESSES
                ? new SimulationSweep(shrinkBudget, allocator, jobs).inChildren(Spread.childCommand(name(), args))
                : new SimulationSweep(shrinkBudget, allocator, jobs)) {
            SimulationSweep.Progress seedDone = (seed, outcome, seedsDone, stepsDone) -> {
                if (hashes) {
                    out.println("seed=" + seed + " traceHash=" + TraceHash.hex(outcome.traceHash()) + " "
                            + outcome.signature().orElse("clean"));
                }
                lastSeed[0] = nanoTime.getAsLong();
                if (!quiet && lastSeed[0] - lastPrint[0] >= PROGRESS_EVERY_NANOS) {
                    lastPrint[0] = lastSeed[0];
                    progress.printf("sim: %d/%d seeds, seed=%d, %s%n", seedsDone, seeds.size(), seed,
                            new Throughput(seedsDone, stepsDone, lastSeed[0] - start, jobs).rates());
                }
            };
            if (findings.keepsGoing()) {
                long[] counts = sweep.runPastFailures(seeds, plan, marks, seedDone, findings::add);
                Throughput throughput = new Throughput(counts[0], counts[1], lastSeed[0] - start, jobs);
                if (!findings.isEmpty()) {
                    ExitCode exit = findings.print(out, outDir, binding, throughput.summary());
                    marks.print(out);
                    return exit;
                }
                out.println("sim CLEAN: " + throughput.summary());
                marks.print(out);
                return ExitCode.CLEAN;
            }
            SimulationSweep.Result result = sweep.run(seeds, plan, marks, seedDone);
            Throughput throughput = new Throughput(result.seedsRun(), result.stepsRun(), lastSeed[0] - start, jobs);
            if (result.failure().isPresent() && result.failure().get().clean()) {
                out.println(SweepCommand.notReproducible("sim", result.failure().get().config().seed(), jobs));
                return ExitCode.VIOLATION;
            }
            if (result.failure().isPresent()) {
                long shrunkAt = nanoTime.getAsLong();
                ExitCode exit = report(out, result.failure().get(), outDir, binding.notes());
                out.printf("sim FAILED at seed=%d after %d seeds in %.2f s, shrunk in %.2f s; %s%n",
                        result.failure().get().config().seed(), result.seedsRun(), throughput.seconds(),
                        (shrunkAt - lastSeed[0]) / 1e9, throughput.rates());
                marks.print(out);
                return exit;
            }
            out.println("sim CLEAN: " + throughput.summary());
            marks.print(out);
            return ExitCode.CLEAN;
        }
    }

    /** Whether {@code binding} simulates the allocator alone (coverage allocator). */
    static boolean aloneOf(Target binding) {
        return binding.factory() instanceof WorldFactory world && world.coverage() == Coverage.ALLOCATOR;
    }

    /** The other project's allocator factory of {@code binding}, or null for segcheck's own. */
    static AllocatorFactory allocatorOf(Target binding) {
        return binding.factory() instanceof WorldFactory world ? world.foreignAllocator().orElse(null) : null;
    }

    /** SEED line, simulation settings, violation, shrunk steps, replay line, timeline; the exit code. */
    static ExitCode report(PrintStream out, Simulator.Result result, Path outDir) throws IOException {
        return report(out, result, outDir, Map.of());
    }

    /** As above; {@code bindingNotes} go into the replay file so it binds the same allocator again. */
    static ExitCode report(PrintStream out, Simulator.Result result, Path outDir, Map<String, String> bindingNotes)
            throws IOException {
        FailureReport.printSettings(out, result.config(), Optional.empty(), "", result.unusedSettings());
        out.println(result.settings().describe());
        if (result.clean()) {
            FailureReport.printResult(out, result.report(), Optional.empty());
            return ExitCode.CLEAN;
        }
        Path replay = Simulator.writeReplay(result, outDir, bindingNotes);
        FailureReport.printResult(out, result.report(), Optional.of(replay), "", Simulator.catalog());
        out.println("shrunk simulation: " + result.settings().describe());
        out.println("timeline: " + Timeline.write(result.report(), Timeline.pathFor(replay)));
        return result.report().outcome().violation().isPresent() ? ExitCode.VIOLATION : ExitCode.INTERNAL;
    }
}
