package io.segcheck.sim.junit;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.impl.defect.Defects;
import io.segcheck.sim.runner.Checking;
import io.segcheck.sim.runner.FailureReport;
import io.segcheck.sim.runner.Outcome;
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
 * The seeded sequence sweep as JUnit 5 dynamic tests, for a user's own build: one test per seed,
 * the user's allocator and segcheck's model in lockstep, a failing seed shrunk and written as a
 * replay file, its failure message ending in the command line that replays it.
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
    private final int jobs;

    private AllocatorSweep(AllocatorFactory factory, Coverage coverage, long firstSeed, long endSeed, int steps,
            Path failureFolder, int jobs) {
        this.factory = factory;
        this.coverage = coverage;
        this.firstSeed = firstSeed;
        this.endSeed = endSeed;
        this.steps = steps;
        this.failureFolder = failureFolder;
        this.jobs = jobs;
    }

    /** Seeds 0..100, 200 steps each, the allocator alone, failures written to {@code target/segcheck-failures}. */
    public static AllocatorSweep of(AllocatorFactory factory) {
        return new AllocatorSweep(factory, Coverage.ALLOCATOR, 0, 100, RunConfig.DEFAULT_STEPS,
                FailureReport.DEFAULT_FAILURE_DIR, ParallelSeeds.defaultJobs());
    }

    /** Seeds {@code first} to {@code end - 1}. */
    public AllocatorSweep seeds(long first, long end) {
        if (end <= first) {
            throw new IllegalArgumentException("seeds first=" + first + " end=" + end + ": need first < end");
        }
        return new AllocatorSweep(factory, coverage, first, end, steps, failureFolder, jobs);
    }

    /** {@code count} steps per seed. */
    public AllocatorSweep steps(int count) {
        return new AllocatorSweep(factory, coverage, firstSeed, endSeed, count, failureFolder, jobs);
    }

    /**
     * The whole system (segcheck's pages and caches on this allocator) instead of the allocator
     * alone; the allocator must declare the pages' size classes, 4 KiB to 256 KiB in powers of two.
     */
    public AllocatorSweep wholeSystem() {
        return new AllocatorSweep(factory, Coverage.SYSTEM, firstSeed, endSeed, steps, failureFolder, jobs);
    }

    /** Where failing seeds' replay files go. */
    public AllocatorSweep failuresTo(Path folder) {
        return new AllocatorSweep(factory, coverage, firstSeed, endSeed, steps, folder, jobs);
    }

    /** Seeds {@link #firstFailure()} runs at once (default: the machine's cores); at least 1. */
    public AllocatorSweep jobs(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("jobs=" + count + " must be >= 1");
        }
        return new AllocatorSweep(factory, coverage, firstSeed, endSeed, steps, failureFolder, count);
    }

    /** One dynamic test per seed. */
    public Stream<DynamicTest> tests() {
        Runner runner = new Runner(new WorldFactory(coverage, factory));
        return LongStream.range(firstSeed, endSeed).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed,
                () -> check(runner, seed)));
    }

    /** The first failing seed's shrunk report, or empty when every seed is clean (no JUnit needed). */
    public Optional<RunReport> firstFailure() {
        Runner runner = new Runner(new WorldFactory(coverage, factory));
        return new Sweep(runner, jobs).run(SeedRange.of(firstSeed, endSeed), steps, Defects.none(), Optional.empty(),
                Checking.LOCKSTEP, (seed, seedsDone, seedsTotal, stepsDone) -> { }).failure();
    }

    private void check(Runner runner, long seed) {
        RunConfig config = RunConfig.forSeed(seed, steps, Defects.none());
        Outcome outcome = runner.execute(config, runner.generate(config));
        if (outcome.clean()) {
            return;
        }
        RunReport report = runner.run(config, false);
        fail(describe(report));
    }

    /** The failure as the CLI prints it, with the replay file written and the line that replays it. */
    public String describe(RunReport report) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
        String binding = " --allocator '" + factory.getClass().getName() + "' --classpath YOUR_JAR --coverage "
                + coverage.name().toLowerCase(java.util.Locale.ROOT);
        try {
            Path replay = FailureReport.writeReplay(report, failureFolder, Map.of("allocator",
                    factory.getClass().getName(), "coverage", coverage.name().toLowerCase(java.util.Locale.ROOT)));
            FailureReport.printSettings(out, report.config(), report.weights(), "allocator=" + factory.name());
            FailureReport.printResult(out, report, Optional.of(replay), binding);
        } catch (IOException io) {
            throw new UncheckedIOException("cannot write the replay file under " + failureFolder, io);
        }
        return text.toString(StandardCharsets.UTF_8);
    }
}
