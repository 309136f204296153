/**
 * The segcheck command line: one {@link io.segcheck.sim.cli.Command} per word ({@code defects},
 * {@code run}, {@code sweep}, {@code replay}, ...), typed exit codes and usage errors that name the
 * bad value.
 *
 * <p>It covers argument parsing, printing and exit codes. It does not run anything itself: runs,
 * sweeps and replays are the engine's ({@code io.segcheck.sim.runner}), and the world they drive is
 * the binding's ({@link io.segcheck.sim.cli.Binding}).
 */
package io.segcheck.sim.cli;
