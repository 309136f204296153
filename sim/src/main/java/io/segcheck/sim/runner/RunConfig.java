package io.segcheck.sim.runner;

import io.segcheck.impl.defect.Defects;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Everything that defines one run's world; printed first as {@code SEED=...} and written in a
 * replay header, so a replay rebuilds exactly the same world.
 *
 * <p>The world sizes ({@code budgetBytes}, {@code regionBytes}, {@code cacheWeightBytes}) are drawn
 * from the seed by {@link #forSeed}, so a sweep covers tight budgets (exhaustion, unmapping of
 * free regions) and roomy ones, small caches (eviction storms) and large ones.
 *
 * @param seed the seed every random choice of the run comes from
 * @param steps how many steps the generator produces (a replay has exactly its listed steps)
 * @param defects the historic defects switched back on in the real system
 * @param guardMode whether the allocator runs in guard mode (per-lease scopes, quarantine, poison)
 * @param budgetBytes the allocator's byte budget
 * @param regionBytes the allocator's region size
 * @param cacheWeightBytes the page cache's maximum weight in segment bytes
 * @param checking whether the model runs in lockstep or only the real system runs
 */
public record RunConfig(long seed, int steps, Defects defects, boolean guardMode, long budgetBytes,
        long regionBytes, long cacheWeightBytes, Checking checking) {

    /** The step count of {@code run} and {@code sweep} when none is given. */
    public static final int DEFAULT_STEPS = 200;
    /** The longest run the CLI accepts; longer runs shrink too slowly to be readable. */
    public static final int MAX_STEPS = 1_000_000;

    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;
    private static final long[] BUDGET_CHOICES = {2 * MIB, 4 * MIB, 16 * MIB, 64 * MIB};
    private static final long[] REGION_CHOICES = {256 * KIB, 256 * KIB, 1 * MIB};
    private static final long[] CACHE_WEIGHT_CHOICES = {64 * KIB, 256 * KIB, 1 * MIB, 4 * MIB};

    public RunConfig {
        Objects.requireNonNull(defects, "defects");
        Objects.requireNonNull(checking, "checking");
        if (steps < 0 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("steps=" + steps + " must be in 0.." + MAX_STEPS);
        }
        if (regionBytes <= 0 || budgetBytes < regionBytes) {
            throw new IllegalArgumentException("budgetBytes=" + budgetBytes + " regionBytes=" + regionBytes
                    + ": need 0 < regionBytes <= budgetBytes");
        }
        if (cacheWeightBytes <= 0) {
            throw new IllegalArgumentException("cacheWeightBytes=" + cacheWeightBytes + " must be > 0");
        }
    }

    /**
     * The configuration of {@code seed}: world sizes drawn from the seed's own stream, so they do
     * not depend on the step count or the defects, and lockstep checking on.
     */
    public static RunConfig forSeed(long seed, int steps, Defects defects, boolean guardMode) {
        SplittableRandom sizes = Streams.worldSizes(seed);
        long region = pick(sizes, REGION_CHOICES);
        long budget = Math.max(region, pick(sizes, BUDGET_CHOICES));
        long cacheWeight = pick(sizes, CACHE_WEIGHT_CHOICES);
        return new RunConfig(seed, steps, defects, guardMode, budget, region, cacheWeight, Checking.LOCKSTEP);
    }

    public RunConfig withSteps(int newSteps) {
        return new RunConfig(seed, newSteps, defects, guardMode, budgetBytes, regionBytes, cacheWeightBytes, checking);
    }

    public RunConfig withDefects(Defects newDefects) {
        return new RunConfig(seed, steps, newDefects, guardMode, budgetBytes, regionBytes, cacheWeightBytes, checking);
    }

    public RunConfig withChecking(Checking newChecking) {
        return new RunConfig(seed, steps, defects, guardMode, budgetBytes, regionBytes, cacheWeightBytes, newChecking);
    }

    /**
     * Every setting as ordered {@code key -> value} pairs; the printed settings line and the replay
     * header are made from this, and {@link ReplayFile} parses it back.
     */
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("seed", Long.toString(seed));
        settings.put("steps", Integer.toString(steps));
        settings.put("defects", defects.isEmpty() ? "none" : defects.toString());
        settings.put("guardMode", guardMode ? "on" : "off");
        settings.put("budgetBytes", Long.toString(budgetBytes));
        settings.put("regionBytes", Long.toString(regionBytes));
        settings.put("cacheWeightBytes", Long.toString(cacheWeightBytes));
        settings.put("checking", checking.name());
        return settings;
    }

    private static long pick(SplittableRandom random, long[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
