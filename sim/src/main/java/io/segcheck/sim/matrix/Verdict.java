package io.segcheck.sim.matrix;

/** How one detector fared against one defect. */
public enum Verdict {
    /** The detector failed for the defect's reason: a violation, a forbidden outcome, a red twin seen red. */
    CAUGHT,
    /** The detector ran its whole budget and stayed green. */
    MISSED,
    /** The detector cannot be pointed at this defect; the cell says why. */
    NOT_APPLICABLE,
    /** The detector could apply but has no result here (its module's build did not run, or it crashed); the cell says why. */
    NOT_RUN
}
