package io.segcheck.sim.world;

import io.segcheck.sim.runner.Switches;
import io.segcheck.impl.defect.Defects;
import io.segcheck.impl.defect.Mark;
import io.segcheck.sim.runner.MarkTally;
import io.segcheck.sim.runner.RunOutcome;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.Runner;
import io.segcheck.sim.runner.Shrinker;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The build's seed set must reach every rare path of impl ({@link Mark}), so the suite cannot go
 * silently vacuous: a generator change that stops exhausting budgets or orphaning pages fails here
 * by the mark's name instead of letting every other test pass without ever checking that path.
 *
 * <p>The set is the first {@link #FIRST_SEEDS} seeds in both guard modes plus a few named seeds
 * for marks that those do not reach. Both modes, because each alone leaves paths out (measured
 * over seeds 0..1000 before the allocator settings were drawn per seed: guard mode on never
 * unmapped a region under pressure nor saw a stale release, guard mode off never verifies a
 * quarantine's poison). When the generator changes, this test says which mark went missing; the
 * named seeds were found by searching seeds for the mark (a page filled past its largest segment,
 * a resize that meets an exhausted budget: 2 and 6 of the first 300 seeds).
 */
class MarkCoverageTest {

    static final int FIRST_SEEDS = 60;
    static final int STEPS = 200;
    /** Seed and guard mode of runs added for one rare mark each. */
    record NamedSeed(long seed, boolean guardMode, String forMark) {
    }

    static final List<NamedSeed> NAMED_SEEDS = List.of(new NamedSeed(73, true, Mark.PAGE_FULL.name()),
            new NamedSeed(75, true, Mark.RESIZE_EXHAUSTED_PAGE_INTACT.name()),
            new NamedSeed(75, false, World.RELEASE_REFUSED_AFTER_UNMAP));

    @Test
    void theBuildSeedSetReachesEveryMark() {
        MarkTally marks = runSeedSet(new Runner(new WorldFactory()), FIRST_SEEDS);
        marks.print(System.out);
        assertTrue(marks.unreached().isEmpty(), () -> "rare paths the build's seeds never reach: "
                + marks.unreached() + "; counts: " + marks.counts());
    }

    @Test
    void everyNamedSeedReachesItsMark() {
        Runner runner = new Runner(new WorldFactory());
        for (NamedSeed named : NAMED_SEEDS) {
            MarkTally marks = runner.newMarkTally();
            run(runner, named.seed(), named.guardMode(), marks);
            assertTrue(marks.count(named.forMark()) > 0, () -> named + " no longer reaches its mark");
        }
    }

    /** The check can fail: with the {@code tick} action off nothing ever expires, and the tally says so. */
    @Test
    void aMarkMadeUnreachableIsReportedByName() {
        MarkTally marks = runSeedSet(new Runner(new WorldFactory(), Shrinker.DEFAULT_ATTEMPT_BUDGET, Set.of("tick")), 10);
        // Other marks may go missing too: switching an action off changes every seed's sequence.
        assertTrue(marks.unreached().contains(Mark.CACHE_REMOVED_EXPIRED.name()), () -> "unreached=" + marks.unreached());
        assertEquals(0, marks.count(Mark.CACHE_REMOVED_EXPIRED.name()));
    }

    private static MarkTally runSeedSet(Runner runner, int firstSeeds) {
        MarkTally marks = runner.newMarkTally();
        for (boolean guardMode : new boolean[] {true, false}) {
            for (long seed = 0; seed < firstSeeds; seed++) {
                run(runner, seed, guardMode, marks);
            }
        }
        for (NamedSeed named : NAMED_SEEDS) {
            run(runner, named.seed(), named.guardMode(), marks);
        }
        return marks;
    }

    private static void run(Runner runner, long seed, boolean guardMode, MarkTally marks) {
        RunConfig config = RunConfig.forSeed(seed, STEPS, Switches.none(), guardMode);
        RunOutcome outcome = runner.execute(config, runner.generate(config), marks);
        if (!outcome.clean()) {
            fail("SEED=" + seed + " " + config.settings() + ": " + outcome.sentence());
        }
    }
}
