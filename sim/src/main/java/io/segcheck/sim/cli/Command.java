package io.segcheck.sim.cli;

import java.io.PrintStream;
import java.util.List;

/** One CLI subcommand. Returns an {@link ExitCode}; never calls {@code System.exit}. */
public interface Command {

    /** The word that selects this command, e.g. {@code sweep}. */
    String name();

    /** One line for the usage text: arguments and what it does. */
    String usage();

    /**
     * Runs the command.
     *
     * @throws UsageException for bad arguments (the CLI prints it with the usage, exit code 2)
     */
    ExitCode run(List<String> args, PrintStream out) throws Exception;
}
