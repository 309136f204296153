package io.segcheck.sim.cli;

import io.segcheck.sim.runner.SeedProcesses;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where {@code --jobs} runs the seeds of {@code sweep} and {@code sim}: threads of this JVM, or this
 * JVM and {@code jobs - 1} child JVMs ({@link io.segcheck.sim.runner.ChildSeeds}). Either way the
 * output is the same. Processes keep each world's address space to itself (no TLB flushes of the
 * other cores at every unmap) but each pays its own JIT warm-up; threads share one warm-up. Measured
 * on 2 cores (docs/evidence/parallel.md): warm, the simulator runs 1.83x one job on two processes
 * and 1.48x on two threads; a short run is mostly warm-up, and there threads win (sim 20,000 seeds:
 * 886 seeds/s on threads, 598 on processes). So {@code sim} defaults to processes from
 * {@value #SIM_PROCESSES_FROM} seeds on, and to threads below; {@code sweep} (1.83-1.85x warm on threads)
 * to threads.
 */
enum Spread {
    THREADS, PROCESSES;

    static final String USAGE = "\n        [--spread threads|processes]  where --jobs runs seeds: threads of one JVM, or one JVM"
            + "\n                               per job (a world's address space to itself; faster once warm)";

    /** The simulator's default turns to processes from this many seeds: there the second JVM's warm-up pays for itself. */
    static final long SIM_PROCESSES_FROM = 50_000;

    /** The hidden flag a child JVM is started with: serve seeds read from standard input. */
    static final String SERVE = "--serve-seeds";

    /** {@code --spread}, {@code otherwise} when not given; threads whenever one job runs. */
    static Spread of(Options options, int jobs, Spread otherwise) throws UsageException {
        String value = options.value("--spread").orElse(otherwise.name().toLowerCase(Locale.ROOT));
        Spread spread = switch (value) {
            case "threads" -> THREADS;
            case "processes" -> PROCESSES;
            default -> throw new UsageException("--spread=" + value + " must be threads or processes");
        };
        return jobs == 1 ? THREADS : spread;
    }

    /**
     * The command that starts a child JVM serving the seeds of {@code command} run with {@code args}:
     * this JVM's java, options and class path, the same arguments without {@code --jobs},
     * {@code --spread} and {@code --quiet}, and {@link #SERVE}.
     */
    static List<String> childCommand(String command, List<String> args) {
        List<String> childArgs = new ArrayList<>();
        childArgs.add(command);
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            if (word.equals("--jobs") || word.equals("--spread")) {
                i++;
            } else if (!word.equals("--quiet")) {
                childArgs.add(word);
            }
        }
        childArgs.add(SERVE);
        return SeedProcesses.likeThisJvm(Main.class, childArgs, name -> name.startsWith("segcheck."));
    }

    /** A child's standard input, the seeds it is asked for. */
    static BufferedReader seedsAsked() {
        return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }
}
