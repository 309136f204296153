package io.segcheck.sim.cli;

import io.segcheck.sim.pages.PageSimulationFactory;
import io.segcheck.sim.pages.PageSimulationSettings;
import io.segcheck.sim.pages.PageSimulator;
import io.segcheck.sim.runner.FailureReport;
import io.segcheck.sim.runner.RunOutcome;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.RunReport;
import io.segcheck.sim.runner.SeedRange;
import io.segcheck.sim.runner.Timeline;
import io.segcheck.sim.runner.TraceHash;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.PrimitiveIterator;
import java.util.function.LongSupplier;

/**
 * {@code segcheck sim --page FACTORY}: the simulator on a team's page over a range of seeds, with
 * the output of {@code sim}: settings first, progress on stderr, and at the first failing seed its
 * SEED line and simulation settings, the violation, the shrunk steps, the replay line and a
 * timeline of the shrunk run's trace. The wall
 * clock is read only to report progress and throughput.
 *
 * @param workers logical workers; 0 for one per role
 */
record PageSimulationRun(PrintStream progress, LongSupplier nanoTime, Target binding, SeedRange seeds, int workers,
                         boolean faults, int steps, int shrinkBudget, Path outDir, boolean quiet, boolean hashes) {

    private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

    ExitCode run(PrintStream out, PageSimulationFactory factory) throws IOException {
        PageSimulator simulator = new PageSimulator(factory, shrinkBudget);
        out.println("sim seeds=" + seeds + " (" + seeds.size() + " seeds) steps=" + steps + " workers="
                + (workers > 0 ? workers : factory.roles().size()) + " faults=" + (faults ? "on" : "off") + " "
                + binding.describe());
        long start = nanoTime.getAsLong();
        long lastPrint = start;
        long seedsRun = 0;
        long stepsRun = 0;
        for (PrimitiveIterator.OfLong iterator = seeds.iterator(); iterator.hasNext(); ) {
            long seed = iterator.nextLong();
            RunConfig config = PageSimulator.config(seed, steps);
            PageSimulationSettings settings = simulator.settings(seed, workers, faults);
            RunOutcome outcome = simulator.execute(config, settings);
            seedsRun++;
            stepsRun += outcome.steps().size();
            if (hashes) {
                out.println("seed=" + seed + " traceHash=" + TraceHash.hex(outcome.traceHash()) + " "
                        + outcome.signature().orElse("clean"));
            }
            long now = nanoTime.getAsLong();
            if (!quiet && now - lastPrint >= PROGRESS_EVERY_NANOS) {
                lastPrint = now;
                progress.printf("sim: %d/%d seeds, seed=%d, %.0f steps/s%n", seedsRun, seeds.size(), seed,
                        stepsRun / ((now - start) / 1e9));
            }
            if (!outcome.clean()) {
                long failedAt = nanoTime.getAsLong();
                RunReport report = simulator.run(config, settings);
                long shrunkAt = nanoTime.getAsLong();
                ExitCode exit = report(out, simulator, report, settings);
                out.printf("sim FAILED at seed=%d after %d seeds in %.2f s, shrunk in %.2f s%n", seed, seedsRun,
                        (failedAt - start) / 1e9, (shrunkAt - failedAt) / 1e9);
                return exit;
            }
        }
        double seconds = Math.max(1e-9, (nanoTime.getAsLong() - start) / 1e9);
        out.printf("sim CLEAN: %d seeds, %d steps in %.2f s (%.0f seeds/s, %.0f steps/s)%n", seedsRun, stepsRun,
                seconds, seedsRun / seconds, stepsRun / seconds);
        return ExitCode.CLEAN;
    }

    private ExitCode report(PrintStream out, PageSimulator simulator, RunReport report, PageSimulationSettings settings)
            throws IOException {
        FailureReport.printSettings(out, report.config(), Optional.empty(), binding.describe(), binding.unusedSettings());
        out.println(settings.describe());
        Path replay = simulator.writeReplay(report, settings, outDir, binding.notes());
        FailureReport.printResult(out, report, Optional.of(replay), "", simulator.factory().catalog());
        out.println("timeline: " + Timeline.write(report, Timeline.pathFor(replay)));
        return report.outcome().violation().isPresent() ? ExitCode.VIOLATION : ExitCode.INTERNAL;
    }
}
