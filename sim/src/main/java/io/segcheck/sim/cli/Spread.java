package io.segcheck.sim.cli;

import io.segcheck.sim.runner.SeedProcesses;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Where {@code --jobs} runs the seeds of {@code sweep} and {@code sim}: threads of this JVM, or this
 * JVM and {@code jobs - 1} child JVMs ({@link io.segcheck.sim.runner.ChildSeeds}). Either way the
 * output is the same. Processes keep each world's address space to itself (no TLB flushes of the
 * other cores at every unmap) but each pays its own JIT warm-up; threads share one warm-up. Measured
 * on 2 cores, threads win at every length tried (20,000 seeds: 1.27x against 1.06x; 60,000:
 * 1.64x against 1.51x; docs/evidence/parallel.md), so the default is threads.
 */
enum Spread {
    THREADS, PROCESSES;

    static final String USAGE = "\n        [--spread threads|processes]  where --jobs runs seeds: threads of one JVM"
            + "\n                               (default), or one JVM per job (a world's address space to itself)";

    /** The hidden flag a child JVM is started with: serve seeds read from standard input. */
    static final String SERVE = "--serve-seeds";

    /** {@code --spread}; threads whenever one job runs. */
    static Spread of(Options options, int jobs) throws UsageException {
        String value = options.value("--spread").orElse("threads");
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
