package io.segcheck.sim.simulation;

import io.segcheck.impl.defect.Defects;
import io.segcheck.sim.runner.Outcome;
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

    /** {@code cache-pressure|runner FIRST END}: prints the lines of seeds FIRST..END-1. */
    public static void main(String[] args) {
        lines(args[0], Long.parseLong(args[1]), Long.parseLong(args[2])).forEach(System.out::println);
    }

    static List<String> lines(String workload, long first, long end) {
        List<String> lines = new ArrayList<>();
        Runner runner = new Runner(new WorldFactory());
        for (long seed = first; seed < end; seed++) {
            lines.add(switch (workload) {
                case "cache-pressure" -> CachePressure.hashLine(seed);
                case "runner" -> runnerLine(runner, seed);
                default -> throw new IllegalArgumentException("workload=" + workload + " must be cache-pressure or runner");
            });
        }
        return lines;
    }

    private static String runnerLine(Runner runner, long seed) {
        RunConfig config = RunConfig.forSeed(seed, RUNNER_STEPS, Defects.none());
        return line(seed, runner.execute(config, runner.generate(config)));
    }

    static String line(long seed, Outcome outcome) {
        return "seed=" + seed + " traceHash=" + TraceHash.hex(outcome.traceHash()) + " "
                + outcome.signature().orElse("clean");
    }
}
