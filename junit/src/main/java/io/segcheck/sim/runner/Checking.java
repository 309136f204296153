package io.segcheck.sim.runner;

/** How much a {@link Subject} checks on each step; {@link #REAL_ONLY} exists to measure the cost of checking. */
public enum Checking {
    /** Every step runs on the real system and the model, compared after every step. */
    LOCKSTEP,
    /** Only the real system runs; no model, no comparison, never a violation. For throughput baselines. */
    REAL_ONLY
}
