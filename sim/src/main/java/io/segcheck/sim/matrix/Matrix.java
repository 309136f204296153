package io.segcheck.sim.matrix;

import io.segcheck.impl.defect.Defect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Every defect against every detector. Cells are numbered defect by defect (defect index times
 * detector count plus detector index) so {@code --shard i/n} takes every cell whose number is
 * {@code i} modulo {@code n}: each machine gets a mix of cheap and expensive detectors.
 */
public final class Matrix {

    private final List<Detector> detectors;
    private final List<Defect> defects;
    private final Predicate<Defect> detectorExpected;

    public Matrix(List<Detector> detectors, List<Defect> defects) {
        this(detectors, defects, Defect::detectorExpected);
    }

    /** As above, with whether a detector is expected for each defect given (tests of a defect still awaiting one). */
    public Matrix(List<Detector> detectors, List<Defect> defects, Predicate<Defect> detectorExpected) {
        this.detectors = List.copyOf(detectors);
        this.defects = List.copyOf(defects);
        this.detectorExpected = detectorExpected;
    }

    /** Runs this shard's cells; {@code progress} is told of each as it finishes. */
    public Summary run(Depth depth, int shardIndex, int shardCount, Consumer<Cell> progress) {
        if (shardCount < 1 || shardIndex < 0 || shardIndex >= shardCount) {
            throw new IllegalArgumentException("shard=" + shardIndex + "/" + shardCount + " needs 0 <= i < n");
        }
        Summary summary = new Summary();
        detectors.forEach(detector -> summary.detector(detector.name(), detector.technique()));
        for (Defect defect : defects) {
            if (detectorExpected.test(defect)) {
                summary.defect(defect.name(), defect.description());
            } else {
                summary.defectAwaitingDetector(defect.name(), defect.description(), Defect.NO_DETECTOR_YET);
            }
        }
        int number = 0;
        for (Defect defect : defects) {
            for (Detector detector : detectors) {
                if (number++ % shardCount == shardIndex) {
                    Cell cell = cell(detector, defect, depth);
                    summary.cell(cell);
                    progress.accept(cell);
                }
            }
        }
        return summary;
    }

    /**
     * The defects that every detector has a cell for, every detector that could apply ran, and none
     * caught; empty while rows are incomplete. A row with a NOT_RUN cell is {@link #undecided}, not
     * escaped: the detector that did not run may be the one that catches it. A defect no detector is
     * expected to catch yet is not among them ({@link #awaitingDetector}).
     */
    public static List<String> escaped(Summary summary) {
        List<String> escaped = completeRowsNoneCaught(summary);
        escaped.removeAll(summary.awaitingDetector.keySet());
        return escaped;
    }

    /**
     * The defects no detector is expected to catch yet that every detector missed: listed, with
     * their expectation, in every output, and never a failure.
     */
    public static List<String> awaitingDetector(Summary summary) {
        List<String> awaiting = completeRowsNoneCaught(summary);
        awaiting.retainAll(summary.awaitingDetector.keySet());
        return awaiting;
    }

    private static List<String> completeRowsNoneCaught(Summary summary) {
        List<String> escaped = new ArrayList<>();
        for (String defect : summary.defects.keySet()) {
            List<Cell> row = row(summary, defect);
            if (complete(summary, row) && row.stream().noneMatch(Cell::caught)
                    && row.stream().noneMatch(Matrix::notRun)) {
                escaped.add(defect);
            }
        }
        return escaped;
    }

    /**
     * Per complete row that no detector caught but some detector did not run: the defect and the
     * NOT_RUN cells (each naming the command that produces its results). A defect no detector is
     * expected to catch yet is never undecided.
     */
    public static Map<String, List<Cell>> undecided(Summary summary) {
        Map<String, List<Cell>> undecided = new LinkedHashMap<>();
        for (String defect : summary.defects.keySet()) {
            List<Cell> row = row(summary, defect);
            List<Cell> notRun = row.stream().filter(Matrix::notRun).toList();
            if (complete(summary, row) && row.stream().noneMatch(Cell::caught) && !notRun.isEmpty()
                    && !summary.awaitingDetector.containsKey(defect)) {
                undecided.put(defect, notRun);
            }
        }
        return undecided;
    }

    /** One line per undecided defect: which detectors did not run and how to run them. */
    public static List<String> describeUndecided(Summary summary) {
        List<String> lines = new ArrayList<>();
        undecided(summary).forEach((defect, cells) -> lines.add(defect + ": caught by no detector that ran; not run: "
                + String.join("; ", cells.stream().map(cell -> cell.detector() + " (" + cell.note() + ")").toList())));
        return lines;
    }

    private static List<Cell> row(Summary summary, String defect) {
        return summary.cells.stream().filter(cell -> cell.defect().equals(defect)).toList();
    }

    private static boolean complete(Summary summary, List<Cell> row) {
        return summary.detectors.keySet().stream()
                .allMatch(detector -> row.stream().anyMatch(cell -> cell.detector().equals(detector)));
    }

    private static boolean notRun(Cell cell) {
        return cell.verdict() == Verdict.NOT_RUN;
    }

    private static Cell cell(Detector detector, Defect defect, Depth depth) {
        var why = detector.notApplicable(defect);
        if (why.isPresent()) {
            return Cell.notApplicable(defect.name(), detector.name(), why.get());
        }
        try {
            return detector.detect(defect, depth);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Cell.notRun(defect.name(), detector.name(), "interrupted");
        } catch (Exception | AssertionError crash) {
            return Cell.notRun(defect.name(), detector.name(), "the detector crashed: " + crash);
        }
    }
}
