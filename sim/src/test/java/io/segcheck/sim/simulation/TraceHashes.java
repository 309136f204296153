package io.segcheck.sim.simulation;

import io.segcheck.sim.runner.Switches;
import io.segcheck.impl.defect.Defects;
import io.segcheck.sim.runner.RunOutcome;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.Runner;
import io.segcheck.sim.runner.TraceHash;
import io.segcheck.sim.world.WorldFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code seed=N traceHash=H clean|VIOLATION} line per seed, of {@link CachePressure}'s simulations
 * or of the sequence runner's worlds; {@link #main} prints them in a second JVM.
 */
final class TraceHashes {

    /** Steps per sequence-runner seed: the runner's own mix, with each seed's cache size and budget. */
    static final int RUNNER_STEPS = 1_000;

    private TraceHashes() {
    }

    /**
     * {@code cache-pressure|runner FIRST END [backwards]}: prints the lines of seeds FIRST..END-1, in
     * that order or (backwards) from the last, so each seed runs after other seeds than it did before.
     */
    public static void main(String[] args) {
        boolean backwards = args.length > 3 && args[3].equals("backwards");
        lines(args[0], Long.parseLong(args[1]), Long.parseLong(args[2]), backwards).forEach(System.out::println);
    }

    /** The lines in seed order, whichever order the seeds ran in. */
    static List<String> lines(String workload, long first, long end, boolean backwards) {
        List<String> lines = new ArrayList<>();
        Runner runner = new Runner(new WorldFactory());
        for (long i = first; i < end; i++) {
            long seed = backwards ? end - 1 - (i - first) : i;
            lines.add(switch (workload) {
                case "cache-pressure" -> CachePressure.hashLine(seed);
                case "runner" -> runnerLine(runner, seed);
                default -> throw new IllegalArgumentException("workload=" + workload + " must be cache-pressure or runner");
            });
        }
        if (backwards) {
            java.util.Collections.reverse(lines);
        }
        return lines;
    }

    private static String runnerLine(Runner runner, long seed) {
        RunConfig config = RunConfig.forSeed(seed, RUNNER_STEPS, Switches.none());
        return line(seed, runner.execute(config, runner.generate(config)));
    }

    static String line(long seed, RunOutcome outcome) {
        return "seed=" + seed + " traceHash=" + TraceHash.hex(outcome.traceHash()) + " "
                + outcome.signature().orElse("clean");
    }
}
