package io.segcheck.sim.runner;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PrimitiveIterator;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepTest {

    private static List<Long> seeds(SeedRange range) {
        List<Long> seeds = new ArrayList<>();
        for (PrimitiveIterator.OfLong iterator = range.iterator(); iterator.hasNext(); ) {
            seeds.add(iterator.nextLong());
        }
        return seeds;
    }

    @Test
    void shardsCoverTheRangeExactlyOnce() {
        TreeSet<Long> covered = new TreeSet<>();
        int total = 0;
        for (int shard = 0; shard < 4; shard++) {
            SeedRange range = new SeedRange(-5, 23, shard, 4);
            List<Long> seeds = seeds(range);
            assertEquals(range.size(), seeds.size());
            seeds.forEach(seed -> assertTrue(range.contains(seed)));
            covered.addAll(seeds);
            total += seeds.size();
        }
        assertEquals(28, total);
        assertEquals(28, covered.size());
        assertEquals(-5L, covered.first());
        assertEquals(22L, covered.last());
    }

    @Test
    void badRangeOrShardIsRejectedNamingTheValues() {
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> SeedRange.of(10, 5));
        assertTrue(range.getMessage().contains("seeds=10..5"), range.getMessage());
        IllegalArgumentException shard = assertThrows(IllegalArgumentException.class, () -> new SeedRange(0, 5, 4, 4));
        assertTrue(shard.getMessage().contains("shard=4/4"), shard.getMessage());
    }

    @Test
    void sweepWithTheBugsOffIsCleanAndCountsEverySeedAndStep() {
        Sweep.Result result = new Sweep(new Runner(ToyWorld.plain())).run(SeedRange.of(0, 200), 50, Switches.none(),
                Optional.of(true), Checking.LOCKSTEP, (seed, done, total, steps) -> { });
        assertTrue(result.failure().isEmpty());
        assertEquals(200, result.seedsRun());
        assertEquals(200 * 50, result.stepsRun());
    }

    @Test
    void sweepStopsAtTheFirstFailingSeedAndShrinksIt() {
        Runner runner = new Runner(ToyWorld.plain());
        List<Long> reported = new ArrayList<>();
        Sweep.Result result = new Sweep(runner).run(SeedRange.of(0, 500), 200, ToyRuns.COUNTER_BUG, Optional.of(true),
                Checking.LOCKSTEP, (seed, done, total, steps) -> reported.add(seed));
        RunReport failure = result.failure().orElseThrow();
        long failingSeed = failure.config().seed();
        assertEquals(failingSeed, reported.getLast());
        assertEquals(failingSeed + 1, result.seedsRun());
        for (long seed = 0; seed < failingSeed; seed++) {
            RunConfig config = ToyRuns.config(seed, 200, ToyRuns.COUNTER_BUG);
            assertTrue(runner.execute(config, runner.generate(config)).clean(), "seed=" + seed + " should be clean");
        }
        assertEquals(4, failure.finalSteps().size());
    }

    @Test
    void onFourJobsTheSweepStopsAtTheSameLowestFailingSeedWithTheSameProgress() {
        Runner runner = new Runner(ToyWorld.plain());
        List<Long> oneReported = new ArrayList<>();
        List<Long> fourReported = new ArrayList<>();
        Sweep.Result one = new Sweep(runner, 1).run(SeedRange.of(0, 500), 200, ToyRuns.COUNTER_BUG, Optional.of(true),
                Checking.LOCKSTEP, (seed, done, total, steps) -> oneReported.add(seed));
        Sweep.Result four = new Sweep(runner, 4).run(SeedRange.of(0, 500), 200, ToyRuns.COUNTER_BUG, Optional.of(true),
                Checking.LOCKSTEP, (seed, done, total, steps) -> fourReported.add(seed));
        assertEquals(oneReported, fourReported);
        assertEquals(one.seedsRun(), four.seedsRun());
        assertEquals(one.stepsRun(), four.stepsRun());
        RunReport first = one.failure().orElseThrow();
        RunReport second = four.failure().orElseThrow();
        assertEquals(first.config(), second.config());
        assertEquals(first.finalSteps(), second.finalSteps());
        assertEquals(first.finalOutcome().traceHash(), second.finalOutcome().traceHash());
    }

    @Test
    void onFourJobsTheFindingsAreTheSameAndInTheSameOrder() {
        Runner runner = new Runner(ToyWorld.plain());
        Sweep.Findings one = new Sweep(runner, 1).collect(SeedRange.of(0, 300), 200, ToyRuns.LEAK_BUG, Optional.of(true),
                Checking.LOCKSTEP, 3, (seed, done, total, steps) -> { });
        Sweep.Findings four = new Sweep(runner, 4).collect(SeedRange.of(0, 300), 200, ToyRuns.LEAK_BUG,
                Optional.of(true), Checking.LOCKSTEP, 3, (seed, done, total, steps) -> { });
        assertEquals(one.seedsRun(), four.seedsRun());
        assertTrue(one.findings().stream().anyMatch(finding -> finding.seeds().size() > 1), one.findings().toString());
        assertEquals(one.findings().size(), four.findings().size());
        for (int index = 0; index < one.findings().size(); index++) {
            Sweep.Finding first = one.findings().get(index);
            Sweep.Finding second = four.findings().get(index);
            assertEquals(List.of(first.kind(), first.action(), first.seeds(), first.report().finalSteps()),
                    List.of(second.kind(), second.action(), second.seeds(), second.report().finalSteps()));
        }
        assertThrows(IllegalArgumentException.class, () -> new Sweep(runner, 0));
    }
}
