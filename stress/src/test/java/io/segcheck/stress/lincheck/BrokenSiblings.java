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
 * {@link LincheckAssertionError}, and the failing execution's results must hold the exact symptom:
 * one operation's result, as a whole table cell ({@code returnSegments(): DOUBLE_RELEASE}), so a
 * failure for another reason (a hang, a harness error, a legal result that merely contains the word)
 * does not count as a detection. Prints one summary line per detection: the defect, the time to
 * find it and the thread switches in the failing interleaving Lincheck printed.
 */
final class BrokenSiblings {

    private static final String RESULTS_HEADER = "= Invalid execution results =";
    private static final String INTERLEAVING_HEADER = "The following interleaving leads to the error";

    private BrokenSiblings() {
    }

    /**
     * Model checking must fail with {@code operation} returning {@code result} in the invalid
     * execution (e.g. operation {@code "retire"}, result {@code "DOUBLE_RELEASE"}).
     */
    static void assertModelCheckingFails(String defect, ModelCheckingOptions options, Class<?> testClass,
                                         String operation, String result) {
        long startNanos = System.nanoTime();
        LincheckAssertionError failure = assertThrows(LincheckAssertionError.class, () -> options.check(testClass),
                () -> "model checking did not detect defect=" + defect + " in " + testClass.getSimpleName());
        long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;
        String report = failure.getMessage();
        String symptom = operation + "(): " + result;
        assertTrue(resultCells(report).contains(symptom), () -> "defect=" + defect + " was detected but no "
                + "operation of the invalid execution returned symptom=" + symptom + ":\n" + report);
        writeRecord(defect, testClass, symptom, elapsedMillis, threadSwitches(report));
        System.out.println("BROKEN-SIBLING defect=" + defect + " test=" + testClass.getSimpleName()
                + " detected=true symptom=" + symptom + " elapsedMillis=" + elapsedMillis
                + " threadSwitches=" + threadSwitches(report) + "\n" + report);
    }

    /**
     * Model checking must fail in the test object's validation function with a message that
     * contains {@code message} (a broken invariant after the run, not a wrong operation result).
     */
    static void assertValidationFails(String defect, ModelCheckingOptions options, Class<?> testClass,
                                      String message) {
        long startNanos = System.nanoTime();
        LincheckAssertionError failure = assertThrows(LincheckAssertionError.class, () -> options.check(testClass),
                () -> "model checking did not detect defect=" + defect + " in " + testClass.getSimpleName());
        long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;
        String report = failure.getMessage();
        assertTrue(report.contains("Validation function") && report.contains(message), () -> "defect=" + defect
                + " was detected but not as a failed validation saying '" + message + "':\n" + report);
        writeRecord(defect, testClass, "validation:" + message, elapsedMillis, threadSwitches(report));
        System.out.println("BROKEN-SIBLING defect=" + defect + " test=" + testClass.getSimpleName()
                + " detected=true symptom=validation:" + message + " elapsedMillis=" + elapsedMillis
                + " threadSwitches=" + threadSwitches(report) + "\n" + report);
    }

    /** Every cell of the invalid execution's results table, trimmed ({@code "clear(): CLOSED_SCOPE"}). */
    static java.util.Set<String> resultCells(String report) {
        java.util.Set<String> cells = new java.util.HashSet<>();
        int start = report.indexOf(RESULTS_HEADER);
        if (start < 0) {
            return cells;
        }
        int end = report.indexOf(INTERLEAVING_HEADER, start);
        String results = report.substring(start, end < 0 ? report.length() : end);
        for (String line : results.lines().toList()) {
            if (!line.startsWith("|")) {
                continue;
            }
            for (String cell : line.split("\\|")) {
                // A cell may carry a happens-before clock suffix such as "[1,0]"; the result is before it.
                String trimmed = cell.replaceAll("\\s*\\[[-0-9, ]*]\\s*$", "").trim();
                if (!trimmed.isEmpty()) {
                    cells.add(trimmed);
                }
            }
        }
        return cells;
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
        int start = report.indexOf(INTERLEAVING_HEADER);
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
