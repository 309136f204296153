package io.segcheck.junit;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.PageFactory;
import io.segcheck.kit.PlainAllocatorFactory;
import io.segcheck.sim.pages.PageSimulationSettings;
import io.segcheck.sim.pages.PageSimulator;
import io.segcheck.sim.runner.FailureReport;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.RunReport;
import io.segcheck.sim.runner.Shrinker;
import io.segcheck.sim.simulation.Simulator;
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
 * The simulator on a team's own page class, as JUnit 5 dynamic tests: one test per seed, logical
 * workers (writers, returners, clearers, resetters, guard holders, a pool user) interleaved by a
 * seeded scheduler, with failing allocations mid-resize, judged by the kit's page oracle; a failing
 * seed is shrunk and written as a replay file that {@code segcheck replay} runs exactly.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> simulate() {
 *     return PageSimulation.of(new MyPageFactory()).seeds(0, 200).tests();
 * }
 * }</pre>
 */
public final class PageSimulation {

    private final PageFactory pages;
    private final AllocatorFactory allocators;
    private final long firstSeed;
    private final long endSeed;
    private final int steps;
    private final boolean faults;
    private final Path failureFolder;

    private PageSimulation(PageFactory pages, AllocatorFactory allocators, long firstSeed, long endSeed, int steps,
            boolean faults, Path failureFolder) {
        this.pages = pages;
        this.allocators = allocators;
        this.firstSeed = firstSeed;
        this.endSeed = endSeed;
        this.steps = steps;
        this.faults = faults;
        this.failureFolder = failureFolder;
    }

    /** Seeds 0..100, 200 steps each, failing allocations on, a plain allocator, failures to {@code target/segcheck-failures}. */
    public static PageSimulation of(PageFactory pages) {
        return new PageSimulation(pages, new PlainAllocatorFactory(), 0, 100, Simulator.DEFAULT_STEPS, true,
                FailureReport.DEFAULT_FAILURE_DIR);
    }

    /** The pages lease from allocators of {@code factory} (segcheck's observing allocator still in front). */
    public PageSimulation on(AllocatorFactory factory) {
        return new PageSimulation(pages, factory, firstSeed, endSeed, steps, faults, failureFolder);
    }

    /** Seeds {@code first} to {@code end - 1}. */
    public PageSimulation seeds(long first, long end) {
        if (end <= first) {
            throw new IllegalArgumentException("seeds first=" + first + " end=" + end + ": need first < end");
        }
        return new PageSimulation(pages, allocators, first, end, steps, faults, failureFolder);
    }

    /** {@code count} scheduling slots per seed. */
    public PageSimulation steps(int count) {
        return new PageSimulation(pages, allocators, firstSeed, endSeed, count, faults, failureFolder);
    }

    /** Whether calls that may allocate sometimes carry a failing allocation (on by default). */
    public PageSimulation faults(boolean on) {
        return new PageSimulation(pages, allocators, firstSeed, endSeed, steps, on, failureFolder);
    }

    /** Where failing seeds' replay files go. */
    public PageSimulation failuresTo(Path folder) {
        return new PageSimulation(pages, allocators, firstSeed, endSeed, steps, faults, folder);
    }

    /** The simulator over this simulation's page worlds, for replaying a file's steps. */
    public PageSimulator simulator() {
        return new PageSimulator(pages, allocators, Shrinker.DEFAULT_ATTEMPT_BUDGET);
    }

    /** One dynamic test per seed. */
    public Stream<DynamicTest> tests() {
        PageSimulator simulator = simulator();
        return LongStream.range(firstSeed, endSeed).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            RunConfig config = PageSimulator.config(seed, steps);
            PageSimulationSettings settings = simulator.settings(seed, 0, faults);
            if (!simulator.execute(config, settings).clean()) {
                fail(describe(simulator.run(config, settings)));
            }
        }));
    }

    /** The first failing seed's shrunk report, its replay file written; empty when every seed is clean. */
    public Optional<RunReport> firstFailure() {
        PageSimulator simulator = simulator();
        for (long seed = firstSeed; seed < endSeed; seed++) {
            RunConfig config = PageSimulator.config(seed, steps);
            PageSimulationSettings settings = simulator.settings(seed, 0, faults);
            if (!simulator.execute(config, settings).clean()) {
                RunReport report = simulator.run(config, settings);
                describe(report);
                return Optional.of(report);
            }
        }
        return Optional.empty();
    }

    /** Where the replay file of a failing {@code seed} is written. */
    public Path replayPath(long seed) {
        return FailureReport.replayPath(failureFolder, seed);
    }

    /** The failure as the CLI prints it, with the replay file written (at {@link #replayPath}). */
    public String describe(RunReport report) {
        PageSimulator simulator = simulator();
        PageSimulationSettings settings = simulator.settings(report.config().seed(), 0, faults);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
        try {
            Path replay = simulator.writeReplay(report, settings, failureFolder, Map.of("page",
                    pages.getClass().getName(), "allocator", allocators.getClass().getName()));
            FailureReport.printSettings(out, report.config(), Optional.empty(), "page=" + pages.name()
                    + " allocator=" + allocators.name());
            out.println(settings.describe());
            FailureReport.printResult(out, report, Optional.of(replay), "", simulator.factory().catalog());
        } catch (IOException io) {
            throw new UncheckedIOException("cannot write the replay file under " + failureFolder, io);
        }
        return text.toString(StandardCharsets.UTF_8);
    }
}
