/**
 * The deterministic simulator, in the manner of FoundationDB's and TigerBeetle's: logical
 * workers (transactions, readers, an evictor, raw allocator users), each with its own seeded
 * stream of operations, interleaved by a seeded scheduler (uniform random or PCT-style, per seed)
 * on one thread, so the model checks every step in lockstep through the same world binding as
 * the sequence runner.
 *
 * <p>The caches run their removal listeners and maintenance on a {@link
 * io.segcheck.sim.simulation.SimulatedExecutor}: queued tasks that run at the scheduler's
 * {@code runTask} steps, possibly long after the removal. Fault sites (BUGGIFY) are switched on
 * or off once per seed and then fire with their own probability ({@link
 * io.segcheck.sim.simulation.SeededFaults}); the impl's sites ask the world's hook, the
 * scheduler-level ones (eviction storm, close mid-run, listener delay) are decided here. After
 * the fault phase a quiesce phase (faults off, every queue drained, everything returned) checks
 * liveness: nothing leased, no listener pending. A failure shrinks (steps, workers, fault sites)
 * to a replay file whose {@code sim.*} notes rebuild the simulation.
 *
 * <p>Not here: the checks themselves (the world binding and the model) and real threads (soak,
 * Lincheck, JCStress).
 *
 * <p>Which type to touch: {@code Simulator} runs, shrinks and replays one seed;
 * {@code SimulationSweep} runs a seed range (on {@code --jobs} threads, results in seed order);
 * {@code SimulationSettings} is everything drawn from a seed (workers, scheduler, fault sites) and
 * its replay notes; {@code SimulationGenerator} and {@code WorkerRole} are what workers do;
 * {@code Scheduling} interleaves them; {@code SeededFaults} arms fault sites;
 * {@code SimulatedExecutor} holds the caches' queued tasks; {@code SimulationFactory} and
 * {@code SimulationSubject} build and drive one world (the world binding's {@code SimulationWorld}).
 */
package io.segcheck.sim.simulation;
