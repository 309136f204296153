package io.segcheck.junit;

import io.segcheck.api.AllocatorFactory;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * segcheck in a team's JUnit 5 build, handed to a test method by {@link SegcheckExtension}: the
 * seeded sequence sweep and the simulator on the team's own allocator, each as dynamic tests, and
 * the replay of one file.
 *
 * <pre>{@code
 * @ExtendWith(SegcheckExtension.class)
 * class MyAllocatorTest {
 *     @TestFactory
 *     Stream<DynamicNode> sweep(Segcheck segcheck) {
 *         return segcheck.sweep(new MyAllocatorFactory());
 *     }
 *
 *     @TestFactory
 *     Stream<DynamicNode> simulation(Segcheck segcheck) {
 *         return segcheck.simulate(new MyAllocatorFactory());
 *     }
 * }
 * }</pre>
 *
 * <p>Seeds, steps and budgets come from JUnit configuration parameters ({@link SegcheckSettings}).
 * The replay files in the test's regression folder ({@code
 * src/test/resources/segcheck-regressions/CLASS.METHOD/}) run first, each a test whose source is the
 * file; then one test per seed, named with the settings it drew, reporting its seed, settings and the
 * marks it reached as report entries. A failing seed is shrunk and its replay written to that folder
 * (commit it: it runs first from now on); the failure names the file and the {@code mvn} line that
 * replays it on the team's own classpath.
 */
public final class Segcheck {

    private final SegcheckSettings settings;
    private final String testClass;
    private final String testMethod;
    private final Consumer<Map<String, String>> reporter;

    /**
     * @param settings what to run
     * @param testClass the test class's simple name: with {@code testMethod} it names the regression folder
     * @param testMethod the test method that runs the checks; the failure message names it
     * @param reporter publishes a report entry (the extension's {@code publishReportEntry})
     */
    public Segcheck(SegcheckSettings settings, String testClass, String testMethod,
            Consumer<Map<String, String>> reporter) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.testClass = Objects.requireNonNull(testClass, "testClass");
        this.testMethod = Objects.requireNonNull(testMethod, "testMethod");
        this.reporter = Objects.requireNonNull(reporter, "reporter");
    }

    public SegcheckSettings settings() {
        return settings;
    }

    /** The sequence sweep of {@code factory}'s allocator alone: regressions first, then one test per seed. */
    public Stream<DynamicNode> sweep(AllocatorFactory factory) {
        return tests(factory, new SweepCheck(factory, settings.steps(), settings.shrinkBudget()), settings.seeds().first(),
                settings.seeds().end());
    }

    /** The simulator on {@code factory}'s allocator alone: regressions first, then one test per seed. */
    public Stream<DynamicNode> simulate(AllocatorFactory factory) {
        return tests(factory, new SimulationCheck(factory, settings), settings.simulationSeeds().first(),
                settings.simulationSeeds().end());
    }

    /**
     * Replays {@code file} (of the sweep or of the simulator) step for step on {@code factory}'s allocator.
     *
     * @throws AssertionFailedError telling the failure when the replay fails
     */
    public void replay(AllocatorFactory factory, Path file) {
        Replays.failureOf(factory, file, settings.shrinkBudget()).ifPresent(report -> {
            throw new AssertionFailedError(testName() + ": the replay " + file + " fails:\n" + report);
        });
    }

    private Stream<DynamicNode> tests(AllocatorFactory factory, SeedCheck check, long first, long end) {
        Path regressions = settings.regressions().resolve(folderName());
        if (settings.replay().isPresent()) {
            return Stream.of(replayTest(factory, settings.replay().get(), "replay "));
        }
        Stream<DynamicNode> replays = Replays.in(regressions).stream().map(file -> replayTest(factory, file, "regression "));
        AtomicBoolean shrunkOne = new AtomicBoolean(); // dynamic tests may run in parallel
        Stream<DynamicNode> seeds = LongStream.range(first, end).mapToObj(seed -> DynamicTest.dynamicTest(
                check.kind() + " seed " + seed + ": " + check.drawnSettings(seed), () -> runSeed(check, seed, shrunkOne)));
        return Stream.concat(replays, seeds);
    }

    private DynamicNode replayTest(AllocatorFactory factory, Path file, String label) {
        URI source = file.toAbsolutePath().toUri();
        return DynamicTest.dynamicTest(label + file.getFileName(), source, () -> {
            reporter.accept(Map.of("segcheck.replay", file.toString()));
            Replays.failureOf(factory, file, settings.shrinkBudget()).ifPresent(report -> {
                throw new AssertionFailedError(testName() + ": the regression " + file + " fails:\n" + report
                        + replayLines(file, false));
            });
        });
    }

    /**
     * Runs one seed; the first failing seed of the run (the one that sets {@code shrunkOne}) is shrunk and written,
     * later ones only say so: one short replay is what a person reads first, and shrinking each would
     * make a broken allocator's build slow.
     */
    private void runSeed(SeedCheck check, long seed, AtomicBoolean shrunkOne) throws IOException {
        SeedCheck.SeedResult result = check.run(seed);
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("segcheck.seed", Long.toString(seed));
        entry.put("segcheck.settings", check.drawnSettings(seed));
        entry.put("segcheck.marks", SweepCheck.marksText(result.marks()));
        entry.put("segcheck.outcome", result.sentence());
        reporter.accept(entry);
        if (result.clean()) {
            return;
        }
        if (!shrunkOne.compareAndSet(false, true)) {
            throw new AssertionFailedError(testName() + ": " + check.kind() + " seed " + seed + " failed too: "
                    + result.sentence() + "\n(not shrunk: an earlier seed's failure was; shrink this one with -D" + check.seedsKey() + "=" + seed
                    + ")");
        }
        SeedCheck.Failure failure = check.shrink(seed, settings.failures().resolve(folderName()));
        throw new AssertionFailedError(testName() + ": " + check.kind() + " seed " + seed + " failed: "
                + result.sentence() + "\n" + failure.report() + replayLines(failure.replay(), true));
    }

    /** Where the replay is and how to run it with the team's own classpath. */
    private String replayLines(Path file, boolean written) {
        boolean inRegressions = file.toAbsolutePath().normalize().startsWith(
                settings.regressions().toAbsolutePath().normalize());
        return (written ? "replay file: " + file + (inRegressions
                ? " (commit it: from now on it runs before new seeds)"
                : " (move it to " + settings.regressions().resolve(folderName()) + " to run it before new seeds)") + "\n"
                : "")
                + "replay it: mvn test -Dtest='" + testName() + "' -D" + SegcheckSettings.REPLAY + "=" + file + "\n";
    }

    private String testName() {
        return testClass + "#" + testMethod;
    }

    private String folderName() {
        return testClass + "." + testMethod;
    }
}
