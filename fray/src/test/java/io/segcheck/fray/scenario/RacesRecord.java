package io.segcheck.fray.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * One red twin's detection by generated scenarios, for {@code segcheck matrix}'s "races" column:
 * {@code races-DEFECT.properties} in the folder the build names in {@code segcheck.detections.dir};
 * nothing when it names none (a run from an IDE).
 */
final class RacesRecord {

    private RacesRecord() {
    }

    static void write(RaceSearch.Detection detection) {
        String dir = System.getProperty("segcheck.detections.dir");
        if (dir == null || dir.isBlank()) {
            return;
        }
        Finding finding = detection.finding();
        Properties record = new Properties();
        record.setProperty("defect", detection.defect().name());
        record.setProperty("test", "GeneratedTwinsFrayTest#redTwinIsFoundByGeneratedScenarios");
        record.setProperty("detected", "true");
        record.setProperty("symptom", finding.symptom());
        record.setProperty("seconds", String.format(Locale.ROOT, "%.1f", detection.seconds()));
        record.setProperty("trials", Long.toString(detection.schedulesRun()));
        record.setProperty("trialUnit", "schedules");
        record.setProperty("note", detection.scenariosTried() + " generated scenarios from seed 0; failing seed "
                + finding.scenario().seed() + ", schedule " + finding.schedule().text());
        Path file = Path.of(dir, "races-" + detection.defect().name() + ".properties");
        try {
            Files.createDirectories(file.getParent());
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                record.store(writer, "segcheck detection record");
            }
        } catch (IOException unwritable) {
            throw new UncheckedIOException("cannot write detection record " + file, unwritable);
        }
    }
}
