package io.segcheck.sim.pages;

import java.util.SplittableRandom;

/**
 * PCT-style scheduling (probabilistic concurrency testing) for the page simulator: workers get
 * distinct random priorities, the highest runs, and at a few random change points the running
 * worker drops below every other; long runs of one worker with rare, deep switches.
 */
final class PriorityScheduler {

    private final int[] priority;
    private final boolean[] changeAt;
    private int lowest;

    PriorityScheduler(int workers, int steps, SplittableRandom random) {
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
        int changes = 2 + random.nextInt(4) + steps / 10;
        for (int change = 0; change < changes; change++) {
            changeAt[random.nextInt(changeAt.length)] = true;
        }
    }

    /** The worker that runs slot {@code slot}. */
    int next(int slot) {
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
