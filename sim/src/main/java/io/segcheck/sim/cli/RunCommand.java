package io.segcheck.sim.cli;

import io.segcheck.sim.world.DefectSwitches;
import io.segcheck.sim.runner.Switches;
import io.segcheck.sim.runner.FailureReport;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.RunReport;
import io.segcheck.sim.runner.Runner;
import io.segcheck.sim.runner.Shrinker;
import io.segcheck.sim.runner.SubjectFactory;
import io.segcheck.sim.runner.Timeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code segcheck run --seed N}: one seed, printed in full; a failure is shrunk and written as a replay. */
final class RunCommand implements Command {

    private final Target.Binder binder;

    RunCommand(Target.Binder binder) {
        this.binder = binder;
    }

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String usage() {
        return "run --seed N [--steps M] [--defect NAME[,NAME]] [--guard-mode on|off] [--out DIR] [--shrink-budget N]"
                + "\n        [--without ACTION[,ACTION]]"
                + "\n                               one seed; a failure is shrunk and written to DIR/seed-N.replay;"
                + "\n                               --without switches actions off on top of the seed's swarm"
                + Target.USAGE;
    }

    @Override
    public ExitCode run(List<String> args, PrintStream out) throws UsageException, IOException {
        Options options = Options.parse(args, RunSettings.with(Set.of("--seed", "--steps", "--defect", "--guard-mode",
                "--out", "--shrink-budget", "--without")), Set.of());
        if (!options.positional().isEmpty()) {
            throw new UsageException("unexpected argument " + options.positional().getFirst());
        }
        if (options.value("--seed").isEmpty()) {
            throw new UsageException("--seed is required");
        }
        long seed = options.longValue("--seed", 0);
        RunConfig drawn = RunConfig.forSeed(seed, RunSettings.steps(options), options.defects("--defect")
                .map(DefectSwitches::of).orElse(Switches.none()));
        RunConfig config = RunSettings.guardMode(options).map(drawn::withGuardMode).orElse(drawn);
        Target binding = binder.bind(options, java.util.Map.of());
        Runner runner = RunSettings.runner(options, binding.factory());
        if (!binding.designLine().isEmpty()) {
            out.println(binding.designLine());
        }
        FailureReport.printSettings(out, config, Optional.of(runner.weights(seed)), binding.describe(),
                binding.unusedSettings());
        RunReport report = runner.run(config, false);
        return RunSettings.finish(out, report, RunSettings.outDir(options), binding);
    }

    /** The options and the ending shared by {@code run} and {@code sweep}. */
    static final class RunSettings {
        private RunSettings() {
        }

        /** {@code valued} plus the binding options every running command accepts. */
        static Set<String> with(Set<String> valued) {
            Set<String> all = new java.util.HashSet<>(valued);
            all.addAll(Target.OPTIONS);
            return all;
        }

        static int steps(Options options) throws UsageException {
            return options.intValue("--steps", RunConfig.DEFAULT_STEPS, 0, RunConfig.MAX_STEPS);
        }

        /** Guard mode forced by {@code --guard-mode on|off}; empty: each seed draws its own. */
        static Optional<Boolean> guardMode(Options options) throws UsageException {
            return options.value("--guard-mode").isEmpty() ? Optional.empty()
                    : Optional.of(options.onOff("--guard-mode", true));
        }

        /** Usage of {@code --without}, shared by the commands that search seeds. */
        static final String WITHOUT_USAGE = "\n        [--without ACTION[,ACTION]]  switch actions off (e.g. to search past a known finding)";
        /** Usage of {@code --max-findings}, shared by the commands that search seeds. */
        static final String MAX_FINDINGS_USAGE = "\n        [--max-findings N]     keep going after a failure until N distinct findings (violation kind"
                + "\n                               at an action), each shrunk once, then print a summary table";

        /** {@code --max-findings N}: 1 (stop at the first failure) when not given. */
        static int maxFindings(Options options) throws UsageException {
            return options.intValue("--max-findings", 1, 1, 10_000);
        }

        /**
         * {@code --without ACTION[,ACTION]} as a set, each checked against {@code known} (empty: any).
         *
         * @throws UsageException naming an unknown action and the known ones
         */
        static Set<String> without(Options options, List<String> known) throws UsageException {
            Set<String> without = options.value("--without").map(names -> Set.of(names.split(","))).orElse(Set.of());
            for (String action : without) {
                if (!known.isEmpty() && !known.contains(action)) {
                    throw new UsageException("--without=" + options.value("--without").orElse("") + ": unknown action="
                            + action + "; known: " + String.join(",", known));
                }
            }
            return without;
        }

        static int shrinkBudget(Options options) throws UsageException {
            return options.intValue("--shrink-budget", Shrinker.DEFAULT_ATTEMPT_BUDGET, 0, 10_000_000);
        }

        /** A runner with the shrink budget and the {@code --without} actions of {@code options}. */
        static Runner runner(Options options, SubjectFactory factory) throws UsageException {
            Set<String> without = without(options, List.of());
            try {
                return new Runner(factory, shrinkBudget(options), without);
            } catch (IllegalArgumentException unknown) {
                throw new UsageException("--without=" + options.value("--without").orElse("") + ": "
                        + unknown.getMessage());
            }
        }

        static Path outDir(Options options) {
            return options.value("--out").map(Path::of).orElse(FailureReport.DEFAULT_FAILURE_DIR);
        }

        /** Prints the result; writes the replay of a failure; returns the exit code. */
        static ExitCode finish(PrintStream out, RunReport report, Path outDir, Target binding) throws IOException {
            if (report.clean()) {
                FailureReport.printResult(out, report, Optional.empty());
                return ExitCode.CLEAN;
            }
            Path replay = FailureReport.writeReplay(report, outDir, binding.notes(), binding.factory().catalog());
            FailureReport.printResult(out, report, Optional.of(replay), binding.arguments(), binding.factory().catalog());
            out.println("timeline: " + Timeline.write(report, Timeline.pathFor(replay)));
            return report.outcome().violation().isPresent() ? ExitCode.VIOLATION : ExitCode.INTERNAL;
        }
    }
}
