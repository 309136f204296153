package io.segcheck.sim.runner;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class DeterminismTest {

    @Test
    void sameSeedGivesTheSameStepsTraceHashAndOutcomeInTwoRuns() {
        Switches bothBugs = Switches.parse(ToyRuns.COUNTER_BUG + "," + ToyRuns.LEAK_BUG);
        for (long seed = 0; seed < 60; seed++) {
            RunConfig config = ToyRuns.config(seed, 150, bothBugs);
            RunReport first = new Runner(ToyWorld.plain()).run(config, true);
            RunReport second = new Runner(ToyWorld.plain()).run(config, true);
            assertEquals(first.outcome().steps(), second.outcome().steps(), "seed=" + seed);
            assertEquals(first.outcome().traceHash(), second.outcome().traceHash(), "seed=" + seed);
            assertEquals(first.outcome().trace(), second.outcome().trace(), "seed=" + seed);
            assertEquals(first.finalOutcome().sentence(), second.finalOutcome().sentence(), "seed=" + seed);
            assertEquals(first.finalSteps(), second.finalSteps(), "seed=" + seed);
        }
    }

    @Test
    void traceHashCatchesASubjectWhoseTraceDependsOnObjectIdentity() {
        RunConfig config = ToyRuns.config(1, 50, Switches.none());
        Runner runner = new Runner(ToyWorld.withIdentityInTrace());
        List<Step> steps = runner.generate(config);
        assertNotEquals(runner.execute(config, steps).traceHash(), runner.execute(config, steps).traceHash());
    }

    @Test
    void traceHashSeparatesLineBoundaries() {
        TraceHash joined = new TraceHash();
        joined.add("ab");
        joined.add("c");
        TraceHash split = new TraceHash();
        split.add("a");
        split.add("bc");
        assertNotEquals(joined.value(), split.value());
        assertEquals(2, joined.lineCount());
        assertEquals(16, TraceHash.hex(joined.value()).length());
    }
}
