/**
 * Fray tests: the real allocator, pages, pool and caches on real threads under Fray's controlled
 * scheduler, for the races inside a call that Lincheck's model checker cannot schedule (a thread
 * blocked on a {@code ReentrantLock}) and that JCStress hits only by chance.
 *
 * <p>Covers: return vs return, resize vs return, resize vs a guarded reader, retire vs guard,
 * cache removal vs guard, clear vs reuse ({@code PageRaces}); the free stack's pop vs pops and a
 * push, lease vs the unmapping of free regions, lease vs close ({@code AllocatorRaces}). Each race
 * is explored clean on the fixed system, and each red twin (the race with a {@code Defect} on) must
 * be seen failing with its exact {@link io.segcheck.model.ViolationKind}. The kit's Fray base
 * ({@link io.segcheck.kit.fray.AllocatorFrayBase}) runs here against segcheck's allocator and both
 * example allocators, and finds each example's planted bug ({@code PlantedBugsFrayTest}).
 *
 * <p>Does not cover: publication without happens-before on real hardware (JCStress), orders of
 * whole calls against the model (Lincheck, the sequence runner), accesses through a
 * {@code MemorySegment}, which are no scheduling points for Fray.
 */
package io.segcheck.fray;
