package io.segcheck.sim.runner;

import io.segcheck.sim.world.DefectSwitches;
import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real system and the model in lockstep: clean with every defect off, and every historic
 * defect found and shrunk to a short story when it is switched back on.
 */
class RunnerWorldSweepTest {

    /** Seeds per guard mode in the clean sweep; a few hundred in total keeps {@code mvn verify} fast. */
    private static final int CLEAN_SEEDS_GUARDED = 200;
    private static final int CLEAN_SEEDS_UNGUARDED = 100;
    /** Long runs release more slices than the quarantine holds, so reuse after quarantine happens. */
    private static final int LONG_SEEDS = 30;
    private static final int LONG_STEPS = 2000;
    /** The default seeds of {@code ./segcheck sweep}: each defect must be found among them. */
    private static final SeedRange DEFECT_SEEDS = SeedRange.of(0, 1000);
    /** The bar for a readable story. */
    private static final int MAX_SHRUNK_STEPS = 10;

    private final Runner runner = new Runner(WorldRuns.world());
    private final AtomicBoolean shrunkOne = new AtomicBoolean();

    @TestFactory
    Stream<DynamicTest> everySeedIsCleanWithEveryDefectOff() {
        Stream<DynamicTest> guarded = LongStream.range(0, CLEAN_SEEDS_GUARDED).mapToObj(seed -> cleanSeed(seed, true));
        Stream<DynamicTest> unguarded = LongStream.range(0, CLEAN_SEEDS_UNGUARDED)
                .mapToObj(seed -> cleanSeed(10_000 + seed, false));
        Stream<DynamicTest> longRuns = LongStream.range(0, LONG_SEEDS).mapToObj(seed -> cleanSeed(seed, LONG_STEPS, true));
        return Stream.concat(Stream.concat(guarded, unguarded), longRuns);
    }

    private DynamicTest cleanSeed(long seed, boolean guardMode) {
        return cleanSeed(seed, RunConfig.DEFAULT_STEPS, guardMode);
    }

    private DynamicTest cleanSeed(long seed, int steps, boolean guardMode) {
        String name = "seed " + seed + " steps=" + steps + " guardMode=" + (guardMode ? "on" : "off");
        return DynamicTest.dynamicTest(name, () -> {
            RunConfig config = RunConfig.forSeed(seed, steps, Switches.none(), guardMode);
            RunOutcome outcome = runner.execute(config, runner.generate(config));
            if (!outcome.clean()) {
                fail("seed " + seed + " failed with every defect off:\n" + story(config, outcome));
            }
        });
    }

    /**
     * The first failing seed is shrunk and written as a replay; later ones print their seed, their
     * violation and the command that shrinks them, so a systematic bug does not cost a shrink per seed.
     */
    private String story(RunConfig config, RunOutcome outcome) {
        if (shrunkOne.compareAndSet(false, true)) {
            return WorldRuns.story(runner.run(config, false));
        }
        return FailureReport.seedLine(config) + "\n" + outcome.sentence() + "\nshrink and replay it: ./segcheck run --seed "
                + config.seed() + " --steps " + config.steps() + " --guard-mode " + (config.guardMode() ? "on" : "off");
    }

    @ParameterizedTest
    // Defects that need a thread switch inside a call (Fray) or a queued listener (the simulator) are not the runner's.
    @MethodSource("io.segcheck.impl.defect.Defect#visibleInOneThread")
    void defectIsFoundInTheDefaultSeedsAndShrinksToAtMostTenSteps(Defect defect) {
        Sweep.Result result = new Sweep(runner).run(DEFECT_SEEDS, RunConfig.DEFAULT_STEPS, DefectSwitches.of(Defects.of(defect)), Optional.of(true),
                Checking.LOCKSTEP, (seed, done, total, steps) -> { });
        RunReport failure = result.failure().orElseThrow(() -> new AssertionError(
                defect + " escaped: seeds " + DEFECT_SEEDS + " were all clean with it on"));
        String story = WorldRuns.story(failure);
        assertTrue(failure.outcome().violation().isPresent(), "an internal error, not a violation:\n" + story);
        assertTrue(failure.finalSteps().size() <= MAX_SHRUNK_STEPS,
                defect + " shrank to " + failure.finalSteps().size() + " steps, more than " + MAX_SHRUNK_STEPS + ":\n" + story);
        assertEquals(failure.outcome().signature(), failure.finalOutcome().signature(), story);
        assertTrue(failure.shrunkRunReproduces(), story);
        RunReport fixed = runner.replay(failure.config().withDefects(Switches.none()), failure.finalSteps(), false);
        assertTrue(fixed.clean(), "the shrunk run of " + defect + " must pass with the defect off:\n"
                + WorldRuns.story(fixed));
    }

    @TestFactory
    Stream<DynamicTest> sameSeedGivesTheSameTraceHashInTheRealWorld() {
        return LongStream.range(0, 20).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            Switches defects = seed % 2 == 0 ? Switches.none()
                    : DefectSwitches.of(Defects.of(Defect.values()[(int) (seed / 2) % Defect.values().length]));
            RunConfig config = RunConfig.forSeed(seed, RunConfig.DEFAULT_STEPS, defects, true);
            RunOutcome first = runner.execute(config, runner.generate(config));
            RunOutcome second = new Runner(WorldRuns.world()).execute(config, runner.generate(config));
            assertEquals(TraceHash.hex(first.traceHash()), TraceHash.hex(second.traceHash()),
                    "seed " + seed + " defects=" + defects + " is not deterministic");
            assertEquals(first.sentence(), second.sentence());
        }));
    }
}
