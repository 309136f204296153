package io.segcheck.sim.cli;

import io.segcheck.sim.runner.Shrinker;
import io.segcheck.sim.simulation.SimulationSettings;
import io.segcheck.sim.simulation.Simulator;
import io.segcheck.sim.runner.FailureReport;
import io.segcheck.sim.runner.ReplayFile;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.RunReport;
import io.segcheck.sim.runner.Runner;
import io.segcheck.sim.runner.SubjectFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code segcheck replay FILE}: re-executes exactly the steps of a replay file in the world its
 * header describes (no generation), and reports what happens.
 */
final class ReplayCommand implements Command {

    private final Supplier<SubjectFactory> factory;

    ReplayCommand(Supplier<SubjectFactory> factory) {
        this.factory = factory;
    }

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public String usage() {
        return "replay FILE [--defect NAME[,NAME]|none] [--shrink] [--out DIR]"
                + "\n                               re-executes FILE step for step; --defect overrides the header"
                + "\n                               (e.g. none, to check a fix); --shrink shrinks a failure further";
    }

    @Override
    public ExitCode run(List<String> args, PrintStream out) throws UsageException, IOException {
        Options options = Options.parse(args, Set.of("--defect", "--out"), Set.of("--shrink"));
        if (options.positional().size() != 1) {
            throw new UsageException("expected exactly one FILE, got " + options.positional());
        }
        Path path = Path.of(options.positional().getFirst());
        ReplayFile file = read(path);
        RunConfig config = file.config();
        if (options.defects("--defect").isPresent()) {
            config = config.withDefects(options.defects("--defect").get());
        }
        boolean shrink = options.flag("--shrink");
        if (SimulationSettings.isSimulation(file.notes())) {
            return replaySimulation(file, config, path, shrink, options, out);
        }
        FailureReport.printSettings(out, config, Optional.empty());
        out.println("replaying " + file.steps().size() + " steps from " + path);
        RunReport report = new Runner(factory.get()).replay(config, file.steps(), shrink);
        Optional<String> expected = Optional.ofNullable(file.notes().get(ReplayFile.EXPECT));
        Optional<String> found = report.finalOutcome().signature();
        if (report.clean()) {
            FailureReport.printResult(out, report, Optional.empty());
            expected.ifPresent(kind -> out.println("recorded " + ReplayFile.EXPECT + "=" + kind
                    + " did not happen with these settings"));
            return ExitCode.CLEAN;
        }
        Path replay = shrink ? FailureReport.writeReplay(report, outDir(options)) : path;
        FailureReport.printResult(out, report, Optional.of(replay));
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
        out.println("replaying " + file.steps().size() + " simulation steps from " + path);
        Simulator.Result result = new Simulator(Shrinker.DEFAULT_ATTEMPT_BUDGET).replay(config, settings, file.steps(),
                shrink);
        Optional<String> expected = Optional.ofNullable(file.notes().get(ReplayFile.EXPECT));
        Optional<String> found = result.report().finalOutcome().signature();
        ExitCode exit = shrink || result.clean() ? SimCommand.report(out, result, outDir(options))
                : printReplayed(out, result, path);
        expected.ifPresent(kind -> out.println(kind.equals(found.orElse(""))
                ? "same failure as recorded: " + kind
                : "DIFFERENT failure: recorded " + kind + ", replay gave " + found.orElse("clean")));
        return exit;
    }

    private static ExitCode printReplayed(PrintStream out, Simulator.Result result, Path path) {
        FailureReport.printSettings(out, result.config(), Optional.empty());
        out.println(result.settings().describe());
        FailureReport.printResult(out, result.report(), Optional.of(path));
        return result.report().outcome().violation().isPresent() ? ExitCode.VIOLATION : ExitCode.INTERNAL;
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
