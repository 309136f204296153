package io.segcheck.sim.cli;

import io.segcheck.sim.runner.FailureReport;
import io.segcheck.sim.runner.RunReport;
import io.segcheck.sim.runner.Sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The end of a sweep that kept going ({@code --max-findings N}): each distinct finding in full
 * (settings, shrunk steps, what followed from it, replay line), then one summary table.
 */
final class FindingsReport {

    private FindingsReport() {
    }

    static ExitCode print(PrintStream out, Sweep.Findings found, Path outDir, Binding binding, String throughput)
            throws IOException {
        if (found.findings().isEmpty()) {
            out.println("sweep CLEAN: " + throughput);
            return ExitCode.CLEAN;
        }
        List<String> replays = new ArrayList<>();
        int number = 1;
        for (Sweep.Finding finding : found.findings()) {
            out.println();
            out.println("finding " + number++ + ": " + finding.kind() + " at " + finding.action() + " (" + finding.seeds().size()
                    + " seed" + (finding.seeds().size() == 1 ? "" : "s") + ")");
            RunReport report = finding.report();
            FailureReport.printSettings(out, report.config(), report.weights(), binding.describe());
            Path replay = FailureReport.writeReplay(report, outDir, binding.notes());
            FailureReport.printResult(out, report, Optional.of(replay), binding.arguments());
            finding.consequence().ifPresent(then -> out.println("then (the run went on past it): " + then.sentence()));
            replays.add(FailureReport.replayLine(replay) + binding.arguments());
        }
        out.println();
        out.println("sweep found " + found.findings().size() + " distinct finding(s) in " + throughput + ":");
        out.printf("  %-3s %-22s %-16s %6s %10s %7s  %s%n", "#", "kind", "action", "seeds", "first seed", "shrunk",
                "replay");
        for (int index = 0; index < found.findings().size(); index++) {
            Sweep.Finding finding = found.findings().get(index);
            String shrunk = finding.report().shrink().map(shrink -> Integer.toString(shrink.shrunkLength())).orElse("-");
            out.printf("  %-3d %-22s %-16s %6d %10d %7s  %s%n", index + 1, finding.kind(), finding.action(),
                    finding.seeds().size(), finding.seeds().getFirst(), shrunk, replays.get(index));
        }
        boolean violation = found.findings().stream().anyMatch(finding -> finding.report().outcome().violation()
                .isPresent());
        return violation ? ExitCode.VIOLATION : ExitCode.INTERNAL;
    }
}
