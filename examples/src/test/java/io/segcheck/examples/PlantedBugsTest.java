package io.segcheck.examples;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.examples.arena.ArenaPerLeaseFactory;
import io.segcheck.examples.freelist.FreeListPoolFactory;
import io.segcheck.junit.AllocatorSweep;
import io.segcheck.sim.runner.ReplayFile;
import io.segcheck.sim.runner.RunReport;
import io.segcheck.sim.runner.Runner;
import io.segcheck.sim.world.Coverage;
import io.segcheck.sim.world.WorldFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each example's planted bug is found by the contract kit, by exactly the tests that name it (the kit
 * runs here through the JUnit launcher, as in a user's build, and its failures are read back), and by
 * the sweep, which shrinks it and writes a replay file that fails again and passes with the bug off.
 */
class PlantedBugsTest {

    @Test
    void kitFindsTheArenaAllocatorKeepingReleasedBytesOnItsBudget() {
        Map<String, String> failed = failuresOf(PlantedArenaKit.class);
        assertEquals(Set.of("exhaustionHappensExactlyWhenTheDeclaredAccountingSaysSo",
                "releasedMemoryIsReallyReusable"), failed.keySet(), failed.toString());
    }

    @Test
    void kitFindsTheFreeListPoolAcceptingAStaleInstance() {
        Map<String, String> failed = failuresOf(PlantedFreeListKit.class);
        // An address-only lookup also accepts a slice at offset 0 of a lease: the same bug, seen twice.
        assertEquals(Set.of("releaseOfStaleInstanceIsRefusedAfterTheAddressWasLeasedAgain",
                "releaseOfSegmentsThisAllocatorNeverLeasedIsRefused", "releaseOfASameAddressViewOfALiveLeaseIsRefused"),
                failed.keySet(), failed.toString());
    }

    @Test
    void kitFindsAnOffsetZeroSliceOfAnotherSizeEndingAWholeLease() {
        Map<String, String> failed = failuresOf(VariantKits.PlantedOffsetZeroSlice.class);
        assertEquals(Set.of("releaseOfSegmentsThisAllocatorNeverLeasedIsRefused",
                "releaseThroughViewsStillRefusesWhatIsNotAWholeViewOfALiveLease"), failed.keySet(), failed.toString());
        assertTrue(failed.get("releaseThroughViewsStillRefusesWhatIsNotAWholeViewOfALiveLease")
                .contains("[an offset-0 slice of another size]"), failed.toString());
    }

    @Test
    void kitFindsTheMissingSizeCheckNamingEverySizeItAccepted() {
        Map<String, String> failed = failuresOf(VariantKits.PlantedMissingSizeCheck.class);
        assertEquals(Set.of("allocateRejectsSizesOutsideTheClassesAndLeavesStatsUnchanged"), failed.keySet(),
                failed.toString());
        String message = failed.values().iterator().next();
        for (String subCase : List.of("[n=0]", "[n=-1]", "[n=262145]")) {
            assertTrue(message.contains("allocate(bad size) " + subCase), "every sub-case reported: " + message);
        }
    }

    @Test
    void kitFindsTheAllocateAfterCloseNamingTheCall() {
        Map<String, String> failed = failuresOf(VariantKits.PlantedAllocateAfterClose.class);
        assertTrue(failed.containsKey("callsAfterCloseThrowIllegalStateAndCloseIsIdempotent"), failed.toString());
        assertTrue(failed.get("callsAfterCloseThrowIllegalStateAndCloseIsIdempotent")
                .contains("a call after close() [allocate(4096)]"), failed.toString());
    }

    @Test
    void sweepFindsShrinksAndReplaysTheArenaAllocatorsBudgetLeak() throws Exception {
        assertSweepFindsAndReplays(new ArenaPerLeaseFactory.PlantedBug(), "STATS");
    }

    @Test
    void sweepFindsShrinksAndReplaysTheFreeListPoolsAcceptedStaleRelease() throws Exception {
        assertSweepFindsAndReplays(new FreeListPoolFactory.PlantedBug(), "STALE_RELEASE");
    }

    /** The sweep's first failure is the planted bug, shrunk, and its replay file fails the same way. */
    private static void assertSweepFindsAndReplays(AllocatorFactory planted, String kind) throws Exception {
        AllocatorSweep sweep = AllocatorSweep.of(planted).seeds(0, 50).failuresTo(Path.of("target", "planted"));
        RunReport report = sweep.firstFailure().orElseThrow(() -> new AssertionError("the sweep missed the bug"));
        String description = sweep.describe(report);
        System.out.println("SWEEP FOUND seed=" + report.config().seed() + " kind=" + report.finalOutcome().signature()
                .orElse("clean") + " shrunk " + report.generated() + " -> " + report.finalOutcome().steps().size()
                + " steps");
        assertEquals(Optional.of(kind), report.finalOutcome().signature(), description);
        assertTrue(report.shrunkRunReproduces(), description);
        assertTrue(report.finalOutcome().steps().size() < report.outcome().steps().size(), "shrunk: " + description);
        Path file = Path.of("target", "planted", "seed-" + report.config().seed() + ".replay");
        ReplayFile replay = ReplayFile.read(file);
        RunReport again = new Runner(new WorldFactory(Coverage.ALLOCATOR, planted)).replay(replay.config(),
                replay.steps(), false);
        assertEquals(Optional.of(kind), again.outcome().signature(), "the replay file reproduces it");
        RunReport fixed = new Runner(new WorldFactory(Coverage.ALLOCATOR, unplanted(planted))).replay(replay.config(),
                replay.steps(), false);
        assertTrue(fixed.clean(), "the same steps pass with the bug switched off: " + fixed.outcome().sentence());
    }

    private static AllocatorFactory unplanted(AllocatorFactory planted) {
        return planted instanceof ArenaPerLeaseFactory ? new ArenaPerLeaseFactory() : new FreeListPoolFactory();
    }

    /** Test method name to failure message, for every test of {@code kit} that failed. */
    static Map<String, String> failuresOf(Class<?> kit) {
        return KitRun.of(kit).failed();
    }
}
