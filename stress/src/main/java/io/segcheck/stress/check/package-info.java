/**
 * Checks that a JCStress {@code Broken} sibling failed for the right reason.
 *
 * <p>A broken sibling is expected to make jcstress exit with 1, but so does a harness error (a
 * test that throws in its constructor, a fork that dies, a test that never ran). Neither is a
 * detection. {@link io.segcheck.stress.check.BrokenSiblingCheck} therefore reads the run's
 * results file and accepts only a normal run that recorded the FORBIDDEN outcome at least once.
 *
 * <p>Not covered here: the fixed tests, whose verdict is jcstress's own exit code.
 */
package io.segcheck.stress.check;
