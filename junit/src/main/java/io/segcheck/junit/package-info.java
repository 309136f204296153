/**
 * segcheck inside a team's JUnit 5 build, on the team's own {@link io.segcheck.api.AllocatorFactory}:
 * {@link io.segcheck.junit.SegcheckExtension} hands a test method a {@link io.segcheck.junit.Segcheck}
 * (the seeded sweep and the simulator as dynamic tests, the replay of one file), set up from JUnit
 * configuration parameters ({@link io.segcheck.junit.SegcheckSettings}); committed replays in the
 * regression folder run first. {@link io.segcheck.junit.AllocatorSweep} is the sweep as a builder.
 *
 * <p>On the team's own pages ({@link io.segcheck.api.PageFactory}): {@link io.segcheck.junit.PageSweep}
 * and {@link io.segcheck.junit.PageSimulation} turn seeds into dynamic tests, the pages on the kit's
 * observing allocator over the team's allocator or a plain one.
 */
package io.segcheck.junit;
