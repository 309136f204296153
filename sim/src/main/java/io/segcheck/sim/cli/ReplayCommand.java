package io.segcheck.sim.cli;

import io.segcheck.sim.world.DefectSwitches;
import io.segcheck.sim.runner.Shrinker;
import io.segcheck.sim.simulation.SimulationSettings;
import io.segcheck.sim.simulation.Simulator;
import io.segcheck.sim.runner.FailureReport;
import io.segcheck.sim.runner.ReplayFile;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.RunReport;
import io.segcheck.sim.runner.Runner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code segcheck replay FILE}: re-executes exactly the steps of a replay file in the world its
 * header describes (no generation), and reports what happens.
 */
final class ReplayCommand implements Command {

    private final Target.Binder binder;

    ReplayCommand(Target.Binder binder) {
        this.binder = binder;
    }

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public String usage() {
        return "replay FILE [--defect NAME[,NAME]|none] [--shrink] [--out DIR]"
                + "\n                               re-executes FILE step for step; --defect overrides the header"
                + "\n                               (e.g. none, to check a fix); --shrink shrinks a failure further;"
                + "\n                               the allocator recorded in FILE is bound again unless given"
                + Target.USAGE;
    }

    @Override
    public ExitCode run(List<String> args, PrintStream out) throws UsageException, IOException {
        Options options = Options.parse(args, RunCommand.RunSettings.with(Set.of("--defect", "--out")),
                Set.of("--shrink"));
        if (options.positional().size() != 1) {
            throw new UsageException("expected exactly one FILE, got " + options.positional());
        }
        Path path = Path.of(options.positional().getFirst());
        ReplayFile file = read(path);
        RunConfig config = file.config();
        if (options.defects("--defect").isPresent()) {
            config = config.withDefects(DefectSwitches.of(options.defects("--defect").get()));
        }
        if (SimulationSettings.isSimulation(file.notes())) {
            requireKnownActions(file, Simulator.actionNames(), path);
            return replaySimulation(file, config, path, options.flag("--shrink"), options, out);
        }
        Target binding = binder.bind(options, file.notes());
        requireKnownActions(file, binding.factory().catalog().actionNames(), path);
        if (!binding.designLine().isEmpty()) {
            out.println(binding.designLine());
        }
        FailureReport.printSettings(out, config, Optional.empty(), binding.describe(), binding.unusedSettings());
        out.println("replaying " + file.steps().size() + " steps from " + path);
        boolean shrink = options.flag("--shrink");
        RunReport report = replay(binding, config, file, shrink);
        Optional<String> expected = Optional.ofNullable(file.notes().get(ReplayFile.EXPECT));
        Optional<String> found = report.finalOutcome().signature();
        if (report.clean()) {
            FailureReport.printResult(out, report, Optional.empty());
            expected.ifPresent(kind -> out.println("recorded " + ReplayFile.EXPECT + "=" + kind
                    + " did not happen with these settings"));
            return ExitCode.CLEAN;
        }
        Path replay = shrink ? FailureReport.writeReplay(report, outDir(options), binding.notes(),
                binding.factory().catalog()) : path;
        FailureReport.printResult(out, report, Optional.of(replay), binding.arguments(), binding.factory().catalog());
        expected.ifPresent(kind -> out.println(kind.equals(found.orElse(""))
                ? "same failure as recorded: " + kind
                : "DIFFERENT failure: recorded " + kind + ", replay gave " + found.orElse("clean")));
        return report.outcome().violation().isPresent() ? ExitCode.VIOLATION : ExitCode.INTERNAL;
    }

    /** A simulator's replay: the same world, workers, schedule and fault sites, from the file's notes. */
    private static ExitCode replaySimulation(ReplayFile file, RunConfig config, Path path, boolean shrink,
                                             Options options, PrintStream out) throws UsageException, IOException {
        SimulationSettings settings;
        try {
            settings = SimulationSettings.fromNotes(file.notes());
        } catch (IllegalArgumentException bad) {
            throw new UsageException("file=" + path + ": " + bad.getMessage());
        }
        Target binding = Target.forSimulation(options, file.notes());
        if (!binding.designLine().isEmpty()) {
            out.println(binding.designLine());
        }
        out.println("replaying " + file.steps().size() + " simulation steps from " + path
                + (SimCommand.allocatorOf(binding) == null ? "" : " (" + binding.describe() + ")"));
        Simulator.Result result = new Simulator(Shrinker.DEFAULT_ATTEMPT_BUDGET, SimCommand.allocatorOf(binding))
                .replay(config, settings, file.steps(), shrink);
        Optional<String> expected = Optional.ofNullable(file.notes().get(ReplayFile.EXPECT));
        Optional<String> found = result.report().finalOutcome().signature();
        ExitCode exit = shrink || result.clean() ? SimCommand.report(out, result, outDir(options), binding.notes())
                : printReplayed(out, result, path);
        expected.ifPresent(kind -> out.println(kind.equals(found.orElse(""))
                ? "same failure as recorded: " + kind
                : "DIFFERENT failure: recorded " + kind + ", replay gave " + found.orElse("clean")));
        return exit;
    }

    private static ExitCode printReplayed(PrintStream out, Simulator.Result result, Path path) {
        FailureReport.printSettings(out, result.config(), Optional.empty(), "", result.unusedSettings());
        out.println(result.settings().describe());
        FailureReport.printResult(out, result.report(), Optional.of(path), "", Simulator.catalog());
        return result.report().outcome().violation().isPresent() ? ExitCode.VIOLATION : ExitCode.INTERNAL;
    }

    private static RunReport replay(Target binding, RunConfig config, ReplayFile file, boolean shrink) {
        return new Runner(binding.factory()).replay(config, file.steps(), shrink);
    }

    /**
     * A step no action of this world knows (a typo in a hand-edited file, or a system-coverage file
     * bound allocator-only) is a usage error naming its line.
     */
    private static void requireKnownActions(ReplayFile file, List<String> known, Path path)
            throws UsageException, IOException {
        try {
            file.requireKnownActions(known, ReplayFile.readLines(path), path.toString());
        } catch (IllegalArgumentException unknown) {
            throw new UsageException(unknown.getMessage());
        }
    }

    private static Path outDir(Options options) {
        return options.value("--out").map(Path::of).orElse(FailureReport.DEFAULT_FAILURE_DIR);
    }

    private static ReplayFile read(Path path) throws UsageException, IOException {
        if (!Files.isRegularFile(path)) {
            throw new UsageException("file=" + path + " does not exist or is not a file");
        }
        try {
            return ReplayFile.read(path);
        } catch (IllegalArgumentException bad) {
            throw new UsageException(bad.getMessage());
        }
    }
}
