package io.segcheck.sim.matrix;

import io.segcheck.impl.defect.Defect;

import java.util.Optional;

/**
 * One detection technique, as the matrix measures it: pointed at one defect at a time, it answers a
 * {@link Cell}. A new technique is one more implementation in {@link Detectors#all}; a new defect
 * needs no edit here, because the rows are {@link Defect#values()}.
 */
public interface Detector {

    /** Short column name, e.g. {@code runner}. */
    String name();

    /** One line: what the technique runs and what it can see. */
    String technique();

    /** Empty when the technique can be pointed at {@code defect}; otherwise the reason it cannot, as a sentence. */
    Optional<String> notApplicable(Defect defect);

    /**
     * Runs (or reads the recorded result of) this technique with {@code defect} switched on.
     * Called only when {@link #notApplicable} is empty. An exception is recorded as NOT_RUN.
     */
    Cell detect(Defect defect, Depth depth) throws Exception;
}
