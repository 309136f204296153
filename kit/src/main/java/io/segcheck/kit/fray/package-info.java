/**
 * A Fray base for any allocator: {@link io.segcheck.kit.fray.AllocatorFrayBase}, an abstract JUnit
 * 5 class a project extends with its {@link io.segcheck.api.AllocatorFactory}, which explores the
 * {@link io.segcheck.kit.fray.AllocatorRace}s on real threads under Fray's controlled scheduler and
 * checks ownership after each schedule; {@link io.segcheck.kit.fray.FrayExplorer} runs one scenario
 * under Fray, seeded. Generated scenarios nobody shaped for a bug: on an allocator
 * ({@link io.segcheck.kit.fray.GeneratedAllocatorScenarios}, run by the JUnit base
 * {@link io.segcheck.kit.fray.AllocatorScenariosFrayBase}, which {@code AllocatorFrayBase} extends) and on a team's pages
 * ({@link io.segcheck.kit.fray.GeneratedPageScenarios}, judged by the page-design model and the page
 * oracle). Needs Fray ({@code org.pastalab.fray:fray-core}, an optional dependency of
 * the kit) and a JVM started with Fray's agent on Fray's instrumented JDK.
 *
 * <p>Does not cover: accesses through a {@code MemorySegment} as scheduling points (Fray sees
 * fields, arrays, atomics, locks and monitors only), publication on real hardware (JCStress).
 */
package io.segcheck.kit.fray;
