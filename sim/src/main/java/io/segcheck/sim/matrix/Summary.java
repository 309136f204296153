package io.segcheck.sim.matrix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one shard (or one whole run) of {@code matrix}, {@code sweep} or {@code sim} found, as a
 * plain text file that {@code segcheck merge} combines: one tab-separated record per line,
 * the first field naming its kind.
 *
 * <pre>
 * detector  NAME  TECHNIQUE                       the matrix's columns, in order
 * defect    NAME  DESCRIPTION [EXPECTATION]       the matrix's rows, in order; EXPECTATION only for
 *                                                 a defect no detector is expected to catch yet
 * cell      DEFECT DETECTOR VERDICT SECONDS TRIALS UNIT SHRUNK VIOLATION NOTE
 * mark      NAME  COUNT                           rare-path marks reached (summed by merge)
 * finding   COMMAND SEED VIOLATION REPLAY_FILE    a failing seed and its replay file
 * </pre>
 */
public final class Summary {

    /** File name a command writes into its output folder. */
    public static final String FILE_NAME = "summary.tsv";

    /** A failing seed of a sweep or simulation. */
    public record Finding(String command, long seed, String violation, String replayFile) {
        String line() {
            return String.join("\t", "finding", Cell.clean(command), Long.toString(seed), Cell.clean(violation),
                    Cell.clean(replayFile));
        }
    }

    final Map<String, String> detectors = new LinkedHashMap<>();
    final Map<String, String> defects = new LinkedHashMap<>();
    /** Defects no detector is expected to catch yet, with what the matrix says instead. */
    final Map<String, String> awaitingDetector = new LinkedHashMap<>();
    final List<Cell> cells = new ArrayList<>();
    final Map<String, Long> marks = new LinkedHashMap<>();
    final List<Finding> findings = new ArrayList<>();

    public void detector(String name, String technique) {
        detectors.putIfAbsent(name, Cell.clean(technique));
    }

    public void defect(String name, String description) {
        defects.putIfAbsent(name, Cell.clean(description));
    }

    /**
     * A row whose escape does not fail the matrix: no detector is expected to catch it yet, and
     * {@code expectation} says so in the output.
     */
    public void defectAwaitingDetector(String name, String description, String expectation) {
        defect(name, description);
        awaitingDetector.putIfAbsent(name, Cell.clean(expectation));
    }

    public void cell(Cell cell) {
        cells.add(cell);
    }

    public void marks(Map<String, Long> counts) {
        counts.forEach((name, count) -> marks.merge(name, count, Long::sum));
    }

    public void finding(Finding finding) {
        findings.add(finding);
    }

    public List<Cell> cells() {
        return List.copyOf(cells);
    }

    public Map<String, Long> markCounts() {
        return Map.copyOf(marks);
    }

    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** Marks with count 0, in the order first seen. */
    public List<String> unreachedMarks() {
        List<String> unreached = new ArrayList<>();
        marks.forEach((name, count) -> {
            if (count == 0) {
                unreached.add(name);
            }
        });
        return unreached;
    }

    /** Adds everything of {@code other}; marks are summed, cells and findings appended. */
    public void addAll(Summary other) {
        other.detectors.forEach(this::detector);
        other.defects.forEach(this::defect);
        other.awaitingDetector.forEach(awaitingDetector::putIfAbsent);
        cells.addAll(other.cells);
        marks(other.marks);
        findings.addAll(other.findings);
    }

    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        detectors.forEach((name, technique) -> lines.add("detector\t" + name + "\t" + technique));
        defects.forEach((name, description) -> lines.add("defect\t" + name + "\t" + description
                + (awaitingDetector.containsKey(name) ? "\t" + awaitingDetector.get(name) : "")));
        cells.forEach(cell -> lines.add(cell.line()));
        marks.forEach((name, count) -> lines.add("mark\t" + name + "\t" + count));
        findings.forEach(finding -> lines.add(finding.line()));
        return lines;
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, lines(), StandardCharsets.UTF_8);
    }

    /**
     * Reads a summary file.
     *
     * @throws IllegalArgumentException naming the file and line of a record it cannot read
     */
    public static Summary read(Path file) throws IOException {
        Summary summary = new Summary();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            if (line.isBlank()) {
                continue;
            }
            try {
                summary.parse(line.split("\t", -1));
            } catch (RuntimeException bad) {
                throw new IllegalArgumentException("file=" + file + " line=" + (index + 1) + ": " + bad.getMessage(),
                        bad);
            }
        }
        return summary;
    }

    private void parse(String[] fields) {
        switch (fields[0]) {
            case "detector" -> detector(fields[1], fields[2]);
            case "defect" -> {
                if (fields.length > 3 && !fields[3].isEmpty()) {
                    defectAwaitingDetector(fields[1], fields[2], fields[3]);
                } else {
                    defect(fields[1], fields[2]);
                }
            }
            case "cell" -> cell(Cell.parse(fields));
            case "mark" -> marks.merge(fields[1], Long.parseLong(fields[2]), Long::sum);
            case "finding" -> finding(new Finding(fields[1], Long.parseLong(fields[2]), fields[3], fields[4]));
            default -> throw new IllegalArgumentException("unknown record kind=" + fields[0]);
        }
    }
}
