package io.segcheck.sim.matrix;

import io.segcheck.impl.defect.Defect;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A technique that runs in another module's build (Lincheck and JCStress in {@code stress}, Fray):
 * its red twins write one detection record each, and this detector reads them instead of running
 * them again, so the matrix costs nothing extra in {@code mvn verify}.
 *
 * <p>A record is a properties file {@code PREFIX-*.properties} in a module's
 * {@code target/detections} folder under the results root (the repository root):
 * {@code defect}, {@code test}, {@code detected} (true/false), {@code symptom}, and optionally
 * {@code seconds}, {@code trials}, {@code trialUnit}, {@code note}. A defect with no record while
 * other records exist has no red twin for this technique: NOT_APPLICABLE, with the reason given
 * here or a generic one. No records at all: NOT_RUN, saying which build writes them.
 */
final class RecordedDetector implements Detector {

    /** Where, inside a module, its build writes detection records. */
    static final Path RECORDS_DIR = Path.of("target", "detections");

    private final String name;
    private final String technique;
    private final String prefix;
    private final Path resultsRoot;
    private final Map<String, String> whyNoTwin;
    private final String howToRun;

    /**
     * @param whyNoTwin per defect name, the sentence that says why this technique has no red twin for it
     * @param howToRun the command that writes the records, for the NOT_RUN note
     */
    RecordedDetector(String name, String technique, String prefix, Path resultsRoot, Map<String, String> whyNoTwin,
            String howToRun) {
        this.name = name;
        this.technique = technique;
        this.prefix = prefix;
        this.resultsRoot = resultsRoot;
        this.whyNoTwin = Map.copyOf(whyNoTwin);
        this.howToRun = howToRun;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String technique() {
        return technique + " (reads " + prefix + "-*.properties records)";
    }

    @Override
    public Optional<String> notApplicable(Defect defect) {
        return Optional.empty(); // decided in detect: whether a twin exists is in the records
    }

    @Override
    public Cell detect(Defect defect, Depth depth) throws IOException {
        List<Properties> all = records();
        if (all.isEmpty()) {
            return Cell.notRun(defect.name(), name, "no " + prefix + " records in " + resultsRoot.resolve("*")
                    .resolve(RECORDS_DIR) + "; " + howToRun);
        }
        List<Properties> mine = all.stream().filter(record -> defect.name().equals(record.getProperty("defect")))
                .toList();
        if (mine.isEmpty()) {
            return Cell.notApplicable(defect.name(), name, whyNoTwin.getOrDefault(defect.name(),
                    "no " + name + " red twin exercises this defect"));
        }
        Optional<Properties> detected = mine.stream()
                .filter(record -> Boolean.parseBoolean(record.getProperty("detected")))
                .min(Comparator.comparingDouble(record -> number(record, "seconds")));
        Properties best = detected.orElse(mine.getFirst());
        List<String> tests = mine.stream().map(record -> record.getProperty("test", "?")).distinct().toList();
        String note = "twins: " + String.join(", ", tests) + optional(best, "note");
        return new Cell(defect.name(), name, detected.isPresent() ? Verdict.CAUGHT : Verdict.MISSED,
                number(best, "seconds"), (long) number(best, "trials"), best.getProperty("trialUnit", ""), -1,
                detected.isPresent() ? best.getProperty("symptom", "") : "", note);
    }

    private List<Properties> records() throws IOException {
        List<Properties> records = new ArrayList<>();
        if (!Files.isDirectory(resultsRoot)) {
            return records;
        }
        List<Path> modules;
        try (Stream<Path> children = Files.list(resultsRoot)) {
            modules = children.map(module -> module.resolve(RECORDS_DIR)).filter(Files::isDirectory).sorted().toList();
        }
        for (Path dir : modules) {
            records.addAll(records(dir));
        }
        return records;
    }

    private List<Properties> records(Path dir) throws IOException {
        List<Properties> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix + "-")
                    && f.getFileName().toString().endsWith(".properties")).sorted().toList()) {
                Properties record = new Properties();
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    record.load(reader);
                }
                records.add(record);
            }
        }
        return records;
    }

    private static double number(Properties record, String key) {
        try {
            return Double.parseDouble(record.getProperty(key, "-1"));
        } catch (NumberFormatException notNumber) {
            return -1;
        }
    }

    private static String optional(Properties record, String key) {
        String value = record.getProperty(key, "");
        return value.isBlank() ? "" : "; " + value;
    }
}
