package io.segcheck.sim.runner;

import java.util.SplittableRandom;

/**
 * The independent random streams of one seed.
 *
 * <p>Each purpose gets its own stream derived from the seed, so drawing one more world setting or
 * one more swarm weight never shifts the generated steps, and a run with more steps starts with
 * the same steps as a shorter run of the same seed.
 */
final class Streams {

    // Distinct odd constants mixed into the seed; SplittableRandom scrambles the result further.
    private static final long WORLD_SIZES = 0x9E3779B97F4A7C15L;
    private static final long SWARM = 0xC2B2AE3D27D4EB4FL;
    private static final long STEPS = 0x165667B19E3779F9L;

    private Streams() {
    }

    static SplittableRandom worldSizes(long seed) {
        return new SplittableRandom(seed ^ WORLD_SIZES);
    }

    static SplittableRandom swarm(long seed) {
        return new SplittableRandom(seed ^ SWARM);
    }

    static SplittableRandom steps(long seed) {
        return new SplittableRandom(seed ^ STEPS);
    }
}
