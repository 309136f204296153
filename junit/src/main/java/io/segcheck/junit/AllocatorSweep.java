package io.segcheck.junit;

import io.segcheck.sim.runner.Switches;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.PropertiesFactory;
import io.segcheck.sim.runner.Checking;
import io.segcheck.sim.runner.FailureReport;
import io.segcheck.sim.runner.MarkTally;
import io.segcheck.sim.runner.RunOutcome;
import io.segcheck.sim.runner.ParallelSeeds;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.RunReport;
import io.segcheck.sim.runner.Runner;
import io.segcheck.sim.runner.SeedRange;
import io.segcheck.sim.runner.Sweep;
import io.segcheck.sim.world.Coverage;
import io.segcheck.sim.world.WorldFactory;
import org.junit.jupiter.api.DynamicTest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The seeded sequence sweep as a builder, for a user's own build: one JUnit 5 dynamic test per seed,
 * the user's allocator and segcheck's model in lockstep, a failing seed shrunk and written as a
 * replay file, its failure message ending in the call that replays it from a test ({@link
 * #replay(Path)}). {@link Segcheck} is the same sweep with its settings from JUnit configuration
 * parameters and a regression folder.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> sweep() {
 *     return AllocatorSweep.of(new MyAllocatorFactory()).seeds(0, 200).tests();
 * }
 * }</pre>
 */
public final class AllocatorSweep {

    private final AllocatorFactory factory;
    private final Coverage coverage;
    private final long firstSeed;
    private final long endSeed;
    private final int steps;
    private final Path failureFolder;
    private final boolean requireEveryMark;
    private final int jobs;

    private AllocatorSweep(AllocatorFactory factory, Coverage coverage, long firstSeed, long endSeed, int steps,
            Path failureFolder, boolean requireEveryMark, int jobs) {
        this.factory = factory;
        this.coverage = coverage;
        this.firstSeed = firstSeed;
        this.endSeed = endSeed;
        this.steps = steps;
        this.failureFolder = failureFolder;
        this.requireEveryMark = requireEveryMark;
        this.jobs = jobs;
    }

    /** Seeds 0..100, 200 steps each, the allocator alone, failures written to {@code target/segcheck-failures}. */
    public static AllocatorSweep of(AllocatorFactory factory) {
        return new AllocatorSweep(factory, Coverage.ALLOCATOR, 0, 100, RunConfig.DEFAULT_STEPS,
                FailureReport.DEFAULT_FAILURE_DIR, false, ParallelSeeds.defaultJobs());
    }

    /** Seeds {@code first} to {@code end - 1}. */
    public AllocatorSweep seeds(long first, long end) {
        if (end <= first) {
            throw new IllegalArgumentException("seeds first=" + first + " end=" + end + ": need first < end");
        }
        return new AllocatorSweep(factory, coverage, first, end, steps, failureFolder, requireEveryMark, jobs);
    }

    /** {@code count} steps per seed. */
    public AllocatorSweep steps(int count) {
        return new AllocatorSweep(factory, coverage, firstSeed, endSeed, count, failureFolder, requireEveryMark, jobs);
    }

    /**
     * The whole system (segcheck's pages and caches on this allocator) instead of the allocator
     * alone; the allocator must declare the pages' size classes, 4 KiB to 256 KiB in powers of two.
     */
    public AllocatorSweep wholeSystem() {
        return new AllocatorSweep(factory, Coverage.SYSTEM, firstSeed, endSeed, steps, failureFolder, requireEveryMark, jobs);
    }

    /** Where failing seeds' replay files go. */
    public AllocatorSweep failuresTo(Path folder) {
        return new AllocatorSweep(factory, coverage, firstSeed, endSeed, steps, folder, requireEveryMark, jobs);
    }

    /** Seeds {@link #firstFailure()} runs at once (default: the machine's cores); at least 1. */
    public AllocatorSweep jobs(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("jobs=" + count + " must be >= 1");
        }
        return new AllocatorSweep(factory, coverage, firstSeed, endSeed, steps, failureFolder, requireEveryMark, count);
    }

    /**
     * A CI seed set that must reach every rare path the allocator marks ({@code AllocatorFactory#markNames}):
     * {@link #tests()} ends with one more test that fails naming the marks no seed reached.
     */
    public AllocatorSweep requireEveryMark() {
        return new AllocatorSweep(factory, coverage, firstSeed, endSeed, steps, failureFolder, true, jobs);
    }

    /** One dynamic test per seed (and, with {@link #requireEveryMark()}, one for the marks after them). */
    public Stream<DynamicTest> tests() {
        Runner runner = new Runner(new WorldFactory(coverage, factory));
        MarkTally marks = new MarkTally(factory.markNames());
        Stream<DynamicTest> seeds = LongStream.range(firstSeed, endSeed).mapToObj(seed -> DynamicTest.dynamicTest(
                "seed " + seed, () -> check(runner, seed, marks)));
        if (!requireEveryMark) {
            return seeds;
        }
        return Stream.concat(seeds, Stream.of(DynamicTest.dynamicTest("every declared mark reached", () -> {
            if (!marks.unreached().isEmpty()) {
                fail("seeds " + firstSeed + ".." + endSeed + " reached " + marks.counts() + "; never reached: "
                        + marks.unreached());
            }
        })));
    }

    /** The marks the allocator declared, summed over the seeds (first executions only), each with its count. */
    public MarkTally marks() {
        Runner runner = new Runner(new WorldFactory(coverage, factory));
        MarkTally marks = new MarkTally(factory.markNames());
        for (long seed = firstSeed; seed < endSeed; seed++) {
            RunConfig config = RunConfig.forSeed(seed, steps, Switches.none());
            runner.execute(config, runner.generate(config), marks);
        }
        return marks;
    }

    /** The first failing seed's shrunk report, or empty when every seed is clean (no JUnit needed). */
    public Optional<RunReport> firstFailure() {
        Runner runner = new Runner(new WorldFactory(coverage, factory));
        return new Sweep(runner, jobs).run(SeedRange.of(firstSeed, endSeed), steps, Switches.none(), Optional.empty(),
                Checking.LOCKSTEP, (seed, seedsDone, seedsTotal, stepsDone) -> { }).failure();
    }

    private void check(Runner runner, long seed, MarkTally marks) {
        RunConfig config = RunConfig.forSeed(seed, steps, Switches.none());
        RunOutcome outcome = runner.execute(config, runner.generate(config), marks);
        if (outcome.clean()) {
            return;
        }
        RunReport report = runner.run(config, false);
        fail(describe(report));
    }

    /** The factory class the CLI loads again: the bound one of a factory with properties. */
    private Class<?> boundClass() {
        return factory instanceof PropertiesFactory withProperties ? withProperties.delegate().getClass()
                : factory.getClass();
    }

    private Map<String, String> properties() {
        return factory instanceof PropertiesFactory withProperties ? withProperties.properties() : Map.of();
    }

    /** The replay file's notes that bind the same allocator (and its properties) again. */
    private Map<String, String> bindingNotes() {
        return Bindings.notes(factory, coverage);
    }

    /**
     * Replays {@code file} (written by this sweep, or by the simulator) step for step on this sweep's
     * allocator: how a test runs a failure again with the user's own classpath.
     *
     * @throws org.opentest4j.AssertionFailedError telling the failure when the replay fails
     */
    public void replay(Path file) {
        Replays.failureOf(factory, file, io.segcheck.sim.runner.Shrinker.DEFAULT_ATTEMPT_BUDGET).ifPresent(report ->
                fail("the replay " + file + " fails:\n" + report));
    }

    /** The failure as the CLI prints it, with the replay file written and the test call that replays it. */
    public String describe(RunReport report) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
        try {
            WorldFactory worlds = new WorldFactory(coverage, factory);
            Path replay = FailureReport.writeReplay(report, failureFolder, bindingNotes(), worlds.catalog());
            out.println(WorldFactory.designLine(factory));
            FailureReport.printSettings(out, report.config(), report.weights(), "allocator=" + factory.name(),
                    worlds.unusedSettings());
            FailureReport.printResult(out, report, Optional.empty(), "", worlds.catalog());
            out.println("replay file: " + replay);
            out.println("replay it from a test: AllocatorSweep.of(new " + boundClass().getSimpleName() + "()"
                    + (properties().isEmpty() ? "" : ".withProperties(...)") + ").replay(Path.of(\"" + replay + "\"))");
        } catch (IOException io) {
            throw new UncheckedIOException("cannot write the replay file under " + failureFolder, io);
        }
        return text.toString(StandardCharsets.UTF_8);
    }
}
