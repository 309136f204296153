/**
 * segcheck's sequence sweep inside a user's JUnit 5 build: {@link io.segcheck.sim.junit.AllocatorSweep}
 * turns seeds into dynamic tests over the user's {@link io.segcheck.api.AllocatorFactory}. It covers
 * the allocator alone or the whole system; the contract kit ({@code segcheck-kit}) covers single calls.
 */
package io.segcheck.sim.junit;
