package io.segcheck.sim.world;

import java.util.concurrent.Executor;

/**
 * The executor of a simulated world's caches: removal listeners and Caffeine's maintenance are
 * queued here and run only when the simulation says so, one at a time, on the one simulation
 * thread. The simulator provides it; a world without one runs listeners inline.
 */
public interface TaskQueue extends Executor {

    /** Tasks waiting, held back ones included. */
    int size();

    /**
     * Runs the task {@code arg} picks among those not held back (modulo their number, oldest
     * first) and answers its kind ({@code listener} or {@code maintenance}); empty string when none may run.
     */
    String runOne(long arg);

    /** Whether a maintenance task waits: until it runs, Caffeine's weights lag behind its writes. */
    boolean hasMaintenance();

    /** One step of simulated time passed: held-back tasks come closer to their release. */
    void tick();

    /** Stops holding any task back (quiesce drains everything). */
    void releaseAll();

    /** One short line for the listener lane of a timeline: kinds in queue order, held ones marked. */
    String describe();
}
