/**
 * The seeded sequence runner: generates a run of steps from one seed, applies them to a
 * {@link io.segcheck.sim.runner.Subject} (the real system and the model in lockstep), stops at the
 * first violation, shrinks the failing run to a short story, writes it as an exact replay file and
 * replays such files.
 *
 * <p>It covers generation with per-seed swarm weights, the lockstep loop and quiesce, shrinking by
 * chunk removal and argument simplification, replay files, the determinism hash and sweeps over seed
 * ranges. It does not know the system under test or its defects: the actions, their arguments and
 * every check come from the binding through {@link io.segcheck.sim.runner.SubjectFactory}.
 */
package io.segcheck.sim.runner;
