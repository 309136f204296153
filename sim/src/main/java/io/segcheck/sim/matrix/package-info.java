/**
 * The detection matrix: every switchable defect against every detector, and the build gate that
 * fails when a defect escapes all of them.
 *
 * <p>{@link io.segcheck.sim.matrix.Matrix} runs the cells (sharded by cell number);
 * {@link io.segcheck.sim.matrix.Detector} is one column: the in-process detectors run here
 * ({@code SequenceRunnerDetector}, {@code SimulatorDetector}, {@code SoakDetector},
 * {@code KitDetector}), and the techniques that run in another module's build (Lincheck, JCStress,
 * Fray) are read from the detection records their red twins write ({@code RecordedDetector}).
 * {@link io.segcheck.sim.matrix.Summary} is the mergeable result file, {@code Render} its Markdown
 * and HTML. A cell whose detector did not run is NOT_RUN, and a defect no detector that ran caught
 * is undecided, not escaped.
 *
 * <p>To touch: a new detector implements {@code Detector} and joins {@code Detectors.all}; a new
 * verdict belongs in {@code Verdict} and {@code Cell}.
 */
package io.segcheck.sim.matrix;
