/**
 * Shared vocabulary of segcheck's concurrency tests ({@link io.segcheck.stress.RaceOutcomes}).
 *
 * <p>The stress module proves the concurrent behaviour of page return, resize, eviction and reuse
 * with two techniques: JCStress ({@code io.segcheck.stress.jcstress}, shaded into
 * {@code target/jcstress.jar} and run from {@code verify}) and Lincheck (the
 * {@code *LincheckTest} classes under {@code src/test/java}, with the model as sequential
 * specification). Each fixed behaviour has a sibling with its historic defect switched on that
 * must be seen to fail. Sequential behaviour and long runs are not covered here (the sim module).
 */
package io.segcheck.stress;
