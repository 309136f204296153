package io.segcheck.sim.simulation;

/** How the scheduler picks whose operation runs next; drawn per seed. */
public enum Scheduling {
    /** Every slot picks a worker uniformly at random. */
    RANDOM,
    /**
     * PCT-style (probabilistic concurrency testing): workers get random distinct priorities, the
     * highest runs, and at a few random change points the running worker drops to the lowest
     * priority; long runs of one worker with rare, deep switches.
     */
    PCT
}
