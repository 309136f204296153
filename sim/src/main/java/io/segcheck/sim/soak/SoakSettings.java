package io.segcheck.sim.soak;

import io.segcheck.impl.alloc.AllocatorConfig;
import io.segcheck.impl.defect.Defects;

import java.util.List;

/**
 * The settings of one soak run. Parsing them from a command line is the CLI's job
 * ({@code io.segcheck.sim.cli.SoakCommand}); this package knows nothing of the CLI.
 *
 * @param seconds length of the load phase
 * @param threads worker threads
 * @param budgetBytes allocator byte budget; 0 picks the workload's default ({@link #resolved()})
 * @param seed seed of every random choice (one derived seed per worker)
 * @param workload which load runs: {@code allocator}, {@code page} or {@code all} (both at once)
 * @param defects defects switched on
 * @param guardMode whether the allocator runs in guard mode (the default): a write through released
 *     memory then throws instead of reaching memory someone else owns, and quarantine poison is checked
 */
public record SoakSettings(int seconds, int threads, long budgetBytes, long seed, String workload, Defects defects,
                           boolean guardMode) {

    public static final List<String> WORKLOADS = List.of("all", "allocator", "page");
    /**
     * Default budget when pages run: small enough that the page cache's natural demand (about 1.8x
     * its weight bound, spread over seven classes of 4 MiB regions) exceeds it during warm-up, so
     * mapped bytes reach their ceiling early and the flat-after-warm-up check is meaningful.
     */
    public static final long PAGE_DEFAULT_BUDGET_BYTES = 80L << 20;
    public static final int DEFAULT_SECONDS = 10;
    public static final int DEFAULT_THREADS = 2;
    /** Fixed so that a bare {@code ./segcheck soak} is repeatable; pass {@code --seed} to vary. */
    public static final long DEFAULT_SEED = 1;
    public static final int MAX_SECONDS = 7 * 24 * 3600;
    public static final int MAX_THREADS = 1024;

    public SoakSettings {
        if (!WORKLOADS.contains(workload)) {
            throw new IllegalArgumentException("workload=" + workload + " must be one of " + WORKLOADS);
        }
    }

    /** These settings with the workload's default budget when none was given. */
    public SoakSettings resolved() {
        if (budgetBytes != 0) {
            return this;
        }
        long budget = workload.equals("allocator") ? AllocatorConfig.DEFAULT_BUDGET_BYTES
                : PAGE_DEFAULT_BUDGET_BYTES + PageSoakWorkload.reservedBytes(defects);
        return new SoakSettings(seconds, threads, budget, seed, workload, defects, guardMode);
    }

    /**
     * The allocator's configuration.
     *
     * @throws IllegalArgumentException when the allocator cannot use the budget
     */
    public AllocatorConfig allocatorConfig() {
        return AllocatorConfig.defaults().withBudgetBytes(resolved().budgetBytes).withGuardMode(guardMode);
    }

    /** The command-line arguments that reproduce this run's settings. */
    public String commandLine() {
        SoakSettings resolved = resolved();
        return "--seconds " + seconds + " --threads " + threads + " --budget " + resolved.budgetBytes + " --seed "
                + seed + " --workload " + workload + (defects.isEmpty() ? "" : " --defect " + defects)
                + " --guard-mode " + (guardMode ? "on" : "off");
    }
}
