package io.segcheck.sim.runner;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Seeds the running thread's {@link ThreadLocalRandom} from the run's seed and step, so code under
 * test that draws from it gives the same draws on every machine.
 *
 * <p>Why: Caffeine's admission ({@code BoundedLocalCache.admit}) lets a warm candidate (frequency 6
 * or more, not above its victim's) in when {@code ThreadLocalRandom.current().nextInt() & 127} is 0,
 * a guard against hash flooding. Which entry a size eviction removes is part of a run (the model
 * learns evictions from the cache, the trace lists them), so without this a seed could evict
 * another entry on another run: with hot keys and small caches, 4 of 40 seeds did within 10
 * reruns each, and a seed of that workload draws about twice.
 * No weight, maximum or key choice keeps that comparison away from the random branch: every size
 * eviction with an entry in the window and one in probation compares their frequencies, and those
 * come from the workload's own reads and puts (a tiny sketch, so colliding keys count too); only an
 * uninitialized sketch (weight never past half the maximum) or no eviction avoids it. {@code ThreadLocalRandom} keeps its state in the
 * {@link Thread} object, seeded from the clock when the thread first uses it, and offers no way to
 * set it ({@code setSeed} throws); so this writes that field, which needs
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED} (the launcher, the CLI jar's manifest and
 * the test JVMs pass it). Without it {@link #available()} is false and runs draw as before.
 *
 * <p>The probe, which striped counters ({@code ConcurrentHashMap}'s, {@code LongAdder}) use to pick a
 * cell under contention, is left alone: one thread runs a world, so they never contend. (Caffeine's
 * read buffer picks its stripe by thread id and grows only under contention: one stripe here.)
 */
public final class ThreadRandomSeeding {

    /** {@code Thread.threadLocalRandomSeed}, or null when java.lang is not open to this code. */
    private static final VarHandle SEED = findSeed();

    private ThreadRandomSeeding() {
    }

    /** Whether the thread's generator can be seeded (java.lang is open to this code). */
    public static boolean available() {
        return SEED != null;
    }

    /**
     * Seeds the running thread's generator from {@code seed} and {@code index} (a step, -1 for a
     * world's construction, or a count of its own), when {@link #available()}; does nothing otherwise.
     */
    public static void seed(long seed, long index) {
        if (SEED == null) {
            return;
        }
        ThreadLocalRandom.current(); // initializes the thread's generator first, so it keeps the seed below
        SEED.set(Thread.currentThread(), mix(seed * 0x9E3779B97F4A7C15L + index));
    }

    /** A 64-bit finalizer (Stafford variant 13), so neighbouring steps get unrelated generator states. */
    private static long mix(long value) {
        long z = (value ^ (value >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static VarHandle findSeed() {
        try {
            return MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup())
                    .findVarHandle(Thread.class, "threadLocalRandomSeed", long.class);
        } catch (IllegalAccessException | NoSuchFieldException notOpen) {
            return null;
        }
    }
}
