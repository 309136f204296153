package io.segcheck.kit;

import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How often a red twin misses its bug: runs each named test method (a twin that passes only when
 * its detector fails for the planted defect) {@code runs} times through JUnit's launcher, in this
 * JVM, and counts the runs that did not pass. A twin that can fail the build must miss 0 times: a
 * twin that finds its bug only sometimes makes the build flaky.
 *
 * <p>Run from a test that is skipped unless asked for, e.g.
 * <pre>{@code
 * @EnabledIfSystemProperty(named = "segcheck.missRate.runs", matches = "\\d+")
 * @Test void redTwinsNeverMiss() {
 *     MissRate.measure(Integer.getInteger("segcheck.missRate.runs"), List.of(
 *             "com.example.MyLincheckTest#modelCheckingFindsThePlantedBug"), Path.of("target/miss-rate.md"))
 *         .assertNoMisses();
 * }
 * }</pre>
 * and load the machine (another build on every core) while it runs, to measure the worst case.
 */
public final class MissRate {

    /** One twin's count: {@code missed} of {@code runs} runs did not pass. */
    public record Twin(String method, int runs, int missed, double seconds, String firstMiss) {
        String row() {
            return "| `" + method + "` | " + runs + " | " + missed + " | " + String.format("%.1f", seconds) + " |";
        }
    }

    private final List<Twin> twins;

    private MissRate(List<Twin> twins) {
        this.twins = List.copyOf(twins);
    }

    /**
     * Runs every method ({@code fully.qualified.Class#method}) {@code runs} times, prints a table to
     * stdout and writes it to {@code table} (a markdown file).
     */
    public static MissRate measure(int runs, List<String> methods, Path table) throws IOException {
        if (runs < 1 || methods.isEmpty()) {
            throw new IllegalArgumentException("runs=" + runs + " methods=" + methods.size() + ": need both >= 1");
        }
        Launcher launcher = LauncherFactory.create();
        List<Twin> twins = new ArrayList<>();
        for (String method : methods) {
            twins.add(repeat(launcher, runs, method, System.out));
        }
        MissRate rate = new MissRate(twins);
        Path parent = table.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(table, rate.markdown(), StandardCharsets.UTF_8);
        System.out.print(rate.markdown());
        return rate;
    }

    private static Twin repeat(Launcher launcher, int runs, String method, PrintStream progress) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectMethod(method)).build();
        int missed = 0;
        String firstMiss = "";
        long start = System.nanoTime();
        for (int run = 1; run <= runs; run++) {
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            launcher.execute(request, listener);
            TestExecutionSummary summary = listener.getSummary();
            if (summary.getTestsFoundCount() != 1) {
                throw new IllegalArgumentException("method=" + method + " selects " + summary.getTestsFoundCount()
                        + " tests; name exactly one test method as Class#method");
            }
            if (summary.getTestsSucceededCount() != 1) {
                missed++;
                if (firstMiss.isEmpty()) {
                    firstMiss = "run " + run + ": " + summary.getFailures().stream()
                            .map(failure -> String.valueOf(failure.getException())).findFirst().orElse("skipped");
                }
            }
            progress.println("miss-rate " + method + " run " + run + "/" + runs + ": " + (missed == 0 ? "ok" : missed + " missed"));
        }
        return new Twin(method, runs, missed, (System.nanoTime() - start) / 1e9, firstMiss);
    }

    /** The twins that missed at least once. */
    public List<Twin> missing() {
        return twins.stream().filter(twin -> twin.missed() > 0).toList();
    }

    /** The table: twin, runs, missed, seconds for all runs. */
    public String markdown() {
        StringBuilder table = new StringBuilder("| Red twin | runs | missed | seconds |\n|---|---|---|---|\n");
        twins.forEach(twin -> table.append(twin.row()).append('\n'));
        missing().forEach(twin -> table.append("\nfirst miss of ").append(twin.method()).append(": ")
                .append(twin.firstMiss()).append('\n'));
        return table.toString();
    }

    /** @throws AssertionError naming every twin that missed and its first miss */
    public void assertNoMisses() {
        if (!missing().isEmpty()) {
            throw new AssertionError("red twins missed their bug:\n" + markdown());
        }
    }
}
