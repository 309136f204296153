package io.segcheck.sim.cli;

import io.segcheck.impl.defect.Defects;
import io.segcheck.sim.soak.Soak;
import io.segcheck.sim.soak.SoakReport;
import io.segcheck.sim.soak.SoakSettings;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * {@code segcheck soak}: the leak and ownership soak on real threads ({@link Soak}). {@code --defect}
 * switches historic defects on (with guard mode, so the defect cannot write memory someone else
 * owns). Exit 0 clean, 1 on a violation, 2 on bad arguments.
 */
final class SoakCommand implements Command {

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
        SoakSettings settings = parse(args);
        SoakReport report = Soak.run(settings, out::println);
        report.print(out);
        if (!report.clean()) {
            out.println("replay: ./segcheck soak " + settings.commandLine());
            return ExitCode.VIOLATION;
        }
        return ExitCode.CLEAN;
    }

    static SoakSettings parse(List<String> args) throws UsageException {
        Options options = Options.parse(args, Set.of("--seconds", "--threads", "--budget", "--seed", "--workload",
                "--defect", "--guard-mode"), Set.of());
        if (!options.positional().isEmpty()) {
            throw new UsageException("unexpected argument " + options.positional().getFirst());
        }
        String workload = options.value("--workload").orElse(SoakSettings.WORKLOADS.getFirst());
        if (!SoakSettings.WORKLOADS.contains(workload)) {
            throw new UsageException("--workload=" + workload + " must be one of " + SoakSettings.WORKLOADS);
        }
        SoakSettings settings = new SoakSettings(
                options.intValue("--seconds", SoakSettings.DEFAULT_SECONDS, 1, SoakSettings.MAX_SECONDS),
                options.intValue("--threads", SoakSettings.DEFAULT_THREADS, 1, SoakSettings.MAX_THREADS),
                options.bytesValue("--budget", 0), options.longValue("--seed", SoakSettings.DEFAULT_SEED), workload,
                options.defects("--defect").orElse(Defects.none()), options.onOff("--guard-mode", true));
        try {
            settings.allocatorConfig(); // rejects a budget the allocator cannot use, before anything runs
        } catch (IllegalArgumentException invalid) {
            throw new UsageException("--budget " + settings.resolved().budgetBytes() + ": " + invalid.getMessage());
        }
        return settings;
    }
}
