package io.segcheck.sim.soak;

import io.segcheck.impl.alloc.AllocatorConfig;
import io.segcheck.impl.alloc.SegmentAllocator;
import io.segcheck.impl.alloc.SegmentAllocators;
import io.segcheck.sim.cli.Command;
import io.segcheck.sim.cli.ExitCode;
import io.segcheck.sim.cli.UsageException;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * {@code segcheck soak [--seconds N] [--threads T] [--budget BYTES] [--seed S]}: real threads lease
 * segments of random classes, stamp and verify a pattern, release; at the end no segment may be
 * leased, no release may have been rejected, and mapped bytes must have stopped growing after
 * warm-up. Exit 0 clean, 1 on a violation, 2 on bad arguments.
 */
public final class SoakCommand implements Command {

    @Override
    public String name() {
        return "soak";
    }

    @Override
    public String usage() {
        return "soak [--seconds N] [--threads T] [--budget BYTES] [--seed S]   leak and ownership soak on real threads";
    }

    @Override
    public ExitCode run(List<String> args, PrintStream out) throws UsageException, InterruptedException {
        SoakOptions options = SoakOptions.parse(args);
        AllocatorConfig config = options.allocatorConfig();
        try (SegmentAllocator allocator = SegmentAllocators.create(config)) {
            SoakWorkload workload = new AllocatorSoakWorkload(allocator);
            out.println("SEED=" + options.seed() + " seconds=" + options.seconds() + " threads=" + options.threads()
                    + " workload=" + workload.name() + " " + workload.settings()
                    + " regionBytes=" + config.regionBytes());
            SoakReport report = new SoakRunner(options.seed(), Duration.ofSeconds(options.seconds()), options.threads())
                    .run(workload);
            report.print(out);
            if (!report.clean()) {
                out.println("replay: ./segcheck soak " + options.commandLine());
                return ExitCode.VIOLATION;
            }
            return ExitCode.CLEAN;
        }
    }
}
