package io.segcheck.examples;

import io.segcheck.sim.cli.ExitCode;
import io.segcheck.sim.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The segcheck command line as an outsider runs it, its output kept for the last run's assertions. */
final class CommandLine {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Runs {@code segcheck args...}; the output replaces the previous run's. */
    ExitCode run(String... args) {
        out.reset();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        return Main.run(args, print, print);
    }

    /** What the last run printed, standard output and error together. */
    String output() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
