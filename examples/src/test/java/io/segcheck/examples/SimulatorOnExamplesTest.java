package io.segcheck.examples;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.examples.arena.ArenaPerLeaseFactory;
import io.segcheck.examples.freelist.FreeListPoolAllocator;
import io.segcheck.examples.freelist.FreeListPoolFactory;
import io.segcheck.sim.runner.Switches;
import io.segcheck.sim.runner.Checking;
import io.segcheck.sim.runner.MarkTally;
import io.segcheck.sim.runner.RunOutcome;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.Step;
import io.segcheck.sim.simulation.SimulationSettings;
import io.segcheck.sim.simulation.Simulator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator on the examples, each simulated alone (their classes are not the pages'): it finds
 * the planted offset-0 sub-slice release, missing size check and allocate after close (also right
 * after a close mid-run), runs every declared variant clean, reaches every mark the examples
 * declare and fires their named fault site, which the model follows as a legal exhaustion.
 */
class SimulatorOnExamplesTest {

    private static final int STEPS = 200;
    private static final int WORKERS = 4;

    /** One seed's simulation of {@code factory}'s allocator alone. */
    private record Run(RunConfig config, SimulationSettings settings, List<Step> schedule, RunOutcome outcome) {
    }

    private static Run simulate(AllocatorFactory factory, long seed, boolean keepTrace, MarkTally marks) {
        RunConfig config = Simulator.config(seed, STEPS, Switches.none(), Checking.LOCKSTEP);
        SimulationSettings settings = Simulator.settings(seed, WORKERS, true, factory, true);
        List<Step> schedule = Simulator.schedule(config, settings);
        return new Run(config, settings, schedule, Simulator.execute(config, settings, schedule, keepTrace, marks,
                factory));
    }

    /** The first failing seed below 100, shrunk; its signature and the action it failed at. */
    private static Simulator.Result firstFailure(AllocatorFactory planted) {
        for (long seed = 0; seed < 100; seed++) {
            Run run = simulate(planted, seed, false, null);
            if (!run.outcome().clean()) {
                return new Simulator(2000, planted).run(run.config(), run.settings());
            }
        }
        throw new AssertionError("the simulator missed the bug of " + planted.name());
    }

    private static void assertFound(AllocatorFactory planted, String kind, String action) {
        Simulator.Result result = firstFailure(planted);
        RunOutcome shrunk = result.report().finalOutcome();
        String story = shrunk.sentence() + " in " + shrunk.steps();
        System.out.println("SIM FOUND " + planted.name() + ": " + story);
        assertEquals(Optional.of(kind), shrunk.signature(), story);
        assertEquals(action, io.segcheck.sim.runner.Sweep.failingAction(shrunk), story);
        assertTrue(result.report().shrunkRunReproduces(), story);
    }

    @Test
    void findsAnOffsetZeroSliceOfAnotherSizeEndingAWholeLease() {
        assertFound(new ArenaPerLeaseFactory.PlantedOffsetZeroSlice(), "FOREIGN_RELEASE", "releaseForeign");
    }

    @Test
    void findsTheMissingSizeCheck() {
        assertFound(new FreeListPoolFactory.PlantedMissingSizeCheck(), "MISSING_ERROR", "allocate");
    }

    @Test
    void findsTheAllocateAfterCloseAtTheEndAndRightAfterAMidRunClose() {
        AllocatorFactory planted = new FreeListPoolFactory.PlantedAllocateAfterClose();
        assertFound(planted, "MISSING_ERROR", "quiesce");
        long midRun = -1;
        for (long seed = 0; seed < 200 && midRun < 0; seed++) {
            Run run = simulate(planted, seed, false, null);
            int failedAt = run.outcome().violation().map(io.segcheck.model.Violation::stepIndex).orElse(-1);
            boolean closedBefore = failedAt > 0 && run.outcome().steps().subList(0, failedAt).stream()
                    .anyMatch(step -> step.action().equals("closeAllocator"));
            if (failedAt < run.outcome().steps().size() && closedBefore
                    && run.outcome().steps().get(failedAt).action().equals("allocate")) {
                midRun = seed;
                System.out.println("SIM FOUND allocate after a mid-run close at seed " + seed + ": "
                        + run.outcome().sentence());
            }
        }
        assertTrue(midRun >= 0, "no seed below 200 closed mid-run and then allocated");
    }

    /**
     * A bug on the path only the named fault site reaches: the simulator, which arms the site from
     * its seed, finds it; the sweep, which arms no named site, runs the same allocator clean.
     */
    @Test
    void findsABugOnlyTheArmedFaultSiteReaches() {
        AllocatorFactory planted = new FreeListPoolFactory.PlantedFailedCarveCounted();
        Simulator.Result result = firstFailure(planted);
        RunOutcome shrunk = result.report().finalOutcome();
        System.out.println("SIM FOUND " + planted.name() + ": " + shrunk.sentence() + " with " + result.settings()
                .describe());
        assertEquals(Optional.of("LEAK"), shrunk.signature(), shrunk.sentence());
        assertTrue(result.settings().namedPermille(FreeListPoolAllocator.FAULT_CARVE) > 0, result.settings().describe());
        assertTrue(io.segcheck.junit.AllocatorSweep.of(planted).seeds(0, 60).firstFailure().isEmpty(),
                "the sweep arms no named fault site, so the bug stays out of its reach");
    }

    @Test
    void everyDeclaredVariantSimulatesClean() {
        Map<String, AllocatorFactory> variants = Map.of(
                "arena", new ArenaPerLeaseFactory(),
                "arena, views end their lease", new ArenaPerLeaseFactory().withProperties(
                        Map.of(ArenaPerLeaseFactory.RELEASE_THROUGH_VIEWS, "true")),
                "free list", new FreeListPoolFactory(),
                "free list, releases never validated", new FreeListPoolFactory().withProperties(
                        Map.of(FreeListPoolFactory.VALIDATE_RELEASES, "false")),
                "free list, oversized requests served", new FreeListPoolFactory().withProperties(
                        Map.of(FreeListPoolFactory.SERVE_OVERSIZE, "true")),
                "free list, sizes refused by assert", new FreeListPoolFactory().withProperties(
                        Map.of(FreeListPoolFactory.ASSERT_SIZES, "true")));
        variants.forEach((name, factory) -> {
            for (long seed = 0; seed < 60; seed++) {
                RunOutcome outcome = simulate(factory, seed, false, null).outcome();
                assertTrue(outcome.clean(), name + " seed " + seed + ": " + outcome.sentence());
            }
        });
    }

    @Test
    void reachesEveryDeclaredMarkAndFiresTheNamedFaultSite() {
        FreeListPoolFactory pool = new FreeListPoolFactory();
        MarkTally marks = Simulator.newMarkTally(pool, true);
        int fired = 0;
        int armed = 0;
        for (long seed = 0; seed < 100; seed++) {
            Run run = simulate(pool, seed, true, marks);
            assertTrue(run.outcome().clean(), "seed " + seed + ": " + run.outcome().sentence());
            armed += run.settings().namedPermille(FreeListPoolAllocator.FAULT_CARVE) > 0 ? 1 : 0;
            fired += (int) run.outcome().trace().stream()
                    .filter(line -> line.contains("fault:" + FreeListPoolAllocator.FAULT_CARVE)).count();
        }
        assertEquals(List.of(), marks.unreached(), marks.counts().toString());
        assertTrue(armed > 20 && armed < 80, "the site is switched on in about half the seeds: " + armed);
        assertTrue(fired > 0, "the named fault site never fired");
        System.out.println("SIM marks " + marks.counts() + "; " + FreeListPoolAllocator.FAULT_CARVE + " armed in "
                + armed + " of 100 seeds, fired " + fired + " times, every run clean");
        MarkTally arena = Simulator.newMarkTally(new ArenaPerLeaseFactory(), true);
        for (long seed = 0; seed < 100; seed++) {
            simulate(new ArenaPerLeaseFactory(), seed, false, arena);
        }
        assertEquals(List.of(), arena.unreached(), arena.counts().toString());
    }
}
