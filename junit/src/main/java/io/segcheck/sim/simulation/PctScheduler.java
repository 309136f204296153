package io.segcheck.sim.simulation;

import java.util.SplittableRandom;

/**
 * PCT-style scheduling (probabilistic concurrency testing): workers get distinct random
 * priorities, the highest runs, and at a few random change points the running worker drops below
 * every other; long runs of one worker with rare, deep switches. Shared by the simulator and the
 * page simulator, which differ only in how many change points they draw.
 */
public final class PctScheduler {

    private final int[] priority;
    private final boolean[] changeAt;
    private int lowest;

    /**
     * @param stepsPerChange one change point more per this many steps (beyond the 2-5 every run has)
     */
    public PctScheduler(int workers, int steps, int stepsPerChange, SplittableRandom random) {
        priority = new int[workers];
        for (int worker = 0; worker < workers; worker++) {
            priority[worker] = worker;
        }
        for (int index = workers - 1; index > 0; index--) {
            int other = random.nextInt(index + 1);
            int swap = priority[index];
            priority[index] = priority[other];
            priority[other] = swap;
        }
        changeAt = new boolean[Math.max(1, steps)];
        int changes = 2 + random.nextInt(4) + steps / stepsPerChange;
        for (int change = 0; change < changes; change++) {
            changeAt[random.nextInt(changeAt.length)] = true;
        }
    }

    /** The worker that runs slot {@code slot}. */
    public int next(int slot) {
        int top = 0;
        for (int worker = 1; worker < priority.length; worker++) {
            if (priority[worker] > priority[top]) {
                top = worker;
            }
        }
        if (slot < changeAt.length && changeAt[slot]) {
            priority[top] = --lowest;
        }
        return top;
    }
}
