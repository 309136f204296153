package io.segcheck.sim.soak;

import io.segcheck.impl.alloc.AllocatorConfig;
import io.segcheck.impl.defect.Defects;
import io.segcheck.sim.cli.UsageException;

import java.util.List;
import java.util.Locale;

/**
 * Parsed {@code soak} arguments.
 *
 * @param seconds length of the load phase
 * @param threads worker threads
 * @param budgetBytes allocator byte budget
 * @param seed seed of every random choice (one derived seed per worker)
 * @param workload which load runs: {@code allocator}, {@code page} or {@code all} (both at once)
 * @param defects defects switched on
 * @param guardMode whether the allocator runs in guard mode (the default): a write through released
 *     memory then throws instead of reaching memory someone else owns, and quarantine poison is checked
 */
record SoakOptions(int seconds, int threads, long budgetBytes, long seed, String workload, Defects defects,
                   boolean guardMode) {

    static final List<String> WORKLOADS = List.of("all", "allocator", "page");
    /**
     * Default budget when pages run: small enough that the page cache's natural demand (about 1.8x
     * its weight bound, spread over seven classes of 4 MiB regions) exceeds it during warm-up, so
     * mapped bytes reach their ceiling early and the flat-after-warm-up check is meaningful.
     */
    static final long PAGE_DEFAULT_BUDGET_BYTES = 80L << 20;

    static final int DEFAULT_SECONDS = 10;
    static final int DEFAULT_THREADS = 2;
    /** Fixed so that a bare {@code ./segcheck soak} is repeatable; pass {@code --seed} to vary. */
    static final long DEFAULT_SEED = 1;
    static final int MAX_SECONDS = 7 * 24 * 3600;
    static final int MAX_THREADS = 1024;

    static SoakOptions parse(List<String> args) throws UsageException {
        int seconds = DEFAULT_SECONDS;
        int threads = DEFAULT_THREADS;
        long budgetBytes = 0; // 0: not given, resolved per workload below
        long seed = DEFAULT_SEED;
        String workload = WORKLOADS.getFirst();
        Defects defects = Defects.none();
        boolean guardMode = true;
        for (int i = 0; i < args.size(); i += 2) {
            String flag = args.get(i);
            if (i + 1 >= args.size()) {
                throw new UsageException(flag + " needs a value");
            }
            String value = args.get(i + 1);
            switch (flag) {
                case "--seconds" -> seconds = (int) parseInRange(flag, value, 1, MAX_SECONDS);
                case "--threads" -> threads = (int) parseInRange(flag, value, 1, MAX_THREADS);
                case "--budget" -> budgetBytes = parseBytes(flag, value);
                case "--seed" -> seed = parseLong(flag, value);
                case "--workload" -> workload = parseWorkload(value);
                case "--defect" -> defects = parseDefects(value);
                case "--guard-mode" -> guardMode = parseOnOff(flag, value);
                default -> throw new UsageException("unknown argument '" + flag
                        + "'; known: --seconds --threads --budget --seed --workload --defect --guard-mode");
            }
        }
        if (budgetBytes == 0) {
            budgetBytes = workload.equals("allocator") ? AllocatorConfig.DEFAULT_BUDGET_BYTES
                    : PAGE_DEFAULT_BUDGET_BYTES + PageSoakWorkload.reservedBytes(defects);
        }
        SoakOptions options = new SoakOptions(seconds, threads, budgetBytes, seed, workload, defects, guardMode);
        options.allocatorConfig(); // rejects a budget the allocator cannot use, before anything runs
        return options;
    }

    AllocatorConfig allocatorConfig() throws UsageException {
        try {
            return AllocatorConfig.defaults().withBudgetBytes(budgetBytes).withGuardMode(guardMode);
        } catch (IllegalArgumentException invalid) {
            throw new UsageException("--budget " + budgetBytes + ": " + invalid.getMessage());
        }
    }

    /** The arguments that reproduce this run's settings. */
    String commandLine() {
        return "--seconds " + seconds + " --threads " + threads + " --budget " + budgetBytes + " --seed " + seed
                + " --workload " + workload + (defects.isEmpty() ? "" : " --defect " + defects)
                + " --guard-mode " + (guardMode ? "on" : "off");
    }

    private static boolean parseOnOff(String flag, String value) throws UsageException {
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new UsageException(flag + "=" + value + " must be on or off");
        };
    }

    private static String parseWorkload(String value) throws UsageException {
        if (!WORKLOADS.contains(value)) {
            throw new UsageException("--workload=" + value + " must be one of " + WORKLOADS);
        }
        return value;
    }

    private static Defects parseDefects(String value) throws UsageException {
        try {
            return Defects.parse(value);
        } catch (IllegalArgumentException unknown) {
            throw new UsageException("--defect " + unknown.getMessage());
        }
    }

    private static long parseInRange(String flag, String value, long min, long max) throws UsageException {
        long parsed = parseLong(flag, value);
        if (parsed < min || parsed > max) {
            throw new UsageException(flag + "=" + parsed + " must be in " + min + ".." + max);
        }
        return parsed;
    }

    /** Bytes, optionally with a binary suffix: {@code 268435456}, {@code 256M}, {@code 1G}. */
    private static long parseBytes(String flag, String value) throws UsageException {
        String upper = value.toUpperCase(Locale.ROOT);
        int shift = switch (upper.isEmpty() ? ' ' : upper.charAt(upper.length() - 1)) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            default -> 0;
        };
        String digits = shift == 0 ? value : value.substring(0, value.length() - 1);
        long number = parseLong(flag, digits);
        if (number <= 0 || number > Long.MAX_VALUE >> shift) {
            throw new UsageException(flag + "=" + value + " must be a positive byte count (e.g. 268435456 or 256M)");
        }
        return number << shift;
    }

    private static long parseLong(String flag, String value) throws UsageException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException notNumber) {
            throw new UsageException(flag + "=" + value + " is not a number");
        }
    }
}
