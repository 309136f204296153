package io.segcheck.sim.runner;

import io.segcheck.impl.defect.Defects;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenerationTest {

    private final Runner runner = new Runner(ToyWorld.plain());

    @Test
    void sameSeedGeneratesTheSameStepsInAFreshRunner() {
        RunConfig config = ToyRuns.config(7, 300, Switches.none());
        assertEquals(runner.generate(config), new Runner(ToyWorld.plain()).generate(config));
    }

    @Test
    void differentSeedsGenerateDifferentSteps() {
        Set<List<Step>> runs = new HashSet<>();
        for (long seed = 0; seed < 50; seed++) {
            runs.add(runner.generate(ToyRuns.config(seed, 40, Switches.none())));
        }
        assertEquals(50, runs.size());
    }

    @Test
    void longerRunOfASeedStartsWithTheShorterRun() {
        List<Step> shorter = runner.generate(ToyRuns.config(3, 50, Switches.none()));
        List<Step> longer = runner.generate(ToyRuns.config(3, 120, Switches.none()));
        assertEquals(shorter, longer.subList(0, 50));
    }

    @Test
    void generatedStepsDoNotDependOnTheDefects() {
        for (long seed = 0; seed < 20; seed++) {
            assertEquals(runner.generate(ToyRuns.config(seed, 100, Switches.none())),
                    runner.generate(ToyRuns.config(seed, 100, ToyRuns.COUNTER_BUG)));
        }
    }

    @Test
    void worldSizesAreDrawnFromTheSeedAndVaryAcrossSeeds() {
        Set<List<Long>> sizes = new HashSet<>();
        for (long seed = 0; seed < 100; seed++) {
            RunConfig config = ToyRuns.config(seed, 10, Switches.none());
            assertEquals(config, ToyRuns.config(seed, 10, Switches.none()));
            assertTrue(config.regionBytes() <= config.budgetBytes(), config.toString());
            sizes.add(List.of(config.budgetBytes(), config.regionBytes(), config.cacheWeightBytes()));
        }
        assertTrue(sizes.size() > 5, "only " + sizes.size() + " distinct world sizes in 100 seeds");
    }

    @Test
    void swarmSwitchesSomeActionsOffAndSkewsTheOthersPerSeed() {
        List<String> actions = ToyWorld.plain().catalog().actionNames();
        Set<Map<String, Integer>> distinct = new HashSet<>();
        int seedsWithAnActionOff = 0;
        for (long seed = 0; seed < 100; seed++) {
            SwarmWeights weights = SwarmWeights.draw(seed, actions);
            assertEquals(weights, SwarmWeights.draw(seed, actions));
            distinct.add(weights.weights());
            if (weights.weights().containsValue(0)) {
                seedsWithAnActionOff++;
            }
            assertTrue(weights.weights().values().stream().anyMatch(weight -> weight > 0));
        }
        assertTrue(seedsWithAnActionOff > 20, "seedsWithAnActionOff=" + seedsWithAnActionOff);
        assertTrue(distinct.size() > 80, "distinct weight sets=" + distinct.size());
    }

    @Test
    void switchedOffActionsAreNeverGenerated() {
        for (long seed = 0; seed < 100; seed++) {
            SwarmWeights weights = runner.weights(seed);
            for (Step step : runner.generate(ToyRuns.config(seed, 100, Switches.none()))) {
                assertTrue(weights.weight(step.action()) > 0, "seed=" + seed + " generated off action " + step);
            }
        }
    }

    @Test
    void withoutSwitchesTheNamedActionsOffAndKeepsTheSeedsOtherWeights() {
        Runner without = new Runner(ToyWorld.plain(), 10, Set.of("add", "open"));
        for (long seed = 0; seed < 50; seed++) {
            SwarmWeights drawn = runner.weights(seed);
            SwarmWeights reduced = without.weights(seed);
            assertEquals(Set.of("add", "open"), reduced.forcedOff());
            for (String action : drawn.weights().keySet()) {
                int expected = action.equals("add") || action.equals("open") ? 0 : drawn.weight(action);
                assertEquals(expected, reduced.weight(action), "seed=" + seed + " action=" + action);
            }
            assertTrue(reduced.weights().values().stream().anyMatch(weight -> weight > 0), "seed=" + seed);
            RunConfig config = ToyRuns.config(seed, 100, Switches.none());
            assertTrue(without.generate(config).stream().noneMatch(step -> step.action().equals("add")
                    || step.action().equals("open")), "seed=" + seed);
        }
    }

    @Test
    void withoutAnUnknownActionIsRejectedNamingIt() {
        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Runner(ToyWorld.plain(), 10, Set.of("adds")));
        assertTrue(error.getMessage().contains("unknown action=adds"), error.getMessage());
        IllegalArgumentException all = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Runner(ToyWorld.plain(), 10, Set.copyOf(ToyWorld.plain().catalog().actionNames())));
        assertTrue(all.getMessage().contains("switches off every action"), all.getMessage());
    }

    @Test
    void pickFollowsTheWeights() {
        SwarmWeights weights = SwarmWeights.of(Map.of("heavy", 15, "light", 1, "off", 0));
        SplittableRandom random = new SplittableRandom(1);
        int heavy = 0;
        for (int i = 0; i < 16_000; i++) {
            String action = weights.pick(random);
            assertNotEquals("off", action);
            heavy += action.equals("heavy") ? 1 : 0;
        }
        assertTrue(heavy > 14_000 && heavy < 16_000, "heavy=" + heavy + " of 16000, expected about 15000");
    }

    @Test
    void weightsWithEveryActionOffAreRejected() {
        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SwarmWeights.of(Map.of("a", 0)));
        assertFalse(error.getMessage().isEmpty());
    }
}
