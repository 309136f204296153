package io.segcheck.examples;

import io.segcheck.api.PageFactory;
import io.segcheck.examples.page.AppendLogPageFactory;
import io.segcheck.impl.alloc.SegcheckAllocatorFactory;
import io.segcheck.impl.page.KeyValueLeafPageFactory;
import io.segcheck.junit.PageSweep;
import io.segcheck.sim.runner.ReplayFile;
import io.segcheck.sim.runner.RunReport;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page sweep: the example page and segcheck's own page are clean over many seeds; each of the
 * seed note's four page-side bug classes planted in the example page (the eviction listener that
 * never returned segments both as a return that releases nothing and in the example's own cache,
 * and a pool that drops the pages given back to it) is found, shrunk to at most 10 steps, and its replay file fails the same
 * way again and passes with the bug taken out.
 */
class PageSweepTest {

    private static final Path FAILURES = Path.of("target", "planted-pages");

    @Test
    void theExamplePageIsCleanOverFortySeeds() {
        Optional<RunReport> failure = PageSweep.of(new AppendLogPageFactory()).seeds(0, 40).firstFailure();
        assertTrue(failure.isEmpty(), () -> PageSweep.of(new AppendLogPageFactory()).describe(failure.get()));
    }

    @Test
    void segchecksPageOnSegchecksAllocatorIsCleanOverTwentySeeds() {
        PageSweep sweep = PageSweep.of(new KeyValueLeafPageFactory()).on(new SegcheckAllocatorFactory()).seeds(0, 20);
        Optional<RunReport> failure = sweep.firstFailure();
        assertTrue(failure.isEmpty(), () -> sweep.describe(failure.get()));
    }

    @Test
    void aPageKeepingTheSegmentItsResizeGaveBackInAnUnreadFieldSweepsClean() {
        PageSweep sweep = PageSweep.of(new AppendLogPageFactory.KeepsReplacedSegmentUnread()).seeds(0, 20);
        Optional<RunReport> failure = sweep.firstFailure();
        assertTrue(failure.isEmpty(), () -> sweep.describe(failure.get()));
    }

    @Test
    void aPageReadingTheSegmentItsResizeGaveBackIsFound() throws Exception {
        PageSweep sweep = PageSweep.of(new AppendLogPageFactory.ReadsReplacedSegment()).seeds(0, 20).failuresTo(FAILURES);
        RunReport report = sweep.firstFailure().orElseThrow(() -> new AssertionError("the sweep missed the stale read"));
        assertEquals(Optional.of("USE_AFTER_RELEASE"), report.finalOutcome().signature(), sweep.describe(report));
    }

    @Test
    void sweepFindsShrinksAndReplaysASharedResizeThatUpdatesOneField() throws Exception {
        assertFoundShrunkAndReplayed(new AppendLogPageFactory.SharedResizeUpdatesOneField(), "USE_AFTER_RELEASE");
    }

    @Test
    void sweepFindsShrinksAndReplaysAReturnThatReleasesNothing() throws Exception {
        assertFoundShrunkAndReplayed(new AppendLogPageFactory.ReturnReleasesNothing(), "LEAK");
    }

    @Test
    void sweepFindsShrinksAndReplaysACacheWhoseEvictionListenerNeverReturnsSegments() throws Exception {
        assertFoundShrunkAndReplayed(new AppendLogPageFactory.EvictionListenerNeverReturns(), "LEAK");
    }

    @Test
    void sweepFindsShrinksAndReplaysAReturnThatIsNotIdempotent() throws Exception {
        assertFoundShrunkAndReplayed(new AppendLogPageFactory.ReturnNotIdempotent(), "DOUBLE_RELEASE");
    }

    @Test
    void sweepFindsShrinksAndReplaysAClearThatZeroesReturnedSegments() throws Exception {
        assertFoundShrunkAndReplayed(new AppendLogPageFactory.ClearZeroesReturned(), "USE_AFTER_RELEASE");
    }

    @Test
    void sweepFindsShrinksAndReplaysAPoolThatDropsThePagesGivenBackToIt() throws Exception {
        assertFoundShrunkAndReplayed(new AppendLogPageFactory.PoolDropsGivenBackPages(), "LEAK");
    }

    private static void assertFoundShrunkAndReplayed(PageFactory planted, String kind) throws Exception {
        PageSweep sweep = PageSweep.of(planted).seeds(0, 50).failuresTo(FAILURES);
        RunReport report = sweep.firstFailure().orElseThrow(() -> new AssertionError("the sweep missed " + planted.name()));
        String description = sweep.describe(report);
        System.out.println("PAGE SWEEP FOUND " + planted.name() + " seed=" + report.config().seed() + " kind="
                + report.finalOutcome().signature().orElse("clean") + " shrunk " + report.generated() + " -> "
                + report.finalOutcome().steps().size() + " steps");
        assertEquals(Optional.of(kind), report.finalOutcome().signature(), description);
        assertTrue(report.shrunkRunReproduces(), description);
        assertTrue(report.finalOutcome().steps().size() <= 10, "shrunk to at most 10 steps: " + description);
        ReplayFile replay = ReplayFile.read(FAILURES.resolve("seed-" + report.config().seed() + ".replay"));
        RunReport again = sweep.runner().replay(replay.config(), replay.steps(), false);
        assertEquals(Optional.of(kind), again.outcome().signature(), "the replay file reproduces it");
        RunReport fixed = PageSweep.of(new AppendLogPageFactory()).runner().replay(replay.config(), replay.steps(), false);
        assertTrue(fixed.clean(), "the same steps pass with the bug taken out: " + fixed.outcome().sentence());
    }
}
