package io.segcheck.sim.simulation;

import io.segcheck.model.fault.FaultSite;
import io.segcheck.model.fault.Faults;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The simulation's fault decisions: an active site fires with its own probability, drawn from a
 * stream that restarts at every step from the seed and the step's own text. So a step fires the
 * same faults wherever it stands in the run, and removing other steps while shrinking does not
 * move the faults of the steps that stay. One object per world: no static state.
 */
final class SeededFaults implements Faults, io.segcheck.sim.world.NamedFaults {

    private final long seed;
    private final SimulationSettings settings;
    /** Chances each site had in this step: the site's n-th chance draws its own number. */
    private final int[] chances = new int[FaultSite.values().length];
    /** The same for the fault sites the allocator declared by name. */
    private final java.util.Map<String, Integer> namedChances = new java.util.HashMap<>();
    private long stepSeed;
    private SplittableRandom random;

    SeededFaults(long seed, SimulationSettings settings) {
        this.seed = seed;
        this.settings = settings;
        this.stepSeed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** Restarts the decisions for the step {@code stepLine}. */
    void beginStep(String stepLine) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : stepLine.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        stepSeed = seed ^ hash;
        random = new SplittableRandom(stepSeed);
        java.util.Arrays.fill(chances, 0);
        namedChances.clear();
    }

    /** A fault site the allocator declared by name: as a site of segcheck's own, its own stream per name. */
    @Override
    public boolean fire(String site) {
        int permille = settings.namedPermille(site);
        if (permille == 0) {
            return false;
        }
        int chance = namedChances.merge(site, 1, Integer::sum) - 1;
        long mixed = stepSeed + 0x9E3779B97F4A7C15L * (site.hashCode() + 0x1_0000_0000L)
                + 0xBF58476D1CE4E5B9L * chance;
        return new SplittableRandom(mixed).nextInt(1000) < permille;
    }

    /**
     * Each site's chances draw from their own stream, so switching one site off (shrinking)
     * leaves every other site's decisions as they were.
     */
    @Override
    public boolean fire(FaultSite site) {
        int permille = settings.permille(site);
        if (permille == 0) {
            return false;
        }
        int chance = chances[site.ordinal()]++;
        long mixed = stepSeed + 0x9E3779B97F4A7C15L * (site.ordinal() + 1) + 0xBF58476D1CE4E5B9L * chance;
        return new SplittableRandom(mixed).nextInt(1000) < permille;
    }

    /** How many steps a delayed listener is held back: 2 to 24. */
    int delaySteps() {
        return 2 + random.nextInt(23);
    }
}
