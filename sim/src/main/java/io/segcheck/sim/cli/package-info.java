/**
 * The segcheck command line: one {@link io.segcheck.sim.cli.Command} per word ({@code defects},
 * {@code run}, {@code sweep}, {@code replay}, ...), typed exit codes and usage errors that name the
 * bad value.
 *
 * <p>It covers argument parsing, printing and exit codes. It does not run anything itself: runs,
 * sweeps and replays are the engine's ({@code io.segcheck.sim.runner}), and the world they drive is
 * the binding's ({@link io.segcheck.sim.cli.Target}).
 *
 * <p>Which type to touch: one {@code Command} per word; {@code Options} is the one argument parser;
 * {@code Target} is what a command runs against (segcheck's own system, another project's allocator
 * or page, loaded from {@code --allocator}, {@code --page}, {@code --classpath}); {@code ExitCode}
 * the typed exit codes; {@code CliReference} generates docs/cli.md from the usage texts.
 */
package io.segcheck.sim.cli;
