package io.segcheck.sim.simulation;

import io.segcheck.sim.runner.Step;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The one role of every worker when an allocator is simulated alone: it leases segments of the
 * declared classes (now and then a bad size: 0, -1, one byte over the largest class, or a class
 * boundary off by one), releases its own (the newest mostly, sometimes one it released already),
 * and misuses them: a foreign segment or an offset-0 half slice of a live lease, or a
 * same-address view of one. Steps are {@code action worker args...}, lease arguments counting
 * from the worker's own newest, as for the other roles.
 */
final class AllocatorUser {

    private AllocatorUser() {
    }

    static Step next(int worker, SplittableRandom random, List<Integer> classes) {
        int roll = random.nextInt(100);
        if (roll < 45) {
            return Step.of("allocate", worker, size(random, classes));
        }
        if (roll < 80) {
            return Step.of("release", worker, local(random));
        }
        if (roll < 90) {
            return Step.of("releaseForeign", worker, random.nextInt(3), local(random));
        }
        return Step.of("releaseAlias", worker, random.nextInt(3), local(random));
    }

    /** Mostly the newest objects, sometimes older ones. */
    private static long local(SplittableRandom random) {
        return random.nextInt(100) < 60 ? 0 : random.nextInt(6);
    }

    /** A declared class's range, skewed to the small classes; 4% bad sizes and 6% class boundaries. */
    private static long size(SplittableRandom random, List<Integer> classes) {
        int roll = random.nextInt(100);
        long largest = classes.getLast();
        if (roll < 4) {
            long[] bad = {0, -1, largest + 1};
            return bad[random.nextInt(bad.length)];
        }
        if (roll < 10) {
            return classes.get(random.nextInt(classes.size())) + random.nextInt(3) - 1L;
        }
        int index = Math.min(classes.size() - 1, Math.min(random.nextInt(classes.size()), random.nextInt(classes.size())));
        long below = index == 0 ? 0 : classes.get(index - 1);
        return below + 1 + random.nextInt(Math.toIntExact(classes.get(index) - below));
    }
}
