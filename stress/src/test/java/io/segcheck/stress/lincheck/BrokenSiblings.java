package io.segcheck.stress.lincheck;

import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs a broken sibling: model checking of a test object with a defect switched on must throw
 * {@link LincheckAssertionError}, and its report must name the symptom (e.g. DOUBLE_RELEASE), so
 * a failure for another reason (a hang, a harness error) does not count as a detection. Prints one
 * summary line per detection: the defect, the time to find it and the thread switches in the
 * failing interleaving Lincheck printed.
 */
final class BrokenSiblings {

    private BrokenSiblings() {
    }

    static void assertModelCheckingFails(String defect, ModelCheckingOptions options, Class<?> testClass,
                                         String expectedSymptom) {
        long startNanos = System.nanoTime();
        LincheckAssertionError failure = assertThrows(LincheckAssertionError.class, () -> options.check(testClass),
                () -> "model checking did not detect defect=" + defect + " in " + testClass.getSimpleName());
        long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;
        String report = failure.getMessage();
        assertTrue(report.contains(expectedSymptom), () -> "defect=" + defect + " was detected but the report does "
                + "not name symptom=" + expectedSymptom + ":\n" + report);
        writeRecord(defect, testClass, expectedSymptom, elapsedMillis, threadSwitches(report));
        System.out.println("BROKEN-SIBLING defect=" + defect + " test=" + testClass.getSimpleName()
                + " detected=true symptom=" + expectedSymptom + " elapsedMillis=" + elapsedMillis
                + " threadSwitches=" + threadSwitches(report) + "\n" + report);
    }

    /**
     * A detection record for {@code segcheck matrix} ({@code lincheck-TEST-DEFECT.properties}) in
     * the folder the build names in {@code segcheck.detections.dir}; nothing when it names none.
     */
    private static void writeRecord(String defect, Class<?> testClass, String symptom, long elapsedMillis,
                                    int threadSwitches) {
        String dir = System.getProperty("segcheck.detections.dir");
        if (dir == null || dir.isBlank()) {
            return;
        }
        Properties record = new Properties();
        String testName = testClass.getName().substring(testClass.getName().lastIndexOf('.') + 1);
        record.setProperty("defect", defect);
        record.setProperty("test", testName);
        record.setProperty("detected", "true");
        record.setProperty("symptom", symptom);
        record.setProperty("seconds", Double.toString(elapsedMillis / 1000.0));
        record.setProperty("note", "model checking, " + threadSwitches + " thread switch(es) in the failing interleaving");
        Path file = Path.of(dir, "lincheck-" + testName + "-" + defect + ".properties");
        try {
            Files.createDirectories(file.getParent());
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                record.store(writer, "segcheck detection record");
            }
        } catch (IOException unwritable) {
            throw new UncheckedIOException("cannot write detection record " + file, unwritable);
        }
    }

    /**
     * Thread switches in the failing interleaving Lincheck printed: walking down the table under
     * "The following interleaving leads to the error", how often the active thread column changes.
     */
    static int threadSwitches(String report) {
        int start = report.indexOf("The following interleaving leads to the error");
        if (start < 0) {
            return -1;
        }
        int switches = 0;
        int activeColumn = -1;
        for (String line : report.substring(start).lines().skip(1).toList()) {
            if (line.isBlank() || !line.startsWith("|")) {
                break;
            }
            int column = activeColumn(line);
            if (column >= 0) {
                switches += activeColumn >= 0 && column != activeColumn ? 1 : 0;
                activeColumn = column;
            }
        }
        return switches;
    }

    /** The index of the one non-blank cell of a table row, or -1 for separators, headers and mixed rows. */
    private static int activeColumn(String row) {
        if (row.startsWith("| -") || row.contains("Thread 1")) {
            return -1;
        }
        String[] cells = row.split("\\|", -1);
        int active = -1;
        for (int index = 1; index < cells.length - 1; index++) {
            if (!cells[index].isBlank()) {
                if (active >= 0) {
                    return -1;
                }
                active = index;
            }
        }
        return active;
    }
}
