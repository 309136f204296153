package io.segcheck.junit;

import io.segcheck.sim.runner.Switches;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.PageFactory;
import io.segcheck.kit.PlainAllocatorFactory;
import io.segcheck.sim.pages.PageWorldFactory;
import io.segcheck.sim.runner.FailureReport;
import io.segcheck.sim.runner.RunOutcome;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.RunReport;
import io.segcheck.sim.runner.Runner;
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
 * The seeded sequence sweep for a team's own page class, as JUnit 5 dynamic tests: one test per
 * seed, generated page calls judged by the kit's page oracle, a failing seed shrunk and written as
 * a replay file.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> sweep() {
 *     return PageSweep.of(new MyPageFactory()).seeds(0, 200).tests();
 * }
 * }</pre>
 */
public final class PageSweep {

    private final PageFactory pages;
    private final AllocatorFactory allocators;
    private final long firstSeed;
    private final long endSeed;
    private final int steps;
    private final Path failureFolder;

    private PageSweep(PageFactory pages, AllocatorFactory allocators, long firstSeed, long endSeed, int steps,
            Path failureFolder) {
        this.pages = pages;
        this.allocators = allocators;
        this.firstSeed = firstSeed;
        this.endSeed = endSeed;
        this.steps = steps;
        this.failureFolder = failureFolder;
    }

    /** Seeds 0..100, 200 steps each, pages on a plain allocator, failures written to {@code target/segcheck-failures}. */
    public static PageSweep of(PageFactory pages) {
        return new PageSweep(pages, new PlainAllocatorFactory(), 0, 100, RunConfig.DEFAULT_STEPS,
                FailureReport.DEFAULT_FAILURE_DIR);
    }

    /** The pages lease from allocators of {@code factory} (segcheck's observing allocator still in front). */
    public PageSweep on(AllocatorFactory factory) {
        return new PageSweep(pages, factory, firstSeed, endSeed, steps, failureFolder);
    }

    /** Seeds {@code first} to {@code end - 1}. */
    public PageSweep seeds(long first, long end) {
        if (end <= first) {
            throw new IllegalArgumentException("seeds first=" + first + " end=" + end + ": need first < end");
        }
        return new PageSweep(pages, allocators, first, end, steps, failureFolder);
    }

    /** {@code count} steps per seed. */
    public PageSweep steps(int count) {
        return new PageSweep(pages, allocators, firstSeed, endSeed, count, failureFolder);
    }

    /** Where failing seeds' replay files go. */
    public PageSweep failuresTo(Path folder) {
        return new PageSweep(pages, allocators, firstSeed, endSeed, steps, folder);
    }

    /** The runner over this sweep's page worlds, for replaying a file's steps. */
    public Runner runner() {
        return new Runner(new PageWorldFactory(pages, allocators));
    }

    /** One dynamic test per seed. */
    public Stream<DynamicTest> tests() {
        Runner runner = runner();
        return LongStream.range(firstSeed, endSeed).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            RunConfig config = RunConfig.forSeed(seed, steps, Switches.none());
            if (!runner.execute(config, runner.generate(config)).clean()) {
                fail(describe(runner.run(config, false)));
            }
        }));
    }

    /** The first failing seed's shrunk report, or empty when every seed is clean (no JUnit needed). */
    public Optional<RunReport> firstFailure() {
        Runner runner = runner();
        for (long seed = firstSeed; seed < endSeed; seed++) {
            RunConfig config = RunConfig.forSeed(seed, steps, Switches.none());
            RunOutcome outcome = runner.execute(config, runner.generate(config));
            if (!outcome.clean()) {
                return Optional.of(runner.run(config, false));
            }
        }
        return Optional.empty();
    }

    /** The failure as the CLI prints it, with the replay file written. */
    public String describe(RunReport report) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
        try {
            Path replay = FailureReport.writeReplay(report, failureFolder, Map.of("page", pages.getClass().getName(),
                    "allocator", allocators.getClass().getName()));
            FailureReport.printSettings(out, report.config(), report.weights(), "page=" + pages.name()
                    + " allocator=" + allocators.name());
            FailureReport.printResult(out, report, Optional.empty());
            // The CLI has no --page yet, so the replay line names the JUnit door instead of a command.
            out.println("replay file: " + replay + " (PageSweep.runner().replay(file.config(), file.steps(), false)"
                    + " with file = ReplayFile.read(path))");
        } catch (IOException io) {
            throw new UncheckedIOException("cannot write the replay file under " + failureFolder, io);
        }
        return text.toString(StandardCharsets.UTF_8);
    }
}
