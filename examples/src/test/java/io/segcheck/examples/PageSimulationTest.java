package io.segcheck.examples;

import io.segcheck.api.PageFactory;
import io.segcheck.examples.page.AppendLogPageFactory;
import io.segcheck.impl.alloc.SegcheckAllocatorFactory;
import io.segcheck.impl.page.KeyValueLeafPageFactory;
import io.segcheck.junit.PageSimulation;
import io.segcheck.sim.runner.ReplayFile;
import io.segcheck.sim.runner.RunReport;
import io.segcheck.sim.runner.TraceHash;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator on a team's page: the example page (correct, and keeping a released segment in an
 * unread field) and segcheck's own page are clean; each of the seed note's four page-side bug
 * classes planted in the example page is found, shrunk to at most 10 steps and replayed exactly
 * from its file, as is the seed's eviction listener that never returned segments, planted in the
 * example page's own cache (driven with its removal listener on the simulator's executor); two pages that mishandle a failed resize (planted here, told to no checker) are
 * found only when allocations fail.
 */
class PageSimulationTest {

    private static final Path FAILURES = Path.of("target", "simulated-pages");

    @Test
    void theExamplePageIsCleanOverSixtySeeds() {
        assertClean(PageSimulation.of(new AppendLogPageFactory()).seeds(0, 60));
    }

    @Test
    void aPageKeepingTheSegmentItsResizeGaveBackInAnUnreadFieldIsClean() {
        assertClean(PageSimulation.of(new AppendLogPageFactory.KeepsReplacedSegmentUnread()).seeds(0, 30));
    }

    @Test
    void segchecksPageOnSegchecksAllocatorIsCleanOverThirtySeeds() {
        assertClean(PageSimulation.of(new KeyValueLeafPageFactory()).on(new SegcheckAllocatorFactory()).seeds(0, 30));
    }

    @Test
    void findsShrinksAndReplaysASharedResizeThatUpdatesOneField() throws Exception {
        assertFoundShrunkAndReplayed(new AppendLogPageFactory.SharedResizeUpdatesOneField(), "USE_AFTER_RELEASE");
    }

    @Test
    void findsShrinksAndReplaysAReturnThatReleasesNothing() throws Exception {
        assertFoundShrunkAndReplayed(new AppendLogPageFactory.ReturnReleasesNothing(), "LEAK");
    }

    @Test
    void findsShrinksAndReplaysAPoolThatNeverReturnsThePagesGivenBackToIt() throws Exception {
        assertFoundShrunkAndReplayed(new AppendLogPageFactory.PoolDropsGivenBackPages(), "LEAK");
    }

    @Test
    void findsShrinksAndReplaysACacheWhoseEvictionListenerNeverReturnsSegments() throws Exception {
        assertFoundShrunkAndReplayed(new AppendLogPageFactory.EvictionListenerNeverReturns(), "LEAK");
    }

    @Test
    void findsShrinksAndReplaysAReturnThatIsNotIdempotent() throws Exception {
        assertFoundShrunkAndReplayed(new AppendLogPageFactory.ReturnNotIdempotent(), "DOUBLE_RELEASE");
    }

    @Test
    void findsShrinksAndReplaysAClearThatZeroesReturnedSegments() throws Exception {
        assertFoundShrunkAndReplayed(new AppendLogPageFactory.ClearZeroesReturned(), "USE_AFTER_RELEASE");
    }

    @Test
    void findsShrinksAndReplaysAWritePastTheMaximumThatTakesASegmentBeforeItRefuses() throws Exception {
        assertFoundShrunkAndReplayed(new AppendLogPageFactory.OverflowTakesBeforeRefusing(), "LEAK", 200);
    }

    @Test
    void aWriteThatLosesTheEntryWhenItsResizeFailsIsFoundOnlyWithFailingAllocations() throws Exception {
        PageFactory planted = new FailedResizePages.LosesTheEntryOnAFailedResize();
        assertClean(PageSimulation.of(planted).faults(false).seeds(0, 40));
        assertFoundShrunkAndReplayed(planted, "LOST_DATA");
    }

    @Test
    void aWriteThatLeaksWhenItsResizeFailsIsFoundOnlyWithFailingAllocations() throws Exception {
        PageFactory planted = new FailedResizePages.LeaksScratchOnAFailedResize();
        assertClean(PageSimulation.of(planted).faults(false).seeds(0, 40));
        assertFoundShrunkAndReplayed(planted, "LEAK");
    }

    private static void assertClean(PageSimulation simulation) {
        Optional<RunReport> failure = simulation.failuresTo(FAILURES).firstFailure();
        assertTrue(failure.isEmpty(), () -> simulation.failuresTo(FAILURES).describe(failure.get()));
    }

    private static void assertFoundShrunkAndReplayed(PageFactory planted, String kind) throws Exception {
        assertFoundShrunkAndReplayed(planted, kind, 60);
    }

    private static void assertFoundShrunkAndReplayed(PageFactory planted, String kind, int seeds) throws Exception {
        PageSimulation simulation = PageSimulation.of(planted).seeds(0, seeds).failuresTo(FAILURES);
        RunReport report = simulation.firstFailure()
                .orElseThrow(() -> new AssertionError("the simulator missed " + planted.name()));
        String description = simulation.describe(report);
        System.out.println("PAGE SIMULATION FOUND " + planted.name() + " seed=" + report.config().seed() + " kind="
                + report.finalOutcome().signature().orElse("clean") + " shrunk " + report.outcome().steps().size()
                + " -> " + report.finalOutcome().steps().size() + " steps");
        assertEquals(Optional.of(kind), report.finalOutcome().signature(), description);
        assertTrue(report.shrunkRunReproduces(), description);
        assertTrue(report.finalOutcome().steps().size() <= 10, "shrunk to at most 10 steps: " + description);
        ReplayFile replay = ReplayFile.read(simulation.replayPath(report.config().seed()));
        RunReport again = simulation.simulator().replay(replay.config(), replay.steps(), false);
        assertEquals(Optional.of(kind), again.outcome().signature(), "the replay file reproduces it");
        assertEquals(replay.notes().get("traceHash"), TraceHash.hex(again.outcome().traceHash()),
                "the replay runs exactly the recorded run");
        RunReport fixed = PageSimulation.of(new AppendLogPageFactory()).simulator()
                .replay(replay.config(), replay.steps(), false);
        assertTrue(fixed.clean(), "the same steps pass with the bug taken out: " + fixed.outcome().sentence());
    }
}
