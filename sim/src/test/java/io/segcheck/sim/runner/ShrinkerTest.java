package io.segcheck.sim.runner;

import io.segcheck.model.ViolationKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShrinkerTest {

    @Test
    void counterBugShrinksToTheFourStepsThatTriggerIt() {
        RunReport report = ToyRuns.firstFailure(new Runner(ToyWorld.plain()), ToyRuns.COUNTER_BUG, 200, 200);
        assertTrue(report.outcome().steps().size() > 4, "the generated run should be longer than the shrunk one");
        assertEquals(List.of(Step.of("add", 10), Step.of("add", 10), Step.of("add", 10), Step.of("sub", 1)),
                report.finalSteps());
        assertEquals(ViolationKind.LOST_DATA, report.finalOutcome().violation().orElseThrow().kind());
        assertTrue(report.shrunkRunReproduces());
    }

    @Test
    void leakBugShrinksToOpenOpenClose() {
        RunReport report = ToyRuns.firstFailure(new Runner(ToyWorld.plain()), ToyRuns.LEAK_BUG, 200, 200);
        assertEquals(List.of(Step.of("open"), Step.of("open"), Step.of("close", 0)), report.finalSteps());
        assertEquals(ViolationKind.LEAK, report.finalOutcome().violation().orElseThrow().kind());
    }

    @Test
    void shrinkingKeepsTheViolationKindWhenTwoBugsAreOn() {
        Switches both = Switches.parse(ToyRuns.COUNTER_BUG + "," + ToyRuns.LEAK_BUG);
        Runner runner = new Runner(ToyWorld.plain());
        int failures = 0;
        for (long seed = 0; seed < 80; seed++) {
            RunReport report = runner.run(ToyRuns.config(seed, 120, both), false);
            if (!report.clean()) {
                failures++;
                assertEquals(report.outcome().signature(), report.finalOutcome().signature(), "seed=" + seed);
                assertTrue(report.finalSteps().size() <= 4, "seed=" + seed + " shrunk to " + report.finalSteps());
            }
        }
        assertTrue(failures > 10, "failures=" + failures);
    }

    @Test
    void shrinkingStopsAtTheAttemptBudgetAndSaysSo() {
        ToyWorld world = ToyWorld.plain();
        RunReport unbounded = ToyRuns.firstFailure(new Runner(world), ToyRuns.COUNTER_BUG, 200, 200);
        Runner bounded = new Runner(world, 3);
        int worldsBefore = world.worldsCreated();
        RunReport report = bounded.run(unbounded.config(), false);
        ShrinkResult shrink = report.shrink().orElseThrow();
        assertEquals(3, shrink.attempts());
        assertTrue(shrink.budgetExhausted());
        // one first run, three attempts, one re-run of the shrunk steps
        assertEquals(5, world.worldsCreated() - worldsBefore);
        assertEquals(ViolationKind.LOST_DATA, report.finalOutcome().violation().orElseThrow().kind());
        assertFalse(unbounded.shrink().orElseThrow().budgetExhausted());
    }

    @Test
    void internalFailureShrinksToTheStepThatThrows() {
        RunReport report = ToyRuns.firstFailure(new Runner(ToyWorld.withExplosions()), Switches.none(), 200, 200);
        assertEquals(List.of(Step.of("explode", 13)), report.finalSteps());
        assertEquals("internal:java.lang.IllegalStateException", report.finalOutcome().signature().orElseThrow());
    }
}
