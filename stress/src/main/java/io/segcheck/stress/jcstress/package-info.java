/**
 * JCStress tests of segcheck's concurrent ownership changes, run from {@code mvn verify} out of
 * the shaded {@code stress/target/jcstress.jar}.
 *
 * <p>Naming follows the jcstress samples: {@code Category_NN_ShortName}; a {@code Broken}
 * sibling runs the same race with one historic defect switched on and must show its FORBIDDEN
 * outcome (checked by {@link io.segcheck.stress.check.BrokenSiblingCheck}). Each test's header says
 * what it proves and how to run it alone.
 *
 * <p>Cost: jcstress creates thousands of state objects per second, so a state never builds an
 * allocator. Each test class holds one allocator per fork JVM (a {@code static final} field of
 * that class, never shared between classes) and builds pages per state; every state gives back
 * what it leased by the end of its arbiter, so nothing accumulates across iterations.
 *
 * <p>The race scenarios themselves live in small classes ({@link PageReturnRace}, ...) that the
 * fixed test and its broken sibling both drive, so the two differ only in the defect switch.
 *
 * <p>Not covered here: linearizability against the model (the Lincheck tests in
 * {@code src/test/java}) and long sequences (the sim module).
 */
package io.segcheck.stress.jcstress;
