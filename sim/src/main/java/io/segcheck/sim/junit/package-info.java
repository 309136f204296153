/**
 * segcheck's page checks inside a user's JUnit 5 build: {@link io.segcheck.sim.junit.PageSweep} and
 * {@link io.segcheck.sim.junit.PageSimulation} turn seeds into dynamic tests over the user's
 * {@link io.segcheck.api.PageFactory}. The allocator's sweep and simulator are in {@code segcheck-junit}
 * ({@link io.segcheck.junit.Segcheck}, {@link io.segcheck.junit.AllocatorSweep}).
 */
package io.segcheck.sim.junit;
