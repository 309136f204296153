package io.segcheck.sim.matrix;

/**
 * How much each detector may spend per defect. QUICK runs inside {@code mvn verify} (the whole
 * matrix in about a minute on two cores); FULL is for nightly runs.
 */
public enum Depth {
    QUICK,
    FULL
}
