package io.segcheck.sim.runner;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Everything that defines one run's world; printed first as {@code SEED=...} and written in a
 * replay header, so a replay rebuilds exactly the same world.
 *
 * <p>The allocator's settings and the world sizes ({@code guardMode}, {@code quarantineSlices},
 * {@code budgetBytes}, {@code regionBytes}, {@code cacheWeightBytes}) are drawn from the seed by
 * {@link #forSeed}, so a sweep covers both guard modes, quarantines from none (a released slice is
 * leased again at once) to the default 64, the default 4 MiB regions and small ones, tight budgets
 * (exhaustion, unmapping of free regions) and roomy ones, small caches (eviction storms) and large ones.
 *
 * @param seed the seed every random choice of the run comes from
 * @param steps how many steps the generator produces (a replay has exactly its listed steps)
 * @param defects the named switches the real system is built with: segcheck's historic defects switched
 *        back on (none for another project's allocator)
 * @param guardMode whether the allocator runs in guard mode (per-lease scopes, quarantine, poison)
 * @param quarantineSlices how many released slices wait in the guard-mode quarantine before reuse
 * @param budgetBytes the allocator's byte budget
 * @param regionBytes the allocator's region size
 * @param cacheWeightBytes the page cache's maximum weight in segment bytes
 * @param checking whether the model runs in lockstep or only the real system runs
 */
public record RunConfig(long seed, int steps, Switches defects, boolean guardMode, int quarantineSlices, long budgetBytes,
        long regionBytes, long cacheWeightBytes, Checking checking) {

    /** The step count of {@code run} and {@code sweep} when none is given. */
    public static final int DEFAULT_STEPS = 200;
    /** The longest run the CLI accepts; longer runs shrink too slowly to be readable. */
    public static final int MAX_STEPS = 1_000_000;

    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;
    private static final long[] BUDGET_CHOICES = {2 * MIB, 4 * MIB, 16 * MIB, 64 * MIB};
    /** The default 4 MiB among them: with it a tight budget holds only a few regions, so classes compete for them. */
    private static final long[] REGION_CHOICES = {256 * KIB, 256 * KIB, 1 * MIB, 4 * MIB};
    /** Mostly short quarantines, so guard-mode runs lease released slices again within 200 steps. */
    private static final int[] QUARANTINE_CHOICES = {0, 1, 2, 4, 8, 16, 64};
    /** The quarantine length of a replay file written before the setting was drawn (the allocator's default). */
    public static final int LEGACY_QUARANTINE_SLICES = 64;
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
        if (quarantineSlices < 0) {
            throw new IllegalArgumentException("quarantineSlices=" + quarantineSlices + " must be >= 0");
        }
        if (cacheWeightBytes <= 0) {
            throw new IllegalArgumentException("cacheWeightBytes=" + cacheWeightBytes + " must be > 0");
        }
    }

    /**
     * The configuration of {@code seed}: allocator settings and world sizes drawn from the seed's own
     * stream, so they do not depend on the step count or the defects, and lockstep checking on.
     */
    public static RunConfig forSeed(long seed, int steps, Switches defects) {
        SplittableRandom sizes = Streams.worldSizes(seed);
        long region = pick(sizes, REGION_CHOICES);
        long budget = Math.max(region, pick(sizes, BUDGET_CHOICES));
        long cacheWeight = pick(sizes, CACHE_WEIGHT_CHOICES);
        boolean guardMode = sizes.nextBoolean();
        int quarantine = QUARANTINE_CHOICES[sizes.nextInt(QUARANTINE_CHOICES.length)];
        return new RunConfig(seed, steps, defects, guardMode, quarantine, budget, region, cacheWeight,
                Checking.LOCKSTEP);
    }

    /** As {@link #forSeed(long, int, Switches)} with guard mode forced; the other settings as the seed drew them. */
    public static RunConfig forSeed(long seed, int steps, Switches defects, boolean guardMode) {
        return forSeed(seed, steps, defects).withGuardMode(guardMode);
    }

    public RunConfig withSteps(int newSteps) {
        return new RunConfig(seed, newSteps, defects, guardMode, quarantineSlices, budgetBytes, regionBytes,
                cacheWeightBytes, checking);
    }

    public RunConfig withDefects(Switches newDefects) {
        return new RunConfig(seed, steps, newDefects, guardMode, quarantineSlices, budgetBytes, regionBytes,
                cacheWeightBytes, checking);
    }

    public RunConfig withChecking(Checking newChecking) {
        return new RunConfig(seed, steps, defects, guardMode, quarantineSlices, budgetBytes, regionBytes,
                cacheWeightBytes, newChecking);
    }

    public RunConfig withGuardMode(boolean newGuardMode) {
        return new RunConfig(seed, steps, defects, newGuardMode, quarantineSlices, budgetBytes, regionBytes,
                cacheWeightBytes, checking);
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
        settings.put("quarantineSlices", Integer.toString(quarantineSlices));
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
