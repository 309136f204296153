package io.segcheck.sim.soak;

import io.segcheck.impl.alloc.AllocatorConfig;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.alloc.SegmentAllocators;
import io.segcheck.sim.cli.Command;
import io.segcheck.sim.cli.ExitCode;
import io.segcheck.sim.cli.UsageException;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * {@code segcheck soak [--seconds N] [--threads T] [--budget BYTES] [--seed S] [--workload W]
 * [--defect NAME]}: real threads lease segments of random classes, stamp and verify a pattern,
 * release ({@link AllocatorSoakWorkload}), and write, grow, cache and read pages
 * ({@link PageSoakWorkload}); {@code --workload all} (the default) runs both on one allocator.
 * At the end no segment may be leased, no release may have been rejected, and mapped bytes must
 * have stopped growing after warm-up. {@code --defect} switches historic defects on (and guard
 * mode, so the defect cannot write memory someone else owns). Exit 0 clean, 1 on a violation, 2
 * on bad arguments.
 */
public final class SoakCommand implements Command {

    @Override
    public String name() {
        return "soak";
    }

    @Override
    public String usage() {
        return "soak [--seconds N] [--threads T] [--budget BYTES] [--seed S] [--workload all|allocator|page]"
                + " [--defect NAME] [--guard-mode on|off]   leak and ownership soak on real threads";
    }

    @Override
    public ExitCode run(List<String> args, PrintStream out) throws UsageException, InterruptedException {
        SoakOptions options = SoakOptions.parse(args);
        AllocatorConfig config = options.allocatorConfig();
        try (OffHeapAllocator allocator = SegmentAllocators.create(config)) {
            SoakWorkload workload = workload(options, allocator);
            out.println("SEED=" + options.seed() + " seconds=" + options.seconds() + " threads=" + options.threads()
                    + " workload=" + workload.name() + " " + workload.settings()
                    + " regionBytes=" + config.regionBytes() + " guardMode=" + config.guardMode());
            SoakReport report = SoakChecks.withPoisonViolations(allocator,
                    new SoakRunner(options.seed(), Duration.ofSeconds(options.seconds()), options.threads()).run(workload));
            report.print(out);
            if (!report.clean()) {
                out.println("replay: ./segcheck soak " + options.commandLine());
                return ExitCode.VIOLATION;
            }
            return ExitCode.CLEAN;
        }
    }

    /**
     * Runs one soak from command-line arguments (as {@code segcheck soak} takes them) and answers
     * its report without printing; for the detection matrix.
     */
    public static SoakReport soak(List<String> args) throws UsageException, InterruptedException {
        SoakOptions options = SoakOptions.parse(args);
        try (OffHeapAllocator allocator = SegmentAllocators.create(options.allocatorConfig())) {
            return new SoakRunner(options.seed(), Duration.ofSeconds(options.seconds()), options.threads())
                    .run(workload(options, allocator));
        }
    }

    /** The allocator load, the page/pool/cache load, or both at once on one allocator. */
    private static SoakWorkload workload(SoakOptions options, OffHeapAllocator allocator) {
        return switch (options.workload()) {
            case "allocator" -> new AllocatorSoakWorkload(allocator);
            case "page" -> PageSoakWorkload.forBudget(allocator, options.defects(), options.budgetBytes());
            default -> new CombinedSoakWorkload(List.of(
                    PageSoakWorkload.forBudget(allocator, options.defects(), options.budgetBytes()),
                    new AllocatorSoakWorkload(allocator)));
        };
    }
}
