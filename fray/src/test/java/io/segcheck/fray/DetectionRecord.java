package io.segcheck.fray;

import io.segcheck.impl.defect.Defect;
import io.segcheck.kit.fray.FrayExplorer.Exploration;
import org.junit.jupiter.api.TestInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * One red twin's detection, written for {@code segcheck matrix} as
 * {@code fray-TEST-DEFECT.properties} in the folder the build names in
 * {@code segcheck.detections.dir}; nothing when it names none (a run from an IDE).
 */
final class DetectionRecord {

    private DetectionRecord() {
    }

    static void write(TestInfo test, Defect defect, String symptom, Exploration exploration) {
        String dir = System.getProperty("segcheck.detections.dir");
        if (dir == null || dir.isBlank()) {
            return;
        }
        String testName = test.getTestClass().orElseThrow().getSimpleName() + "#"
                + test.getTestMethod().orElseThrow().getName();
        Properties record = new Properties();
        record.setProperty("defect", defect.name());
        record.setProperty("test", testName);
        record.setProperty("detected", "true");
        record.setProperty("symptom", symptom);
        record.setProperty("seconds", String.format(Locale.ROOT, "%.1f", exploration.elapsedMillis() / 1000.0));
        record.setProperty("trials", Integer.toString(exploration.iterationsRun()));
        record.setProperty("trialUnit", "schedules");
        record.setProperty("note", exploration.strategy() + " scheduler, seed " + exploration.seed());
        Path file = Path.of(dir, "fray-" + testName.replace('#', '-') + "-" + defect.name() + ".properties");
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
