/**
 * The {@code soak} command: a long-duration leak and ownership test on real threads.
 *
 * <p>Covers the runner (threads, duration, warm-up, footprint sampling), the report, and the
 * workloads it can drive ({@link io.segcheck.sim.soak.SoakWorkload}): the allocator alone
 * ({@link io.segcheck.sim.soak.AllocatorSoakWorkload}) and pages, the pool and a Caffeine page cache
 * ({@link io.segcheck.sim.soak.PageSoakWorkload}), or both at once.
 * Does not cover deterministic simulation: a soak's interleavings are real, so a seed reproduces
 * its choices, not its schedule. Use the seeded runner and simulator for exact replay.
 */
package io.segcheck.sim.soak;
