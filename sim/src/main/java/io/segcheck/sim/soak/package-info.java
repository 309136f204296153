/**
 * The soak: a long-duration leak and ownership test on real threads ({@link io.segcheck.sim.soak.Soak}
 * runs one from its {@link io.segcheck.sim.soak.SoakSettings}; the CLI's {@code soak} command parses
 * them, and this package knows nothing of the CLI).
 *
 * <p>Covers the runner (threads, duration, warm-up, footprint sampling), the report, and the
 * workloads it can drive ({@link io.segcheck.sim.soak.SoakWorkload}): the allocator alone
 * ({@link io.segcheck.sim.soak.AllocatorSoakWorkload}) and pages, the pool and a Caffeine page cache
 * ({@link io.segcheck.sim.soak.PageSoakWorkload}), or both at once.
 * Does not cover deterministic simulation: a soak's interleavings are real, so a seed reproduces
 * its choices, not its schedule. Use the seeded runner and simulator for exact replay.
 *
 * <p>To touch: a new load is a {@link io.segcheck.sim.soak.SoakWorkload}; an end-of-run check is in
 * {@link io.segcheck.sim.soak.SoakChecks} or the workload's {@code checkQuiescent}; timing and
 * warm-up are {@link io.segcheck.sim.soak.SoakRunner}'s.
 */
package io.segcheck.sim.soak;
