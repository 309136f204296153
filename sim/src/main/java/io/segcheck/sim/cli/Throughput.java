package io.segcheck.sim.cli;

/**
 * Seeds and steps per second of a run on {@code jobs} threads: the aggregate, and per core, the
 * aggregate over the cores the jobs could use (at most the machine's processors), so a run on more
 * cores shows whether each core kept its pace.
 */
record Throughput(long seeds, long steps, long nanos, int jobs) {

    double seconds() {
        return Math.max(1e-9, nanos / 1e9);
    }

    double seedsPerSecond() {
        return seeds / seconds();
    }

    /** The cores the jobs could keep busy. */
    int cores() {
        return Math.max(1, Math.min(jobs, Runtime.getRuntime().availableProcessors()));
    }

    /** {@code 120 seeds/s, 24000 steps/s; 2 jobs, 60 seeds/s per core}. */
    String rates() {
        return String.format("%.0f seeds/s, %.0f steps/s; %d job%s, %.0f seeds/s per core", seedsPerSecond(),
                steps / seconds(), jobs, jobs == 1 ? "" : "s", seedsPerSecond() / cores());
    }

    /** {@code 1000 seeds, 200000 steps in 8.33 s (rates)}. */
    String summary() {
        return String.format("%d seeds, %d steps in %.2f s (%s)", seeds, steps, seconds(), rates());
    }
}
