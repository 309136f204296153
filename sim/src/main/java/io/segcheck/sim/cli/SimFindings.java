package io.segcheck.sim.cli;

import io.segcheck.sim.runner.FailureReport;
import io.segcheck.sim.runner.RunOutcome;
import io.segcheck.sim.simulation.Simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code sim --max-findings N}: failing seeds grouped by violation kind at an action (as the sweep
 * groups them), the first seed of each group shrunk once; then each finding in full and the
 * sweep's summary table.
 */
final class SimFindings {

    /** One group: the seeds that failed this way and the first one's shrunk simulation. */
    private record Finding(String kind, String action, List<Long> seeds, Simulator.Result result) {
    }

    private final int maxFindings;
    private final Map<String, Finding> findings = new LinkedHashMap<>();

    SimFindings(int maxFindings) {
        this.maxFindings = maxFindings;
    }

    /** Whether failures are collected (more than one finding asked for) rather than the first one reported. */
    boolean keepsGoing() {
        return maxFindings > 1;
    }

    boolean isEmpty() {
        return findings.isEmpty();
    }

    /**
     * Adds seed {@code seed}'s failing {@code outcome}: to its group, or as a new finding shrunk by
     * {@code shrink}. True once there are {@code maxFindings} findings.
     */
    boolean add(long seed, RunOutcome outcome, Supplier<Simulator.Result> shrink) {
        String kind = outcome.signature().orElse("?");
        String action = io.segcheck.sim.runner.Sweep.failingAction(outcome);
        Finding group = findings.get(kind + "@" + action);
        if (group != null) {
            group.seeds().add(seed);
        } else {
            List<Long> seeds = new ArrayList<>();
            seeds.add(seed);
            findings.put(kind + "@" + action, new Finding(kind, action, seeds, shrink.get()));
        }
        return findings.size() >= maxFindings;
    }

    /** Each finding in full (settings, shrunk steps, replay file), then the summary table; the exit code. */
    ExitCode print(PrintStream out, Path outDir, Target binding, String throughput) throws IOException {
        List<FindingsReport.Row> rows = new ArrayList<>();
        ExitCode exit = ExitCode.INTERNAL;
        int number = 1;
        for (Finding finding : findings.values()) {
            out.println();
            out.println("finding " + number++ + ": " + finding.kind() + " at " + finding.action() + " ("
                    + finding.seeds().size() + " seed" + (finding.seeds().size() == 1 ? "" : "s") + ")");
            ExitCode one = SimCommand.report(out, finding.result(), outDir, binding.notes());
            exit = one == ExitCode.VIOLATION ? one : exit;
            Path replay = outDir.resolve("sim-seed-" + finding.result().config().seed() + ".replay");
            rows.add(new FindingsReport.Row(finding.kind(), finding.action(), finding.seeds(), finding.result().report(),
                    FailureReport.replayLine(replay)));
        }
        FindingsReport.printTable(out, "sim", throughput, rows);
        return exit;
    }
}
