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
 *
 * <p>Which type to touch: {@code Runner} runs, shrinks and replays one seed; {@code Sweep} and
 * {@code ParallelSeeds} a seed range; {@code Generator} and {@code SwarmWeights} draw the steps;
 * {@code Lockstep} is the loop that applies them and checks after each; {@code Shrinker} shrinks;
 * {@code ReplayFile} is the file format (docs/replay-format.md); {@code RunOutcome} is what one run
 * ended with (not the model's per-call {@code io.segcheck.model.Outcome}); {@code Subject} and
 * {@code SubjectFactory} are what a system under check implements to be run.
 */
package io.segcheck.sim.runner;
