package io.segcheck.sim.cli;

import io.segcheck.impl.defect.Defect;
import io.segcheck.sim.matrix.Cell;
import io.segcheck.sim.matrix.Depth;
import io.segcheck.sim.matrix.Detector;
import io.segcheck.sim.matrix.Detectors;
import io.segcheck.sim.matrix.Matrix;
import io.segcheck.sim.matrix.Render;
import io.segcheck.sim.matrix.Summary;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * {@code segcheck matrix}: every defect against every detector, as markdown on stdout and
 * {@code matrix.md}, {@code matrix.html} and {@code summary.tsv} in the output folder. Exit 1 when
 * a defect escapes every detector (only whole rows are judged, so a shard never fails for cells
 * another shard holds; {@code merge} judges the whole).
 */
final class MatrixCommand implements Command {

    static final Path DEFAULT_OUT = Path.of("target", "segcheck-matrix");

    /** The detectors for a results folder (the stress build's detection records) and a number of jobs. */
    @FunctionalInterface
    interface DetectorsFor {
        List<Detector> of(Path resultsRoot, int jobs);
    }

    private final DetectorsFor detectors;
    private final PrintStream progress;
    private final LongSupplier nanoTime;

    MatrixCommand(DetectorsFor detectors, PrintStream progress, LongSupplier nanoTime) {
        this.detectors = detectors;
        this.progress = progress;
        this.nanoTime = nanoTime;
    }

    @Override
    public String name() {
        return "matrix";
    }

    @Override
    public String usage() {
        return "matrix [--quick] [--shard i/n] [--defect NAME[,NAME]] [--detector NAME[,NAME]] [--results ROOT]"
                + " [--out DIR] [--jobs N]"
                + "\n                               every defect x every detector: caught or not, time, seeds or"
                + "\n                               iterations, shrunk length, violation; exit 1 when a defect escapes"
                + "\n                               all, 4 when one was caught by no detector that ran while another"
                + "\n                               did not run (its records missing); --quick is the mvn verify budget;"
                + "\n                               --results: the root whose modules' target/detections hold the"
                + "\n                               Lincheck, JCStress and Fray records (default .);"
                + "\n                               --jobs N: seeds the runner and simulator cells run at once (default:"
                + "\n                               the machine's cores; cells run one at a time, so their times compare)";
    }

    @Override
    public ExitCode run(List<String> args, PrintStream out) throws UsageException, IOException {
        Options options = Options.parse(args, Set.of("--shard", "--defect", "--detector", "--results", "--out", "--jobs"),
                Set.of("--quick"));
        if (!options.positional().isEmpty()) {
            throw new UsageException("unexpected argument " + options.positional().getFirst());
        }
        Depth depth = options.flag("--quick") ? Depth.QUICK : Depth.FULL;
        int[] shard = options.shard("--shard");
        if (shard[1] < 1 || shard[0] < 0 || shard[0] >= shard[1]) {
            throw new UsageException("--shard=" + shard[0] + "/" + shard[1] + " needs 0 <= i < n");
        }
        List<Defect> defects = options.defects("--defect").map(chosen -> List.copyOf(chosen.enabled()))
                .filter(chosen -> !chosen.isEmpty()).orElse(Arrays.asList(Defect.values()));
        List<Detector> chosenDetectors = chooseDetectors(options, detectors.of(
                options.value("--results").map(Path::of).orElse(Detectors.DEFAULT_RESULTS_ROOT), options.jobs()));
        Path outDir = options.value("--out").map(Path::of).orElse(DEFAULT_OUT);
        out.println("matrix depth=" + depth + " shard=" + shard[0] + "/" + shard[1] + " defects=" + defects.size()
                + " detectors=" + chosenDetectors.stream().map(Detector::name).toList());
        long startNanos = nanoTime.getAsLong();
        Summary summary = new Matrix(chosenDetectors, defects).run(depth, shard[0], shard[1], this::progress);
        double seconds = (nanoTime.getAsLong() - startNanos) / 1e9;
        write(summary, outDir);
        out.print(Render.markdown(summary));
        List<String> escaped = Matrix.escaped(summary);
        List<String> undecided = Matrix.describeUndecided(summary);
        undecided.forEach(line -> out.println("NOT RUN " + line));
        List<String> awaiting = Matrix.awaitingDetector(summary);
        String verdict = !escaped.isEmpty() ? "FAILED: " + escaped + " escaped every detector"
                : !undecided.isEmpty() ? "INCOMPLETE: " + undecided.size() + " defect(s) caught by no detector that"
                        + " ran, and some detectors did not run (see NOT RUN above)" : "PASSED";
        out.printf("matrix %s%s in %.1f s; wrote %s%n", verdict,
                awaiting.isEmpty() ? "" : " (no detector expected yet: " + awaiting + ")", seconds,
                outDir.resolve("matrix.md"));
        return !escaped.isEmpty() ? ExitCode.VIOLATION : !undecided.isEmpty() ? ExitCode.INCOMPLETE : ExitCode.CLEAN;
    }

    private static List<Detector> chooseDetectors(Options options, List<Detector> all) throws UsageException {
        if (options.value("--detector").isEmpty()) {
            return all;
        }
        List<String> names = List.of(options.value("--detector").get().split(","));
        List<String> known = all.stream().map(Detector::name).toList();
        for (String name : names) {
            if (!known.contains(name)) {
                throw new UsageException("--detector=" + name + " unknown; known: " + known);
            }
        }
        return all.stream().filter(detector -> names.contains(detector.name())).toList();
    }

    private void progress(Cell cell) {
        progress.println("matrix: " + cell.defect() + " x " + cell.detector() + ": " + cell.summary());
    }

    static void write(Summary summary, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        summary.write(outDir.resolve(Summary.FILE_NAME));
        Files.writeString(outDir.resolve("matrix.md"), Render.markdown(summary), StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve("matrix.html"), Render.html(summary), StandardCharsets.UTF_8);
    }
}
