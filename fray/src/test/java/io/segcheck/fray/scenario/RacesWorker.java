package io.segcheck.fray.scenario;

import io.segcheck.impl.defect.Defects;
import io.segcheck.sim.runner.CorePinning;
import io.segcheck.sim.runner.SeedProcesses;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One JVM of {@code ./segcheck races --jobs N}: explores the seeds its parent ({@link RacesCommand})
 * writes to it, one at a time, each as {@code --jobs 1} would, and answers each with one line.
 * Started with the parent's JVM options (Fray's agent, the instrumented JDK) and class path; it
 * explores on the core its parent laid out for its job ({@link CorePinning}).
 *
 * <p>Arguments: schedules per scenario, then the defects ({@code NAME,..}, empty for none).
 */
public final class RacesWorker {

    private RacesWorker() {
    }

    public static void main(String[] args) throws IOException {
        int schedules = Integer.parseInt(args[0]);
        Defects defects = Defects.parse(args.length > 1 ? args[1] : "");
        // The answers go to the process's own standard output; whatever else prints goes to its
        // standard error, so a line of Fray's cannot be taken for an answer or split one.
        PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        CorePinning.toCpuOfParent(); // held for the child's life: its explorations run on its job's core
        SeedProcesses.serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), answers,
                seed -> RacesCommand.exploreSeed(seed, schedules, defects));
        System.exit(0); // Fray's runtime may leave non-daemon threads behind
    }
}
