package io.segcheck.sim.world;

import io.segcheck.sim.runner.Step;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorldCatalogTest {

    private final WorldCatalog catalog = new WorldCatalog();

    @Test
    void everyActionGeneratesItsArgumentsAndSurvivesAReplayLine() {
        SplittableRandom random = new SplittableRandom(7);
        for (String name : catalog.actionNames()) {
            Step step = catalog.generate(name, random);
            assertEquals(Action.named(name).roles().size(), step.args().size(), name);
            assertEquals(step, Step.parse(step.toLine()));
        }
        assertEquals(Action.values().length, catalog.actionNames().size());
    }

    @Test
    void generationIsAFunctionOfTheRandomStream() {
        assertEquals(draw(42, 500), draw(42, 500));
        assertNotEquals(draw(42, 500), draw(43, 500));
    }

    private List<Step> draw(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            steps.add(catalog.generate(catalog.actionNames().get(i % catalog.actionNames().size()), random));
        }
        return steps;
    }

    @Test
    void distributionsReachBadInputsAndLargeSizesAsWellAsTheSmallCommonCase() {
        SplittableRandom random = new SplittableRandom(1);
        int[] classes = WorldCatalog.SEGCHECK_CLASSES.stream().mapToInt(Integer::intValue).toArray();
        int badSizes = 0;
        int smallSizes = 0;
        int largeSizes = 0;
        int nulls = 0;
        int oversized = 0;
        int badSlots = 0;
        for (int i = 0; i < 20_000; i++) {
            long size = WorldCatalog.draw(Action.ArgRole.SIZE, random, classes);
            badSizes += size <= 0 || size > 262_144 ? 1 : 0;
            smallSizes += size > 0 && size <= 4096 ? 1 : 0;
            largeSizes += size > 65_536 && size <= 262_144 ? 1 : 0;
            long length = WorldCatalog.draw(Action.ArgRole.LENGTH, random, classes);
            nulls += length == Payloads.NULL_LENGTH ? 1 : 0;
            oversized += length > 262_140 ? 1 : 0;
            long slot = WorldCatalog.draw(Action.ArgRole.SLOT, random, classes);
            badSlots += slot < 0 || slot > 1023 ? 1 : 0;
        }
        assertTrue(smallSizes > 10_000, "smallSizes=" + smallSizes);
        assertTrue(badSizes > 200 && largeSizes > 200, "badSizes=" + badSizes + " largeSizes=" + largeSizes);
        assertTrue(nulls > 200 && oversized > 200, "nulls=" + nulls + " oversized=" + oversized);
        assertTrue(badSlots > 200, "badSlots=" + badSlots);
    }

    @Test
    void sizesFollowTheDeclaredClassesBoundariesAndOneByteOverTheLargest() {
        int[] classes = {1000, 3000, 5000};
        SplittableRandom random = new SplittableRandom(2);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            long size = WorldCatalog.draw(Action.ArgRole.SIZE, random, classes);
            assertTrue(size >= -1 && size <= 5001, "size=" + size + " outside the declared classes and their bad edges");
            seen.add(size);
        }
        for (long edge : new long[] {999, 1000, 1001, 2999, 3000, 3001, 4999, 5000, 5001, 0, -1}) {
            assertTrue(seen.contains(edge), "never drew " + edge);
        }
        assertTrue(seen.stream().anyMatch(size -> size > 1001 && size < 2999), "nothing drawn inside the classes");
    }

    @Test
    void simplerVariantsChangeOneArgumentTowardsZeroAndNeverRepeatTheStep() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 2000; i++) {
            String name = catalog.actionNames().get(i % catalog.actionNames().size());
            Step step = catalog.generate(name, random);
            for (Step variant : catalog.simplerVariants(step)) {
                assertNotEquals(step, variant);
                int changed = 0;
                for (int arg = 0; arg < step.args().size(); arg++) {
                    if (step.arg(arg) != variant.arg(arg)) {
                        changed++;
                        assertTrue(Math.abs(variant.arg(arg)) < Math.abs(step.arg(arg)), step + " -> " + variant);
                    }
                }
                assertEquals(1, changed, step + " -> " + variant);
            }
        }
    }

    @Test
    void badInputsAreNotSimplifiedIntoGoodOnes() {
        assertTrue(WorldCatalog.simpler(Action.ArgRole.SIZE, 0).isEmpty());
        assertTrue(WorldCatalog.simpler(Action.ArgRole.SIZE, 262_145).isEmpty());
        assertTrue(WorldCatalog.simpler(Action.ArgRole.LENGTH, Payloads.NULL_LENGTH).isEmpty());
        assertTrue(WorldCatalog.simpler(Action.ArgRole.LENGTH, 262_141).isEmpty());
        assertTrue(WorldCatalog.simpler(Action.ArgRole.SLOT, 1024).isEmpty());
        assertEquals(List.of(1L, 2048L), WorldCatalog.simpler(Action.ArgRole.SIZE, 4096));
    }
}
