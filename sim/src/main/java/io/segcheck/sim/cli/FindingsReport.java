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

    /** One distinct finding in the summary table: its kind at an action, its seeds, its shrunk report, its replay line. */
    record Row(String kind, String action, List<Long> seeds, RunReport report, String replayLine) {
    }

    private FindingsReport() {
    }

    /** The summary table of {@code rows}, after the findings in full; {@code command} names who found them. */
    static void printTable(PrintStream out, String command, String throughput, List<Row> rows) {
        out.println();
        out.println(command + " found " + rows.size() + " distinct finding(s) in " + throughput + ":");
        out.printf("  %-3s %-22s %-16s %6s %10s %7s  %s%n", "#", "kind", "action", "seeds", "first seed", "shrunk",
                "replay");
        for (int index = 0; index < rows.size(); index++) {
            Row row = rows.get(index);
            String shrunk = row.report().shrink().map(shrink -> Integer.toString(shrink.shrunkLength())).orElse("-");
            out.printf("  %-3d %-22s %-16s %6d %10d %7s  %s%n", index + 1, row.kind(), row.action(), row.seeds().size(),
                    row.seeds().getFirst(), shrunk, row.replayLine());
        }
    }

    static ExitCode print(PrintStream out, Sweep.Findings found, Path outDir, Target binding, String throughput)
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
            FailureReport.printSettings(out, report.config(), report.weights(), binding.describe(),
                    binding.unusedSettings());
            Path replay = FailureReport.writeReplay(report, outDir, binding.notes(), binding.factory().catalog());
            FailureReport.printResult(out, report, Optional.of(replay), binding.arguments(), binding.factory().catalog());
            finding.consequence().ifPresent(then -> out.println("then (the run went on past it): " + then.sentence()));
            replays.add(FailureReport.replayLine(replay) + binding.arguments());
        }
        List<Row> rows = new ArrayList<>();
        for (int index = 0; index < found.findings().size(); index++) {
            Sweep.Finding finding = found.findings().get(index);
            rows.add(new Row(finding.kind(), finding.action(), finding.seeds(), finding.report(), replays.get(index)));
        }
        printTable(out, "sweep", throughput, rows);
        boolean violation = found.findings().stream().anyMatch(finding -> finding.report().outcome().violation()
                .isPresent());
        return violation ? ExitCode.VIOLATION : ExitCode.INTERNAL;
    }
}
