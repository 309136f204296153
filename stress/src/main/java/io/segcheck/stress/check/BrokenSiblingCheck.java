package io.segcheck.stress.check;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.InProcessCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.grading.GradingResult;
import org.openjdk.jcstress.infra.grading.TestGrading;
import org.openjdk.jcstress.infra.runners.TestList;

/**
 * Decides whether every JCStress {@code Broken} sibling was SEEN to fail: it finished normally and
 * recorded its FORBIDDEN outcome at least once. Exit 0 when all were detected, 1 otherwise.
 *
 * <p>Run from {@code verify} after the broken run, and by hand:
 * <pre>
 * java -cp stress/target/jcstress.jar io.segcheck.stress.check.BrokenSiblingCheck \
 *     stress/target/jcstress-broken stress/target/jcstress.jar '^io\.segcheck\.stress\.jcstress\..*Broken'
 * </pre>
 * Arguments: the broken run's working directory (where jcstress writes
 * {@code jcstress-results-*.bin.gz}), the jar the run used (a results file older than it is a
 * leftover from an earlier build and is ignored), the test regex the run used, and optionally a
 * folder to write one detection record per sibling into ({@code jcstress-NAME.properties}: the
 * defect its {@link io.segcheck.stress.RedTwinOf} names, detected, forbidden and total samples), which
 * {@code segcheck matrix} reads.
 */
public final class BrokenSiblingCheck {

    private static final String RESULTS_PREFIX = "jcstress-results-";
    private static final String RESULTS_SUFFIX = ".bin.gz";

    /** How one broken sibling ended. Only DETECTED is a pass. */
    enum Verdict { DETECTED, MISSED, HARNESS_ERROR, NOT_RUN }

    /** One broken sibling's merged results over all forks and JVM configurations. */
    record Summary(String testName, Verdict verdict, long forbiddenSamples, long totalSamples,
                   List<String> forbiddenOutcomes, String detail) {

        String line() {
            String shortName = testName.substring(testName.lastIndexOf('.') + 1);
            return verdict + " test=" + shortName + " forbiddenSamples=" + forbiddenSamples
                    + " totalSamples=" + totalSamples + " forbiddenOutcomes=[" + String.join(" | ", forbiddenOutcomes) + "]"
                    + (detail.isEmpty() ? "" : " detail=" + detail);
        }
    }

    private BrokenSiblingCheck() {
    }

    public static void main(String[] args) throws IOException, ClassNotFoundException {
        if (args.length != 3 && args.length != 4) {
            System.err.println("usage: BrokenSiblingCheck RESULTS_DIR JCSTRESS_JAR TEST_REGEX [RECORDS_DIR] (got args="
                    + Arrays.toString(args) + ")");
            System.exit(2);
        }
        File recordsDir = args.length == 4 ? new File(args[3]) : null;
        int exitCode = run(new File(args[0]), new File(args[1]), Pattern.compile(args[2]), System.out, recordsDir);
        System.exit(exitCode);
    }

    static int run(File resultsDir, File jar, Pattern testPattern, PrintStream out)
            throws IOException, ClassNotFoundException {
        return run(resultsDir, jar, testPattern, out, null);
    }

    /** As {@link #run(File, File, Pattern, PrintStream)}, writing detection records into {@code recordsDir} when not null. */
    static int run(File resultsDir, File jar, Pattern testPattern, PrintStream out, File recordsDir)
            throws IOException, ClassNotFoundException {
        List<String> expected = expectedTests(testPattern);
        if (expected.isEmpty()) {
            out.println("BROKEN-CHECK FAILED: no test in the jar matches regex=" + testPattern);
            return 1;
        }
        List<File> resultsFiles = resultsFiles(resultsDir, jar.lastModified());
        if (resultsFiles.isEmpty()) {
            out.println("BROKEN-CHECK FAILED: no " + RESULTS_PREFIX + "*" + RESULTS_SUFFIX + " newer than jar="
                    + jar + " in dir=" + resultsDir + " (the broken run did not start or did not finish)");
            return 1;
        }
        List<TestResult> results = new ArrayList<>();
        for (File file : resultsFiles) {
            results.addAll(read(file));
        }
        List<Summary> summaries = summarize(expected, results);
        if (recordsDir != null) {
            DetectionRecords.write(summaries, recordsDir);
        }
        return report(summaries, resultsFiles, out);
    }

    private static List<String> expectedTests(Pattern testPattern) {
        List<String> names = new ArrayList<>();
        for (String name : new TreeSet<>(TestList.tests())) {
            if (testPattern.matcher(name).find()) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Every results file of this build (not older than the jar), oldest first: a sibling run again
     * with a larger budget adds a file, and its samples count with the first run's.
     */
    private static List<File> resultsFiles(File dir, long notBeforeMillis) {
        File[] files = dir.listFiles((d, name) -> name.startsWith(RESULTS_PREFIX) && name.endsWith(RESULTS_SUFFIX));
        if (files == null) {
            return List.of();
        }
        return Arrays.stream(files)
                .filter(file -> file.lastModified() >= notBeforeMillis)
                .sorted(Comparator.comparingLong(File::lastModified).thenComparing(File::getName))
                .toList();
    }

    private static List<TestResult> read(File resultsFile) throws IOException, ClassNotFoundException {
        InProcessCollector collector = new InProcessCollector();
        DiskReadCollector reader = new DiskReadCollector(resultsFile.getPath(), collector);
        try {
            reader.dump();
        } finally {
            reader.close();
        }
        return new ArrayList<>(collector.getTestResults());
    }

    private static List<Summary> summarize(List<String> expected, List<TestResult> results) {
        Map<String, List<TestResult>> byTest = new LinkedHashMap<>();
        for (String name : expected) {
            byTest.put(name, new ArrayList<>());
        }
        for (TestResult result : results) {
            List<TestResult> bucket = byTest.get(result.getName());
            if (bucket != null) {
                bucket.add(result);
            }
        }
        List<Summary> summaries = new ArrayList<>();
        byTest.forEach((name, testResults) -> summaries.add(summarize(name, testResults)));
        return summaries;
    }

    private static Summary summarize(String name, List<TestResult> results) {
        if (results.isEmpty()) {
            return new Summary(name, Verdict.NOT_RUN, 0, 0, List.of(), "no results recorded");
        }
        long forbidden = 0;
        long total = 0;
        TreeSet<String> forbiddenOutcomes = new TreeSet<>();
        for (TestResult result : results) {
            if (result.status() != Status.NORMAL) {
                return new Summary(name, Verdict.HARNESS_ERROR, 0, 0, List.of(),
                        "status=" + result.status() + " messages=" + firstLines(result.getMessages()));
            }
            total += result.getTotalCount();
            for (GradingResult grading : TestGrading.grade(result).gradingResults.values()) {
                if (grading.expect == Expect.FORBIDDEN && grading.count > 0) {
                    forbidden += grading.count;
                    forbiddenOutcomes.add(grading.id);
                }
            }
        }
        Verdict verdict = forbidden > 0 ? Verdict.DETECTED : Verdict.MISSED;
        return new Summary(name, verdict, forbidden, total, List.copyOf(forbiddenOutcomes), "");
    }

    private static List<String> firstLines(List<String> messages) {
        return messages.subList(0, Math.min(5, messages.size()));
    }

    private static int report(List<Summary> summaries, List<File> resultsFiles, PrintStream out) {
        out.println("BROKEN-CHECK results=" + resultsFiles);
        boolean allDetected = true;
        for (Summary summary : summaries) {
            out.println("BROKEN-CHECK " + summary.line());
            allDetected &= summary.verdict() == Verdict.DETECTED;
        }
        out.println(allDetected
                ? "BROKEN-CHECK PASSED: every broken sibling showed its forbidden outcome"
                : "BROKEN-CHECK FAILED: a broken sibling was not seen to fail for the right reason");
        return allDetected ? 0 : 1;
    }
}
