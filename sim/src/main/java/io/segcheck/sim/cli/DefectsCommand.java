package io.segcheck.sim.cli;

import io.segcheck.impl.defect.Defect;

import java.io.PrintStream;
import java.util.List;

/** {@code segcheck defects}: lists every switchable historic defect with one line on what it does. */
final class DefectsCommand implements Command {

    @Override
    public String name() {
        return "defects";
    }

    @Override
    public String usage() {
        return "defects                      list the switchable historic defects";
    }

    @Override
    public ExitCode run(List<String> args, PrintStream out) throws UsageException {
        if (!args.isEmpty()) {
            throw new UsageException("defects takes no arguments, got " + args);
        }
        for (Defect defect : Defect.values()) {
            out.printf("%-24s %s%s%n", defect.name(), defect.description(),
                    defect.detectorExpected() ? "" : " [" + Defect.NO_DETECTOR_YET + "]");
        }
        return ExitCode.CLEAN;
    }
}
