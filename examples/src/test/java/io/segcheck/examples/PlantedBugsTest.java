package io.segcheck.examples;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.examples.arena.ArenaPerLeaseFactory;
import io.segcheck.examples.freelist.FreeListPoolFactory;
import io.segcheck.sim.junit.AllocatorSweep;
import io.segcheck.sim.runner.ReplayFile;
import io.segcheck.sim.runner.RunReport;
import io.segcheck.sim.runner.Runner;
import io.segcheck.sim.world.Coverage;
import io.segcheck.sim.world.WorldFactory;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.engine.TestExecutionResult;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

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
        Map<String, String> failed = new TreeMap<>();
        LauncherDiscoveryRequest discovery = request().selectors(selectClass(kit)).build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(discovery, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest() && result.getStatus() == TestExecutionResult.Status.FAILED) {
                    String name = test.getDisplayName().replaceAll("\\(.*", "");
                    failed.put(name, result.getThrowable().map(Throwable::getMessage).orElse(""));
                    System.out.println("FOUND by " + kit.getSimpleName() + "#" + name + ": "
                            + failed.get(name).lines().findFirst().orElse(""));
                }
            }
        });
        return failed;
    }
}
