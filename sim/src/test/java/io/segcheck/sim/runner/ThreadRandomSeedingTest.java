package io.segcheck.sim.runner;

import io.segcheck.model.Violation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Code under test that draws from {@link ThreadLocalRandom} (Caffeine's admission does) gives the
 * same draws in every run of a seed, because the lockstep loop seeds the thread's generator per step.
 */
class ThreadRandomSeedingTest {

    /** A subject whose every trace line is a draw of the thread's ThreadLocalRandom. */
    private static final SubjectFactory DRAWING = new SubjectFactory() {
        @Override
        public Subject create(RunConfig config) {
            return new Subject() {
                private String line = "";

                @Override
                public Optional<Violation> apply(int stepIndex, Step step) {
                    line = step.toLine() + " -> " + ThreadLocalRandom.current().nextInt();
                    return Optional.empty();
                }

                @Override
                public Optional<Violation> quiesce(int stepIndex) {
                    line = "quiesce -> " + ThreadLocalRandom.current().nextLong();
                    return Optional.empty();
                }

                @Override
                public String traceLine() {
                    return line;
                }

                @Override
                public void close() {
                    // nothing held
                }
            };
        }

        @Override
        public ActionCatalog catalog() {
            throw new UnsupportedOperationException("the steps are given");
        }
    };

    @Test
    void testJvmsOpenJavaLangSoTheGeneratorCanBeSeeded() {
        assertTrue(ThreadRandomSeeding.available(), "java.lang is not open to segcheck: the test JVM needs"
                + " --add-opens=java.base/java.lang=ALL-UNNAMED (segcheck.testArgLine)");
    }

    @Test
    void drawsFromThreadLocalRandomAreTheSameInEveryRunOfASeed() {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            steps.add(Step.of("draw", i));
        }
        Lockstep lockstep = new Lockstep(DRAWING);
        RunConfig config = RunConfig.forSeed(7, steps.size(), Switches.none());
        RunOutcome first = lockstep.execute(config, steps, true);
        ThreadLocalRandom.current().nextInt(); // the thread's generator moves on between runs, as it would
        RunOutcome second = lockstep.execute(config, steps, true);
        assertEquals(first.trace(), second.trace());
        RunOutcome otherSeed = lockstep.execute(RunConfig.forSeed(8, steps.size(), Switches.none()), steps, true);
        assertNotEquals(first.traceHash(), otherSeed.traceHash(), "another seed should draw otherwise");
    }

    @Test
    void stepsOfOneRunDrawDifferentValues() {
        List<Step> steps = List.of(Step.of("draw", 0), Step.of("draw", 1));
        RunOutcome outcome = new Lockstep(DRAWING).execute(RunConfig.forSeed(7, 2, Switches.none()), steps, true);
        String firstDraw = outcome.trace().get(0).split(" -> ")[1];
        String secondDraw = outcome.trace().get(1).split(" -> ")[1];
        assertNotEquals(firstDraw, secondDraw);
    }
}
